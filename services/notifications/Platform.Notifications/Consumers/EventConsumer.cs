using MassTransit;
using Platform.Contracts;
using Platform.Messaging.Inbox;

namespace Platform.Notifications.Consumers;

/// <summary>
/// One consumer per event type of the catalogue (registered by reflection, so types added later are consumed too):
/// the fan-out, the inbox row and the event log entry commit together; then the dispatcher is woken. The events every
/// consumer holds at the same time share one transaction (<see cref="InboxBatcher{TDbContext}"/>: group commit, each
/// message still applied once and acknowledged only after the commit), so the fan-out runs on the batch's scope.
/// </summary>
public sealed class EventConsumer<TEvent>(InboxBatcher<NotificationsDbContext> inbox, DeliverySignal signal) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    /// <summary>The consumer's name in the inbox: one per event type.</summary>
    private static readonly string ConsumerName = "notifications-" + typeof(TEvent).Name;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        await inbox.ApplyOnceAsync(context, ConsumerName, // checks the MessageId first
            (batch, ct) => batch.GetRequiredService<FanOut>().HandleAsync(context.MessageId!.Value, context.Message, ct));
        signal.Wake();
    }
}
