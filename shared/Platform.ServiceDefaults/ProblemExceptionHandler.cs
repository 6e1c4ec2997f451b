using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults;

/// <summary>
/// Turns exceptions into ProblemDetails: bad input 400, rule and concurrency conflicts 409, an unreachable database
/// 503 with Retry-After, the rest 500.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad when Find<InvalidInputException>(bad) is { } invalid => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [invalid.Field] = [$"'{invalid.Field}' {invalid.Message}."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
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
            _ when Find<PostgresException>(exception) is { SqlState: var state } pg && state.StartsWith("22", StringComparison.Ordinal) =>
                new ProblemDetails
                {
                    // Data exceptions (a value too long for its column, a byte or character the database refuses, a
                    // number or date out of its range): the transaction was rolled back, nothing changed. The rules at
                    // the edge should have caught it first; this answer keeps a slip from becoming a 500.
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Bad request",
                    Detail = $"A value cannot be stored{(pg.ColumnName is { } column ? $" in '{column}'" : "")}: it is too long, out of range or holds a character that is not allowed. Nothing was changed.",
                    Extensions = { ["code"] = "invalid-value" },
                },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ when IsDatabaseUnavailable(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "The service's database cannot be reached right now; nothing was changed. Retry shortly.",
                Extensions = { ["code"] = "database-unavailable" },
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal server error",
                Detail = "An unexpected error occurred. The trace id identifies it in the logs.",
            },
        };

        if (problem is null) return true;
        if (problem.Status >= 500) LogUnhandled(exception);
        else if (problem.Extensions.TryGetValue("code", out var code) && code is "invalid-value") LogRefusedByDatabase(exception);

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable) httpContext.Response.Headers.RetryAfter = "2";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// PostgreSQL is down, restarting or refusing connections (a transient Npgsql failure, connection and shutdown
    /// states 08xxx/57Pxx, too many connections 53300): the request did nothing, and the client may retry.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == PostgresErrorCodes.TooManyConnections:
                case NpgsqlException { IsTransient: true } and not PostgresException:
                case System.Net.Sockets.SocketException:
                case DatabaseUnavailableException:
                    return true;
            }
        }

        return false;
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    private static string DescribeBadRequest(BadHttpRequestException bad)
    {
        if (Find<JsonException>(bad) is { } json)
            return string.IsNullOrEmpty(json.Path) || json.Path == "$"
                ? "The request body is not valid JSON."
                : $"The request body has an invalid value at '{json.Path}' (malformed JSON, wrong type or unknown enum value).";

        // The framework's own wording for a missing body is written for developers; say it plainly.
        return bad.Message.Contains("no body was provided", StringComparison.Ordinal)
            ? "A JSON request body is required."
            : bad.Message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused a value that the edge rules let through")]
    private partial void LogRefusedByDatabase(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private partial void LogUnhandled(Exception exception);
}

/// <summary>The database went away during a request after a point where Npgsql would not say so itself (a transaction
/// already completed by a broken connection): answered as 503 <c>database-unavailable</c>, like the outage it is.</summary>
public sealed class DatabaseUnavailableException(string message) : Exception(message);
