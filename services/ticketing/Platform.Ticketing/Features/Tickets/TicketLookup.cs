namespace Platform.Ticketing.Features.Tickets;

/// <summary>Finds a ticket by id (GUID) or key (HD-42) among those the caller may see: every feature on /api/tickets/{ticket} starts here.</summary>
public static class TicketLookup
{
    public static async Task<Ticket?> FindTicketAsync(
        this TicketingDbContext db, string reference, Caller caller, bool withComments, CancellationToken ct, bool tracking = true)
    {
        IQueryable<Ticket> query = tracking ? db.Tickets : db.Tickets.AsNoTracking();
        if (withComments) query = query.Include(t => t.Comments);
        if (!caller.SeesAllTickets) query = query.Where(t => t.Requester == caller.Id);

        if (Guid.TryParse(reference, out var id)) return await query.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (reference.StartsWith(Ticket.KeyPrefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(reference.AsSpan(Ticket.KeyPrefix.Length), out var number))
            return await query.FirstOrDefaultAsync(t => t.Number == number, ct);
        return null;
    }

    /// <summary>A read-only look at a ticket the caller may see, without its comments (most sub-resources need no more).</summary>
    public static Task<Ticket?> PeekTicketAsync(this TicketingDbContext db, string reference, Caller caller, CancellationToken ct) =>
        db.FindTicketAsync(reference, caller, withComments: false, ct, tracking: false);

    /// <summary>The ticket's audit trail, oldest first (history and reassignments read it).</summary>
    public static Task<List<AuditEntry>> AuditTrailAsync(this TicketingDbContext db, Ticket ticket, CancellationToken ct)
    {
        var id = ticket.Id.ToString();
        return db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.Entity == "tickets" && a.EntityId == id)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToListAsync(ct);
    }
}
