using NpgsqlTypes;
using static Platform.Ticketing.Data.SearchTextInterceptor;

namespace Platform.Ticketing.Features.Tickets;

/// <summary>
/// Full-text search over tickets: title, description and comments (internal notes only for agents and PMO), with
/// the list's filters, newest first, keyset paging. Requesters search their own tickets.
/// </summary>
public static class TicketSearchEndpoints
{
    /// <param name="tickets">The /api/tickets group (TicketingService.cs).</param>
    public static void MapTicketSearchEndpoints(this RouteGroupBuilder tickets) =>
        tickets.MapGet("/search", Search).WithTags("Tickets").WithName("SearchTickets");

    /// <summary>
    /// The newest matches over all tickets, fast whether the words are common or rare. PostgreSQL cannot know how
    /// often two words occur together, so a single query either walks the number index newest first and rechecks
    /// every row (fine when matches are dense, a full table walk when there are none) or fetches every match from
    /// the GIN index and sorts them (fine when rare, tens of thousands of heap rows when common). So: first walk
    /// only the newest <see cref="TicketOptions.SearchRecentWindow"/> numbers below the page's start (bounded work, enough when matches
    /// are dense); only when that leaves the page short, take the rest from below the window through the full-text
    /// index, where by then the matches are known to be sparse (ordering by Number + 0 keeps the planner from
    /// walking the number index again). Same order, same keyset as the single query.
    /// </summary>
    private static async Task<List<Ticket>> NewestMatchesAsync(TicketingDbContext db, IQueryable<Ticket> query, Keyset page, int window,
        CancellationToken ct)
    {
        var start = page.After ?? (await db.Tickets.MaxAsync(t => (long?)t.Number, ct) ?? 0) + 1;
        var floor = start - window;
        var rows = await query.Where(t => t.Number < start && t.Number >= floor)
            .OrderByDescending(t => t.Number).Take(page.Take + 1).ToListAsync(ct);
        if (rows.Count <= page.Take && floor > 0)
            rows.AddRange(await query.Where(t => t.Number < floor)
                .OrderByDescending(t => t.Number + 0).Take(page.Take + 1 - rows.Count).ToListAsync(ct));
        return rows;
    }

    private static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem>> Search(
        TicketingDbContext db, HttpContext http, TimeProvider clock, IOptions<TicketOptions> options, CancellationToken ct,
        string? q = null, TicketStatus? status = null, Priority? priority = null, string? queue = null, string? assignee = null,
        string? category = null, int? limit = null, string? cursor = null, bool? unassigned = null, bool? slaAtRisk = null,
        bool? majorIncident = null, bool? myQueues = null)
    {
        var v = new Validator().Required("q", q, Lengths.Query).ValidStatusAndPriority(status, priority)
            .ValidQueueView(null, unassigned, assignee);
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var caller = Caller.Of(http);
        var query = db.Tickets.AsNoTracking();
        if (caller.SeesAllTickets)
            query = query.Where(t => EF.Property<NpgsqlTsVector>(t, SearchVector)
                .Concat(EF.Property<NpgsqlTsVector>(t, InternalSearchVector))
                .Matches(EF.Functions.WebSearchToTsQuery("english", q!)));
        else
            query = query.Where(t => t.Requester == caller.Id
                && EF.Property<NpgsqlTsVector>(t, SearchVector).Matches(EF.Functions.WebSearchToTsQuery("english", q!)));
        query = query.Filtered(status, priority, queue, assignee).QueueViewFiltered(category, unassigned, slaAtRisk, clock.GetUtcNow())
            .InCallersQueues(db, myQueues, caller.Id);
        if (majorIncident is not null) query = query.Where(t => t.MajorIncident == majorIncident);
        var rows = caller.SeesAllTickets
            ? await NewestMatchesAsync(db, query, page, options.Value.SearchRecentWindow, ct)
            : await query.PageRowsAsync(page, t => t.Number, newestFirst: true, ct);
        return TypedResults.Ok(await page.RespondAsync(rows, db, clock, ct));
    }
}
