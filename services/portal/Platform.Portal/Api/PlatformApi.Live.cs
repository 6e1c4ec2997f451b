namespace Platform.Portal.Api;

// The agent's home and queue views (the live area): every call through the gateway with the person's own token.
public sealed partial class PlatformApi
{
    /// <summary>
    /// The queue: a view (mine, unassigned, breaching soon: running SLA clocks soonest due first), the filters, and
    /// full-text search (newest first: the search answers by recency, not by SLA), keyset paged.
    /// </summary>
    public Task<ApiResult<Page<QueueTicket>>> QueueViewAsync(QueueQuery query, string? me, string? cursor, CancellationToken ct = default)
    {
        var search = !string.IsNullOrWhiteSpace(query.Search);
        var url = search ? $"api/tickets/search?q={Uri.EscapeDataString(query.Search!.Trim())}&limit=25" : "api/tickets?limit=25";
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) url += $"&{name}={Uri.EscapeDataString(value)}";
        }
        Add("status", query.Status);
        Add("priority", query.Priority);
        Add("queue", query.Queue);
        Add("category", query.Category);
        Add("assignee", query.View == QueueView.Mine ? me : query.View == QueueView.Unassigned ? null : query.Assignee);
        if (query.View == QueueView.Unassigned) Add("unassigned", "true");
        if (query.View == QueueView.Team) Add("myQueues", "true");
        if (query.MajorIncident is { } major) Add("majorIncident", major ? "true" : "false");
        if (query.View == QueueView.BreachingSoon && !search) Add("sort", "slaDue");
        if (query.View == QueueView.BreachingSoon && search) Add("slaAtRisk", "true");
        Add("cursor", cursor);
        return GetAsync<Page<QueueTicket>>(url, ct);
    }

    /// <summary>The tickets the person may see by status (and the open major incidents); <paramref name="assignee"/>: only theirs.</summary>
    public Task<ApiResult<TicketCounts>> TicketCountsAsync(string? assignee = null, CancellationToken ct = default) =>
        GetAsync<TicketCounts>(assignee is null ? "api/tickets/counts" : $"api/tickets/counts?assignee={Uri.EscapeDataString(assignee)}", ct);

    /// <summary>My SLA risks: tickets assigned to me with a clock at warning or breach, soonest due first.</summary>
    public Task<ApiResult<Page<QueueTicket>>> SlaRisksAsync(string me, CancellationToken ct = default) =>
        GetAsync<Page<QueueTicket>>($"api/tickets?assignee={Uri.EscapeDataString(me)}&slaAtRisk=true&sort=slaDue&limit=10", ct);

    /// <summary>Tickets declared major incidents (newest first); the caller keeps the open ones.</summary>
    public Task<ApiResult<Page<QueueTicket>>> MajorIncidentsAsync(CancellationToken ct = default) =>
        GetAsync<Page<QueueTicket>>("api/tickets?majorIncident=true&limit=10", ct);

    public Task<ApiResult<UnreadCount>> UnreadCountAsync(CancellationToken ct = default) =>
        GetAsync<UnreadCount>("api/inbox/unread-count", ct);
}
