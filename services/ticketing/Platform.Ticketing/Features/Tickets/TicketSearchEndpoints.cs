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
    /// The newest matches over all tickets, fast whether the words are common or rare, recent or old. PostgreSQL cannot
    /// know how often two words occur together, so a single query either walks the number index newest first and
    /// rechecks every row (fine when matches are dense, a full table walk when there are none) or fetches every match
    /// from the GIN index and sorts them (fine when rare, tens of thousands of heap rows when common). So:
    /// <list type="number">
    /// <item>walk only the newest <see cref="TicketOptions.SearchRecentWindow"/> numbers below the page's start
    /// (bounded work, enough when matches are dense and recent);</item>
    /// <item>when that leaves the page short, read up to <see cref="TicketOptions.SearchSparseLimit"/> matches from
    /// below the window through the full-text index in no order, which stops after that many heap rows: fewer means
    /// these are all of them, and the newest of them complete the page;</item>
    /// <item>otherwise the matches below are many (a word common in older tickets and absent from the recent ones,
    /// which made the single sorted fetch take seconds): walk the numbers on down in windows four times larger each
    /// time, each walk bounded by its window.</item>
    /// </list>
    /// Steps 2 and 3 run in one transaction that tells the planner which path each must take (<c>SET LOCAL</c>), since
    /// its estimate for several words is what cannot be trusted. Same order, same keyset as a single query.
    /// </summary>
    private static async Task<List<Ticket>> NewestMatchesAsync(TicketingDbContext db, IQueryable<Ticket> query, Keyset page,
        TicketOptions options, CancellationToken ct)
    {
        var start = page.After ?? (await db.Tickets.MaxAsync(t => (long?)t.Number, ct) ?? 0) + 1;
        var floor = start - options.SearchRecentWindow;
        var rows = await query.Where(t => t.Number < start && t.Number >= floor)
            .OrderByDescending(t => t.Number).Take(page.Take + 1).ToListAsync(ct);
        if (rows.Count > page.Take || floor <= 0) return rows;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off", ct); // the GIN index
        var below = await query.Where(t => t.Number < floor).Select(t => t.Number).Take(options.SearchSparseLimit).ToListAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = on; SET LOCAL enable_bitmapscan = off", ct); // the number index
        if (below.Count < options.SearchSparseLimit)
        {
            var newest = below.OrderDescending().Take(page.Take + 1 - rows.Count).ToList();
            rows.AddRange(await query.Where(t => newest.Contains(t.Number)).OrderByDescending(t => t.Number).ToListAsync(ct));
        }
        else
        {
            long top = floor, size = 4L * options.SearchRecentWindow;
            while (rows.Count <= page.Take && top > 0)
            {
                var (upper, lower) = (top, top - size);
                rows.AddRange(await query.Where(t => t.Number < upper && t.Number >= lower)
                    .OrderByDescending(t => t.Number).Take(page.Take + 1 - rows.Count).ToListAsync(ct));
                top = lower;
                size = Math.Min(size * 4, long.MaxValue / 8);
            }
        }

        await transaction.CommitAsync(ct);
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
            ? await NewestMatchesAsync(db, query, page, options.Value, ct)
            : await query.PageRowsAsync(page, t => t.Number, newestFirst: true, ct);
        return TypedResults.Ok(await page.RespondAsync(rows, db, clock, ct));
    }
}
