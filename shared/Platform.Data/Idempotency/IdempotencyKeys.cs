using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Platform.Data;

/// <summary>
/// <c>Idempotency-Key</c> (IETF httpapi draft) on every POST of a service: the first outcome of a (caller, key) is
/// kept 24 h and replayed to a retry. See <see cref="IdempotencyKeyMiddleware{TDbContext}"/> for the rules.
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Set on a replayed answer, so a client (and a log) can tell it from a first one.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;

    /// <summary>
    /// Honours <c>Idempotency-Key</c> on the service's POST endpoints. Call after <c>MapDefaultEndpoints()</c> (the
    /// caller must be authenticated first, and errors are worded by the exception handler outside it).
    /// </summary>
    public static IApplicationBuilder UseIdempotencyKeys<TDbContext>(this IApplicationBuilder app) where TDbContext : DbContext =>
        app.UseMiddleware<IdempotencyKeyMiddleware<TDbContext>>();

    /// <summary>
    /// Leaves an endpoint out: the header is ignored there. For endpoints that keep their own duplicate rule and
    /// cannot run inside the request's transaction (e.g. signed inbound hooks).
    /// </summary>
    public static TBuilder WithoutIdempotencyKeys<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new WithoutIdempotencyKeysMetadata());

    /// <summary>
    /// The key in the header: one value, 1–255 visible ASCII characters. The draft defines the header as a
    /// structured-field string (<c>"8e03978e-40d5"</c>); a bare value is taken as it is. Null when invalid.
    /// </summary>
    public static string? Parse(StringValues values)
    {
        if (values.Count != 1 || values[0] is not { } raw) return null;
        raw = raw.Trim();
        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"') raw = raw[1..^1];
        if (raw.Length is 0 or > MaxKeyLength) return null;
        foreach (var c in raw)
            if (c is < ' ' or > '~' or '"' or '\\') return null;
        return raw;
    }
}

/// <summary>Endpoint metadata: <c>Idempotency-Key</c> is ignored on this endpoint.</summary>
public sealed class WithoutIdempotencyKeysMetadata;

/// <summary>Settings (section "Idempotency").</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long a key and its outcome are kept (and replayed).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a request waits for a first one with the same key to finish before answering 409
    /// idempotency-key-in-progress. Zero waits without limit.
    /// </summary>
    public TimeSpan InProgressWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often keys older than <see cref="Retention"/> are deleted.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
