using MassTransit;
using Platform.Contracts;

namespace Platform.Portal.Live;

/// <summary>
/// The PSO screens' live feed: every event of the assets service (Platform.Contracts.Assets: a kitting or return
/// request opened or completed, an asset registered, assigned, returned or moved along its lifecycle, a licence seat
/// given, a procurement approved or received…) signals <see cref="LiveTopic.Assets"/>. The kitting queue and the PSO
/// pages re-read through the API with the person's own token: a signal carries no data of its own.
/// </summary>
public static class AssetsLiveEvents
{
    public static readonly IReadOnlyList<Type> Types = [.. typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t)
            && t.Namespace == "Platform.Contracts.Assets")
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static LiveSignal SignalOf(IIntegrationEvent e) => new(LiveTopic.Assets, e.GetType().Name, null, null, [], e.OccurredAt);
}

/// <summary>Turns one assets event into its signal (beside the project and ticket consumers, which some of them also reach).</summary>
public sealed class AssetsLiveConsumer<T>(LiveHub hub) : IConsumer<T> where T : class, IIntegrationEvent
{
    public Task Consume(ConsumeContext<T> context)
    {
        hub.Publish(AssetsLiveEvents.SignalOf(context.Message));
        return Task.CompletedTask;
    }
}
