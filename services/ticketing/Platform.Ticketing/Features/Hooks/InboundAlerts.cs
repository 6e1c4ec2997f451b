namespace Platform.Ticketing.Features.Hooks;

/// <summary>Inbound sources ("Inbound:Sources:{name}:Secret"): tools that post signed events to /hooks/{name}.</summary>
public sealed class InboundOptions
{
    public Dictionary<string, InboundSource> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How old (or how far ahead) a signature timestamp may be.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest body accepted.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// A repeat of a firing alert on an open ticket adds a comment only when its description differs from the last one
    /// commented, or the last comment is older than this; otherwise it is only counted on the alert (an alert storm
    /// must not write hundreds of identical comments, nor mail them to whoever watches the ticket).
    /// </summary>
    public TimeSpan RepeatQuietPeriod { get; set; } = TimeSpan.FromMinutes(10);
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
    /// <summary>Deliveries into the current ticket (the first one included).</summary>
    public int Deliveries { get; set; }
    public DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>When a delivery last wrote a comment on the ticket (or opened it).</summary>
    public DateTimeOffset? LastCommentedAt { get; set; }
    /// <summary><see cref="AlertText.Hash"/> of the description that delivery carried.</summary>
    public string? LastCommentHash { get; set; }

    public void Commented(string description, DateTimeOffset now)
    {
        LastCommentedAt = now;
        LastCommentHash = AlertText.Hash(description);
    }
}

public static class AlertText
{
    /// <summary>A short fingerprint of an alert's description, to tell a repeat with news from one without.</summary>
    public static string Hash(string description) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(description)))[..32];
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
