using MassTransit;
using Platform.Contracts;
using Platform.Messaging.Inbox;

namespace Platform.Notifications.Consumers;

/// <summary>
/// One consumer per event type of the catalogue (registered by reflection, so types added later are consumed too):
/// the fan-out, the inbox row and the event log entry commit together (<see cref="InboxGuard"/>, as every
/// IdempotentConsumer does; the fan-out needs the message id too); then the dispatcher is woken.
/// </summary>
public sealed class EventConsumer<TEvent>(NotificationsDbContext db, FanOut fanOut, DeliverySignal signal) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    /// <summary>The consumer's name in the inbox: one per event type.</summary>
    private static readonly string ConsumerName = "notifications-" + typeof(TEvent).Name;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        await InboxGuard.ApplyOnceAsync(db, context, ConsumerName,
            () => fanOut.HandleAsync(context.MessageId!.Value, context.Message, context.CancellationToken));
        signal.Wake();
    }
}
