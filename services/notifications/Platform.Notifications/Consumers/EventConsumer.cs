using MassTransit;
using Platform.Contracts;
using Platform.Messaging.Inbox;

namespace Platform.Notifications.Consumers;

/// <summary>
/// One consumer per event type of the catalogue (registered by reflection, so types added later are consumed too):
/// the fan-out, the inbox row and the event log entry commit together; then the dispatcher is woken.
/// </summary>
public sealed class EventConsumer<TEvent>(NotificationsDbContext db, FanOut fanOut, DeliverySignal signal)
    : IdempotentConsumer<TEvent, NotificationsDbContext>(db), IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    protected override string ConsumerName => "notifications-" + typeof(TEvent).Name;

    public new async Task Consume(ConsumeContext<TEvent> context)
    {
        await base.Consume(context);
        signal.Wake();
    }

    protected override Task HandleAsync(TEvent message, ConsumeContext<TEvent> context) =>
        fanOut.HandleAsync(context.MessageId!.Value, message, context.CancellationToken);
}
