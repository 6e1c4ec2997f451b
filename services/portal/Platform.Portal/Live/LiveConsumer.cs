using MassTransit;
using Platform.Contracts;
using Platform.Contracts.Notifications;
using Platform.Contracts.Ticketing;

namespace Platform.Portal.Live;

/// <summary>Turns one platform event into the signal of the screens it concerns (<see cref="LiveHub"/>).</summary>
public sealed class LiveConsumer<T>(LiveHub hub) : IConsumer<T> where T : class, IIntegrationEvent
{
    /// <summary>
    /// How long after a project-issue event its ticket is signalled once more. Ticketing hears the same event and links
    /// or resolves the ticket in its own time; a screen that re-read before that would stay behind, and linking the
    /// issue is no event of its own.
    /// </summary>
    public static readonly TimeSpan[] TicketBornEchoes = [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2)];

    public Task Consume(ConsumeContext<T> context)
    {
        if (LiveEvents.SignalOf(context.Message) is not { } signal) return Task.CompletedTask;
        hub.Publish(signal);
        if (context.Message is ITicketBorn)
            foreach (var echo in TicketBornEchoes)
                _ = Task.Delay(echo).ContinueWith(_ => hub.Publish(signal), TaskScheduler.Default);
        return Task.CompletedTask;
    }
}

/// <summary>The events the portal listens to and what each signals.</summary>
public static class LiveEvents
{
    /// <summary>
    /// Every event about a help desk ticket (Platform.Contracts.Ticketing: created, status, comment, assignment, SLA
    /// warning and breach, promotion, reopening, major incident…), every project-issue event that may name the ticket
    /// it was born from (resolved, reopened…), and a new inbox item.
    /// </summary>
    public static readonly IReadOnlyList<Type> Types = [.. typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t)
            && (typeof(ITicketEvent).IsAssignableFrom(t) || typeof(ITicketBorn).IsAssignableFrom(t) || t == typeof(InboxItemAdded)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static LiveSignal? SignalOf(IIntegrationEvent e)
    {
        var name = e.GetType().Name;
        switch (e)
        {
            case InboxItemAdded inbox:
                return new LiveSignal(LiveTopic.Inbox, name, null, null, [inbox.UserId], e.OccurredAt);
            case ITicketEvent ticket:
                var people = new List<string>(3);
                if (e is IHasRequester { Requester: { Length: > 0 } requester }) people.Add(requester);
                if (e is IHasAssignee { Assignee: { Length: > 0 } assignee }) people.Add(assignee);
                if (e is TicketAssigned { PreviousAssignee: { Length: > 0 } previous }) people.Add(previous);
                return new LiveSignal(LiveTopic.Ticket, name, ticket.TicketKey, ticket.TicketId, people, e.OccurredAt);
            case ITicketBorn { SourceTicketId: { } source }:
                return new LiveSignal(LiveTopic.Ticket, name, null, source, [], e.OccurredAt);
            default:
                return null;
        }
    }
}
