namespace Platform.Data;

/// <summary>
/// A client's <c>Idempotency-Key</c> and the outcome of the request that first carried it, keyed by (caller, key).
/// The row is written in the transaction of the request's own writes (see <see cref="IdempotencyKeyMiddleware{TDbContext}"/>),
/// so a committed row always holds an outcome, and a write that committed always has its row.
/// </summary>
public sealed class IdempotencyKey
{
    /// <summary>Who sent it: the token's subject, or its client id for client-credentials tokens.</summary>
    public required string Caller { get; init; }

    /// <summary>The header's value, as the client sent it (quotes of a structured-field string removed).</summary>
    public required string Key { get; init; }

    /// <summary>SHA-256 (hex) of method, path and query, and body: the same key on another request is refused.</summary>
    public required string RequestHash { get; set; }

    /// <summary>The first outcome's status code; null only while that request is still running (never committed so).</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public byte[]? ResponseBody { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
