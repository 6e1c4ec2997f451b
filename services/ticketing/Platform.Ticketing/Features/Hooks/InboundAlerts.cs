namespace Platform.Ticketing.Features.Hooks;

/// <summary>Inbound sources ("Inbound:Sources:{name}:Secret"): tools that post signed events to /hooks/{name}.</summary>
public sealed class InboundOptions
{
    public Dictionary<string, InboundSource> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How old (or how far ahead) a signature timestamp may be.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest body accepted.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;
}

public sealed class InboundSource
{
    public string? Secret { get; set; }
}

/// <summary>Which ticket an alert of a source became: the key (source, alert id) deduplicates deliveries.</summary>
public sealed class InboundAlert
{
    public required string Source { get; init; }
    public required string AlertId { get; init; }
    public Guid TicketId { get; set; }
    public required string LastStatus { get; set; }
    public int Deliveries { get; set; }
    public DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>
/// A signature accepted from a source, remembered while its timestamp is within the tolerance window so that the very
/// same request (same timestamp, same signature) is refused when it comes again. Written in the transaction of the
/// delivery's effect; rows whose timestamp has left the window are deleted as deliveries come in.
/// </summary>
public sealed class InboundHookSignature
{
    public required string Source { get; init; }
    public required string Signature { get; init; }
    /// <summary>The signed X-Signature-Timestamp.</summary>
    public DateTimeOffset SignedAt { get; init; }
    public DateTimeOffset SeenAt { get; init; }
}

/// <summary>
/// Inbound hooks are signed the platform's way (<see cref="HmacSignature"/>: "X-Signature: sha256=&lt;hex&gt;" over
/// "{timestamp}.{body}" with "X-Signature-Timestamp: &lt;unix seconds&gt;"); this words the outcome for the caller.
/// </summary>
public static class HookSignature
{
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) => HmacSignature.Sign(secret, timestamp, body);

    /// <summary>Null when the signature holds; otherwise why not.</summary>
    public static string? Check(string? secret, string? signature, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret)) return "Unknown source.";
        return HmacSignature.Check(secret, signature, timestamp, body, now, tolerance) switch
        {
            HmacCheck.Valid => null,
            HmacCheck.Missing => "X-Signature and X-Signature-Timestamp are required.",
            HmacCheck.BadTimestamp => "X-Signature-Timestamp must be Unix seconds.",
            HmacCheck.OutsideTolerance => $"The signature timestamp is more than {tolerance.TotalMinutes:0} minutes away from now.",
            _ => "The signature does not match.",
        };
    }
}
