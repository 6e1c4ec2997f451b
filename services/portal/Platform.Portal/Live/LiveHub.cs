using System.Collections.Concurrent;

namespace Platform.Portal.Live;

/// <summary>What a platform event signals to the open screens: which ticket (or whose inbox) changed. Never shown.</summary>
/// <param name="Event">The event's type name (for logs and tests).</param>
/// <param name="People">The people the event names (requester, assignees, the inbox's owner).</param>
public sealed record LiveSignal(LiveTopic Topic, string Event, string? TicketKey, Guid? TicketId, IReadOnlyCollection<string> People,
    DateTimeOffset OccurredAt)
{
    /// <summary>The project a <see cref="LiveTopic.Project"/> signal is about (Live/ProjectLive.cs).</summary>
    public string? ProjectKey { get; init; }
}

public enum LiveTopic
{
    Ticket,
    Inbox,
    /// <summary>Something on a project changed (PMO screens: portfolio, heat map, escalations, project page).</summary>
    Project,
    /// <summary>Something the assets service owns changed (PSO screens: kitting queue, assets, licences, procurement).</summary>
    Assets,
}

/// <summary>
/// What one open screen wants to hear of. A ticket signal reaches a person who sees every ticket (agents, PMO), a
/// person the event names, or a screen showing that very ticket; an inbox signal only its owner. The screen then
/// re-reads through the API with the person's own token, so what they see stays the services' rule.
/// </summary>
public sealed class LiveSubscription(LiveHub hub, string? userId, bool seesAllTickets, bool tickets, bool inbox,
    Func<LiveSignal, Task> handler) : IDisposable
{
    /// <summary>Only signals about this ticket (a ticket page), by key or id (a project issue names only the id).</summary>
    public string? TicketKey { get; set; }

    public Guid? TicketId { get; set; }

    /// <summary>Project signals (the PMO screens); with <see cref="ProjectKey"/>, only that project's.</summary>
    public bool Projects { get; set; }

    public string? ProjectKey { get; set; }

    /// <summary>Assets signals (the PSO screens: kitting, assets, licences, procurement).</summary>
    public bool Assets { get; set; }

    internal Func<LiveSignal, Task> Handler => handler;

    internal bool Wants(LiveSignal signal)
    {
        if (signal.Topic == LiveTopic.Assets) return Assets;
        if (signal.Topic == LiveTopic.Project)
            return Projects && (ProjectKey is null || string.Equals(ProjectKey, signal.ProjectKey, StringComparison.OrdinalIgnoreCase));
        var named = userId is not null && signal.People.Contains(userId, StringComparer.Ordinal);
        if (signal.Topic == LiveTopic.Inbox) return inbox && named;
        if (!tickets) return false;
        var thisTicket = (TicketKey is not null && string.Equals(TicketKey, signal.TicketKey, StringComparison.OrdinalIgnoreCase))
            || (TicketId is not null && TicketId == signal.TicketId);
        if (TicketKey is not null || TicketId is not null) return thisTicket;
        return seesAllTickets || named;
    }

    public void Dispose() => hub.Remove(this);
}

/// <summary>
/// The portal's in-process hub: the event consumers (<see cref="LiveConsumer{T}"/>) publish each event's signal here;
/// every open screen (a component of a Blazor circuit, on this replica) subscribes with an IDisposable subscription.
/// Each replica has its own queue, so every replica hears every event and reaches the circuits it holds.
/// </summary>
public sealed partial class LiveHub(ILogger<LiveHub> logger)
{
    private readonly ConcurrentDictionary<LiveSubscription, byte> _subscriptions = new();

    public int Subscribers => _subscriptions.Count;

    /// <summary>Signals published so far (for tests and logs).</summary>
    public long Published => Interlocked.Read(ref _published);

    private long _published;

    public LiveSubscription Subscribe(string? userId, bool seesAllTickets, bool tickets, bool inbox, Func<LiveSignal, Task> handler)
    {
        var subscription = new LiveSubscription(this, userId, seesAllTickets, tickets, inbox, handler);
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    internal void Remove(LiveSubscription subscription) => _subscriptions.TryRemove(subscription, out _);

    /// <summary>Hands the signal to every screen that wants it, without waiting for them (a slow circuit holds no one up).</summary>
    public void Publish(LiveSignal signal)
    {
        Interlocked.Increment(ref _published);
        foreach (var subscription in _subscriptions.Keys)
        {
            if (!subscription.Wants(signal)) continue;
            _ = NotifyAsync(subscription, signal);
        }
    }

    private async Task NotifyAsync(LiveSubscription subscription, LiveSignal signal)
    {
        try
        {
            await subscription.Handler(signal);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(e, signal.Event);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A screen failed to take the live signal of {Event}")]
    private partial void LogFailed(Exception e, string @event);
}
