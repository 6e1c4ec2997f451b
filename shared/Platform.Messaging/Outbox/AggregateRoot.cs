using Platform.Contracts;

namespace Platform.Messaging.Outbox;

/// <summary>
/// An entity that raises integration events as its state changes. On SaveChanges the raised events are moved
/// into the outbox, in the same transaction as the change (see <see cref="OutboxCommitInterceptor"/>).
/// </summary>
public abstract class AggregateRoot
{
    private List<IIntegrationEvent>? _events;

    protected void Raise(IIntegrationEvent @event) => (_events ??= []).Add(@event);

    internal IReadOnlyList<IIntegrationEvent> DequeueEvents()
    {
        if (_events is null) return [];
        var events = _events;
        _events = null;
        return events;
    }
}
