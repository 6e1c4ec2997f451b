using System.Security.Cryptography;
using Platform.ServiceDefaults;

namespace Platform.Notifications.Domain;

public enum SubscriptionStatus
{
    Active,

    /// <summary>Switched off by its owner.</summary>
    Paused,

    /// <summary>Switched off by the platform after too many failed attempts in a row; the owner was told.</summary>
    Disabled,
}

/// <summary>A third-party tool's webhook: where to send which events, signed with its secret.</summary>
public sealed class Subscription
{
    public Guid Id { get; init; }
    public required string Owner { get; init; }
    public required string Url { get; set; }
    public required string Secret { get; set; }
    public string? Description { get; set; }
    public List<string> EventTypes { get; set; } = [];
    public Filters Filters { get; set; } = Filters.None;
    public SubscriptionStatus Status { get; set; } = SubscriptionStatus.Active;
    public string? DisabledReason { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; private set; }

    public bool Wants(EventFacts facts) =>
        Status == SubscriptionStatus.Active && EventCatalog.Matches(EventTypes, facts.Type, facts.Domain) && Filters.Match(facts);

    public bool Wants(LoggedEvent e) =>
        EventCatalog.Matches(EventTypes, e.Type, e.Domain) && Filters.Match(e.Severity, e.ProjectKey, e.Priority, e.Category, e.Status);

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

/// <summary>
/// Every event notifications received, as received (id = the message id the publisher's outbox gave it, which is
/// also the CloudEvent id), kept for replay and for the delivery log.
/// </summary>
[Platform.Data.NotAudited]
public sealed class LoggedEvent
{
    public Guid Id { get; init; }
    public long Seq { get; private set; }
    public required string Type { get; init; }
    public required string Domain { get; init; }
    public string? Subject { get; init; }
    public string? Severity { get; init; }
    public string? ProjectKey { get; init; }
    public string? Priority { get; init; }
    public string? Category { get; init; }
    public string? Status { get; init; }
    public required string Data { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>W3C traceparent of the flow that raised the event (the consumer's span in it), sent as the CloudEvent's <c>traceparent</c>.</summary>
    public string? TraceParent { get; init; }

    /// <summary>W3C tracestate of that flow, when it had one (the CloudEvent's <c>tracestate</c>).</summary>
    public string? TraceState { get; init; }
}

public enum DeliveryChannel
{
    Webhook,
    Email,
    Digest,
}

public enum DeliveryStatus
{
    Pending,
    Delivered,

    /// <summary>Gave up after the last retry (or the subscription was disabled); redeliver through the API.</summary>
    Parked,
}

/// <summary>
/// One event to one target ("webhook:&lt;subscription&gt;", "email:&lt;user&gt;", "digest:&lt;user&gt;"); unique per
/// (event, target), so however often an event arrives, a target is sent it by one row. The dispatcher claims due
/// rows under a lease, sends, and records each attempt.
/// </summary>
[Platform.Data.NotAudited]
public sealed class DeliveryRecord
{
    public long Id { get; private set; }
    public Guid EventId { get; init; }
    public required string Target { get; init; }
    public DeliveryChannel Channel { get; init; }
    public required string Recipient { get; init; }
    public Guid? SubscriptionId { get; init; }
    public Guid? ReplayId { get; init; }
    public bool Urgent { get; init; }
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public int? LastLatencyMs { get; set; }

    public static string WebhookTarget(Guid subscriptionId, Guid? replayId = null) =>
        replayId is null ? $"webhook:{subscriptionId}" : $"webhook:{subscriptionId}:replay:{replayId}";
}

[Platform.Data.NotAudited]
public sealed class DeliveryAttempt
{
    public long Id { get; private set; }
    public long DeliveryId { get; init; }
    public int Number { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Outcome { get; init; }
    public int? StatusCode { get; init; }
    public string? Error { get; init; }
    public int LatencyMs { get; init; }
}

/// <summary>Exponential back-off with full jitter: attempt n waits a random time up to min(max, base × 2^(n-1)), at least base/2.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var floor = Math.Min(baseDelay.TotalMilliseconds / 2, ceiling);
        return TimeSpan.FromMilliseconds(floor + (ceiling - floor) * random);
    }
}

/// <summary>
/// Signatures on outgoing webhooks: the platform's <see cref="HmacSignature"/>, the same scheme it accepts on /hooks.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = HmacSignature.SignatureHeader;
    public const string TimestampHeader = HmacSignature.TimestampHeader;

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) => HmacSignature.Sign(secret, timestamp, body);

    /// <summary>What a receiver does: the timestamp within the tolerance, and the HMAC equal in constant time.</summary>
    public static bool Verify(string secret, string? signature, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance) =>
        HmacSignature.Verify(secret, signature, timestamp, body, now, tolerance);
}
