using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults;

/// <summary>Turns exceptions into ProblemDetails: bad input 400, rule and concurrency conflicts 409, the rest 500.</summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Bad request",
                Detail = DescribeBadRequest(bad),
            },
            DomainException domain => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = domain.Message,
                Extensions = { ["code"] = domain.Code },
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = "The resource was changed by someone else meanwhile; read it again and retry.",
                Extensions = { ["code"] = "concurrency-conflict" },
            },
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = "A resource with the same identity already exists.",
                Extensions = { ["code"] = "duplicate" },
            },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal server error",
                Detail = "An unexpected error occurred. The trace id identifies it in the logs.",
            },
        };

        if (problem is null) return true;
        if (problem.Status >= 500) LogUnhandled(exception);

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static string DescribeBadRequest(BadHttpRequestException bad)
    {
        for (Exception? inner = bad.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
                return string.IsNullOrEmpty(json.Path) || json.Path == "$"
                    ? "The request body is not valid JSON."
                    : $"The request body has an invalid value at '{json.Path}' (malformed JSON, wrong type or unknown enum value).";
        }

        // The framework's own wording for a missing body is written for developers; say it plainly.
        return bad.Message.Contains("no body was provided", StringComparison.Ordinal)
            ? "A JSON request body is required."
            : bad.Message;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private partial void LogUnhandled(Exception exception);
}
