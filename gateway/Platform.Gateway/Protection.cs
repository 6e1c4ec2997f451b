using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway;

/// <summary>Per-client rate limits ("Gateway:RateLimit" section).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sustained requests per second for one client (token subject, else remote address).</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>How many requests one client may send at once above the sustained rate.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Sign-in attempts per minute from one address (password guessing).</summary>
    public int SignInPerMinute { get; set; } = 60;

    /// <summary>
    /// Signed deliveries per second to one inbound source (/hooks/{source}), whoever sends them: a monitoring tool in an
    /// alert storm is one address sending thousands of alerts, which a per-client limit would refuse. The service checks
    /// each signature; this only bounds what an unsigned flood can make it check.
    /// </summary>
    public int HookPermitsPerSecond { get; set; } = 10_000;

    /// <summary>Deliveries one source may send at once above <see cref="HookPermitsPerSecond"/>.</summary>
    public int HookBurst { get; set; } = 20_000;
}

public static class GatewayProtection
{
    public const string PerClient = "per-client";
    public const string SignIn = "sign-in";
    public const string Hooks = "hooks";

    /// <summary>
    /// Refuses request bodies over Gateway:MaxRequestBodyBytes (default 1 MiB) with 413: at once when the
    /// Content-Length says so, and while streaming otherwise (Kestrel's per-request limit). A route may set its own
    /// limit in its metadata ("MaxRequestBodyBytes", e.g. for file uploads).
    /// </summary>
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long defaultMaxBytes) => app.Use((context, next) =>
    {
        var maxBytes = RouteLimit(context) ?? defaultMaxBytes;
        if (context.Request.ContentLength > maxBytes)
        {
            return GatewayProblems.WriteAsync(context.Response, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"Request bodies are limited to {maxBytes} bytes.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
        return next(context);
    });

    private static long? RouteLimit(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Yarp.ReverseProxy.Model.RouteModel>()?.Config.Metadata is { } metadata
        && metadata.TryGetValue("MaxRequestBodyBytes", out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : null;

    /// <summary>Rate limits per client with 429 + Retry-After.</summary>
    public static WebApplicationBuilder AddGatewayProtection(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Gateway:RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PerClient, context => RateLimitPartition.GetTokenBucketLimiter(ClientKey(context),
                _ => Bucket(limits.PermitsPerSecond, limits.Burst)));
            options.AddPolicy(Hooks, context => RateLimitPartition.GetTokenBucketLimiter(HookSource(context),
                _ => Bucket(limits.HookPermitsPerSecond, limits.HookBurst)));
            options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await GatewayProblems.WriteAsync(response, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"Rate limit reached; retry after {seconds} s.", cancellationToken: cancellationToken);
            };
        });
        return builder;
    }

    /// <summary>A bucket of <paramref name="burst"/> tokens refilled by <paramref name="perSecond"/> a second; no queue (429 at once).</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>"/hooks/{source}" → the source, lower case (the service treats it so), at most 100 characters.</summary>
    private static string HookSource(HttpContext context)
    {
        var rest = context.Request.Path.Value.AsSpan();
        rest = rest.Length > 7 ? rest[7..] : [];
        var end = rest.IndexOf('/');
        if (end >= 0) rest = rest[..end];
        if (rest.Length > 100) rest = rest[..100];
        return "hooks:" + rest.ToString().ToLowerInvariant();
    }

    private static string ClientKey(HttpContext context) =>
        context.User.FindFirst("sub")?.Value ?? context.User.FindFirst("client_id")?.Value
        ?? "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}

/// <summary>
/// Identity travels only in the bearer token, which each service validates itself. Headers a client could forge
/// to pose as someone (X-User-Id, X-Forwarded-User, X-Remote-User, X-Auth-Request-*, X-Roles…) never pass.
/// </summary>
public static class ForgedHeaders
{
    private static readonly string[] Prefixes = ["X-User", "X-Auth", "X-Remote-User", "X-Forwarded-User", "X-Forwarded-Email",
        "X-Forwarded-Groups", "X-Roles", "X-Client-Id", "X-MS-CLIENT-PRINCIPAL", "Remote-User"];

    public static bool IsForged(string header) =>
        Prefixes.Any(prefix => header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public static ValueTask StripAsync(RequestTransformContext context)
    {
        Strip(context.ProxyRequest);
        return ValueTask.CompletedTask;
    }

    public static void Strip(HttpRequestMessage request)
    {
        // NonValidated: the names only. Enumerating the validated view parsed every value of every request (the bearer
        // token into an AuthenticationHeaderValue among them), 3.5 % of the gateway's CPU on the cheap GET.
        List<string>? forged = null;
        foreach (var header in request.Headers.NonValidated)
            if (IsForged(header.Key)) (forged ??= []).Add(header.Key);
        if (forged is null) return;
        foreach (var name in forged) request.Headers.Remove(name);
    }
}

/// <summary>
/// When the service behind a route cannot be reached (down, restarting, timing out), the client gets a
/// ProblemDetails saying so — 502 for a refused or broken connection, 504 for a timeout — instead of an empty body.
/// </summary>
public static class UpstreamProblems
{
    public static IReverseProxyApplicationBuilder UseUpstreamProblems(this IReverseProxyApplicationBuilder pipeline)
    {
        pipeline.Use(async (context, next) =>
        {
            await next();
            if (context.GetForwarderErrorFeature() is not { } error || context.Response.HasStarted) return;
            var timeout = error.Error is ForwarderError.RequestTimedOut;
            var status = timeout ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
            var service = context.GetReverseProxyFeature().Route.Config.ClusterId ?? "the service";
            context.Response.Headers.RetryAfter = "2";
            await GatewayProblems.WriteAsync(context.Response, status, timeout ? "Gateway timeout" : "Bad gateway",
                timeout
                    ? $"The {service} service did not answer in time; the request may or may not have been applied."
                    : $"The {service} service cannot be reached right now; retry shortly.",
                code: "upstream-unavailable");
        });
        return pipeline;
    }
}

/// <summary>The gateway's own refusals (413, 429, 502/504) as RFC 9457 ProblemDetails, like the services' errors.</summary>
public static class GatewayProblems
{
    public static Task WriteAsync(HttpResponse response, int status, string title, string detail, string? code = null,
        CancellationToken cancellationToken = default)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (code is not null) problem.Extensions["code"] = code;
        response.StatusCode = status;
        return response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken);
    }
}
