using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;

namespace Platform.Messaging.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// Queues an integration event in the outbox of this DbContext. It is written by the next SaveChanges, in
    /// the same transaction as the state change, and published afterwards by the dispatcher.
    /// </summary>
    public static OutboxMessage AddIntegrationEvent(this DbContext db, IIntegrationEvent @event)
    {
        var activity = Activity.Current;
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = EventTypes.NameOf(@event.GetType()),
            Body = JsonSerializer.Serialize(@event, @event.GetType(), EventTypes.Json),
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Set<OutboxMessage>().Add(message);
        return message;
    }
}
