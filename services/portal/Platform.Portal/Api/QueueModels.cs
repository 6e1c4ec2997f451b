namespace Platform.Portal.Api;

// The shapes the agent's home and queue views read (the live area): GET /api/tickets with its queue views,
// /api/tickets/counts, /api/queues, /api/inbox/unread-count.

/// <summary>One SLA clock as ticketing reads it now.</summary>
public sealed record QueueSlaClock(int TargetMinutes, int ElapsedMinutes, int RemainingMinutes, DateTimeOffset? DueAt,
    DateTimeOffset? StoppedAt, string State)
{
    public bool Running => StoppedAt is null && DueAt is not null && State is "Running" or "Warning" or "Breached";
}

public sealed record QueueSla(bool Paused, QueueSlaClock FirstResponse, QueueSlaClock Resolution)
{
    /// <summary>The clock that falls due first of those that run (null: none runs).</summary>
    public QueueSlaClock? Next => new[] { FirstResponse, Resolution }.Where(c => c.Running).OrderBy(c => c.DueAt).FirstOrDefault();

    /// <summary>The worse state of the two clocks that run: Breached, Warning, Running, or null.</summary>
    public string? WorstState =>
        new[] { FirstResponse, Resolution }.Where(c => c.Running).Select(c => c.State)
            .OrderBy(s => s switch { "Breached" => 0, "Warning" => 1, _ => 2 }).FirstOrDefault();
}

public sealed record QueueMajorIncident(string Reason, string DeclaredBy, DateTimeOffset DeclaredAt);

/// <summary>A ticket as the queue lists it.</summary>
public sealed record QueueTicket(
    Guid Id, string Key, string Title, string Requester, string Category, string Priority, string Status, string? Assignee,
    string? Queue, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, QueueSla? Sla = null, QueueMajorIncident? MajorIncident = null)
{
    public bool Open => Status is not ("Resolved" or "Closed");
}

public sealed record TicketCounts(IReadOnlyDictionary<string, int> ByStatus, int OpenMajorIncidents);

public sealed record UnreadCount(int Unread);

/// <summary>The queue's views (tabs); Team: the tickets of the queues I work in or lead (my team's queues).</summary>
public enum QueueView { All, Mine, Team, Unassigned, BreachingSoon }

/// <summary>What the queue page asks for: a view, filters, and words to search.</summary>
public sealed record QueueQuery(
    QueueView View = QueueView.All, string? Status = null, string? Priority = null, string? Queue = null, string? Category = null,
    string? Assignee = null, bool? MajorIncident = null, string? Search = null);
