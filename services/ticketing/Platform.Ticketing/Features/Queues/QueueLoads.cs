namespace Platform.Ticketing.Features.Queues;

/// <summary>How busy agents are: the open tickets each holds (least-loaded assignment, queue views, SLA escalation).</summary>
public static class QueueLoads
{
    private static readonly TicketStatus[] Open = [TicketStatus.New, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Pending];

    public static async Task<Dictionary<string, int>> OpenTicketsAsync(TicketingDbContext db, IEnumerable<string> agents, CancellationToken ct)
    {
        var list = agents.ToList();
        return await db.Tickets.AsNoTracking()
            .Where(t => t.Assignee != null && list.Contains(t.Assignee) && Open.Contains(t.Status))
            .GroupBy(t => t.Assignee!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
