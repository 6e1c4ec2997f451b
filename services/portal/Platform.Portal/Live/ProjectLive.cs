using MassTransit;
using Platform.Contracts;

namespace Platform.Portal.Live;

/// <summary>
/// The PMO screens' live feed: every event about a project (escalation raised, acknowledged or resolved; a risk's
/// score changed; an issue opened, resolved or reopened; a member, an allocation, an overdue milestone, a new project)
/// signals <see cref="LiveTopic.Project"/> with the project's key. The portfolio, the heat map, the escalations board
/// and the project page re-read through the API with the person's own token: a signal carries no data of its own.
/// </summary>
public static class ProjectLiveEvents
{
    public static readonly IReadOnlyList<Type> Types = [.. typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t) && typeof(IProjectEvent).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static LiveSignal? SignalOf(IIntegrationEvent e) => e is IProjectEvent project
        ? new LiveSignal(LiveTopic.Project, e.GetType().Name, null, null, [], e.OccurredAt) { ProjectKey = project.ProjectKey }
        : null;
}

/// <summary>Turns one project event into its signal (beside <see cref="LiveConsumer{T}"/>, which an issue born of a ticket also reaches).</summary>
public sealed class ProjectLiveConsumer<T>(LiveHub hub) : IConsumer<T> where T : class, IIntegrationEvent
{
    public Task Consume(ConsumeContext<T> context)
    {
        if (ProjectLiveEvents.SignalOf(context.Message) is { } signal) hub.Publish(signal);
        return Task.CompletedTask;
    }
}
