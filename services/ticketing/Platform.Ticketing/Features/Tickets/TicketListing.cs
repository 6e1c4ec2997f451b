namespace Platform.Ticketing.Features.Tickets;

/// <summary>What the ticket list and the ticket search share: their common filters and their answer, a keyset page.</summary>
public static class TicketListing
{
    public static Validator ValidStatusAndPriority(this Validator v, TicketStatus? status, Priority? priority) => v
        .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<TicketStatus>())}.")
        .Check(priority is null || Enum.IsDefined(priority.Value), "priority", "'priority' must be one of: P1, P2, P3, P4.");

    /// <summary>Status, priority, queue and assignee: each filter given narrows the query.</summary>
    public static IQueryable<Ticket> Filtered(this IQueryable<Ticket> query, TicketStatus? status, Priority? priority, string? queue, string? assignee)
    {
        if (status is not null) query = query.Where(t => t.Status == status);
        if (priority is not null) query = query.Where(t => t.Priority == priority);
        if (!string.IsNullOrWhiteSpace(queue)) query = query.Where(t => t.Queue == queue);
        if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(t => t.Assignee == assignee);
        return query;
    }

    /// <summary>The page of tickets (newest first, one row beyond the page to know whether more follow), SLA clocks read now.</summary>
    public static async Task<Page<TicketResponse>> RespondAsync(
        this Keyset page, List<Ticket> rows, TicketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var sla = await SlaReader.LoadAsync(db, clock, ct);
        return page.ToPage(rows, t => t.Number, t => TicketResponse.From(t) with { Sla = sla.For(t) });
    }
}
