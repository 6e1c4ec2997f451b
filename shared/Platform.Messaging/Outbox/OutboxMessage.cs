using Platform.Data;

namespace Platform.Messaging.Outbox;

/// <summary>
/// One integration event waiting to be published. Written in the same transaction as the state change that
/// raised it; the <see cref="OutboxDispatcher{TDbContext}"/> publishes it and stamps <see cref="DispatchedAt"/>.
/// </summary>
[NotAudited] // the messaging bookkeeping is its own record
public sealed class OutboxMessage
{
    /// <summary>The message id; kept as the MassTransit MessageId so that consumers can de-duplicate.</summary>
    public Guid Id { get; init; }

    /// <summary>Contract name, the event type's full name (for example Platform.Contracts.Ticketing.TicketCreated).</summary>
    public required string Type { get; init; }

    /// <summary>The event serialised as JSON (jsonb).</summary>
    public required string Body { get; init; }

    /// <summary>W3C traceparent of the activity that raised the event, so the trace continues through the bus.</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
