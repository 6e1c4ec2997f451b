using Platform.Data;

namespace Platform.Messaging.Inbox;

/// <summary>Marks that a consumer has handled a message; the key (message id, consumer) makes redelivery a no-op.</summary>
[NotAudited] // the messaging bookkeeping is its own record
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public required string MessageType { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
