using MassTransit;
using Platform.Contracts;
using Platform.Messaging.Inbox;

namespace Platform.Notifications.Consumers;

/// <summary>
/// One consumer per event type of the catalogue (registered by reflection, so types added later are consumed too):
/// the fan-out, the inbox row and the event log entry commit together, then the dispatcher is woken. The deliveries
/// of one event type in hand at once share one transaction (<see cref="GroupCommit{TDbContext}"/>, unless
/// <c>Notifications:GroupCommit</c> is false: then each has its own, through <see cref="InboxGuard"/>).
/// </summary>
public sealed class EventConsumer<TEvent>(IServiceProvider services, GroupCommit<NotificationsDbContext> group, IOptions<NotificationsOptions> options,
    DeliverySignal signal) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    /// <summary>The consumer's name in the inbox: one per event type.</summary>
    private static readonly string ConsumerName = "notifications-" + typeof(TEvent).Name;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        if (options.Value.GroupCommit)
            // In the order of the ticket (or project) each event is about, in every group of every event type: the
            // contact rows two groups both upsert are then locked in one order, so a group of TicketCreated and one of
            // TicketStatusChanged for the same tickets wait for each other instead of deadlocking.
            await group.ApplyAsync(context, ConsumerName, Apply, message => EventFacts.Of(message) is var f ? f.TicketId ?? f.ProjectId : null);
        else
            await InboxGuard.ApplyOnceAsync(services.GetRequiredService<NotificationsDbContext>(), context, ConsumerName, () => Apply(services, context));
        signal.Wake();
    }

    private static Task Apply(IServiceProvider scope, ConsumeContext<TEvent> context) =>
        scope.GetRequiredService<FanOut>().HandleAsync(context.MessageId!.Value, context.Message, context.CancellationToken);
}
