using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NpgsqlTypes;
using Platform.ServiceDefaults;
using Platform.Ticketing.Data;
using Platform.Ticketing.Domain;

namespace Platform.Ticketing.Endpoints;

/// <summary>
/// Full-text search over tickets: title, description and comments (internal notes only for agents and PMO), with
/// the list's filters, newest first, keyset paging. Requesters search their own tickets.
/// </summary>
public static class TicketSearchEndpoints
{
    public static void MapTicketSearchEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/tickets").WithTags("Tickets").RequireAuthorization(Policies.Tickets)
            .MapGet("/search", Search).WithName("SearchTickets");

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
        string? category = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator()
            .Required("q", q, 500)
            .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<TicketStatus>())}.")
            .Check(priority is null || Enum.IsDefined(priority.Value), "priority", "'priority' must be one of: P1, P2, P3, P4.");
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var caller = Caller.Of(http);
        var query = db.Tickets.AsNoTracking();
        if (caller.SeesAllTickets)
            query = query.Where(t => EF.Property<NpgsqlTsVector>(t, TicketingDbContext.SearchVector)
                .Concat(EF.Property<NpgsqlTsVector>(t, TicketingDbContext.InternalSearchVector))
                .Matches(EF.Functions.WebSearchToTsQuery("english", q!)));
        else
            query = query.Where(t => t.Requester == caller.Id
                && EF.Property<NpgsqlTsVector>(t, TicketingDbContext.SearchVector).Matches(EF.Functions.WebSearchToTsQuery("english", q!)));
        if (status is not null) query = query.Where(t => t.Status == status);
        if (priority is not null) query = query.Where(t => t.Priority == priority);
        if (!string.IsNullOrWhiteSpace(queue)) query = query.Where(t => t.Queue == queue);
        if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(t => t.Assignee == assignee);
        if (!string.IsNullOrWhiteSpace(category)) query = query.Where(t => t.Category == category);
        var rows = caller.SeesAllTickets
            ? await NewestMatchesAsync(db, query, page, options.Value.SearchRecentWindow, ct)
            : await (page.After is { } after ? query.Where(t => t.Number < after) : query)
                .OrderByDescending(t => t.Number).Take(page.Take + 1).ToListAsync(ct);
        var sla = await SlaReader.LoadAsync(db, clock, ct);
        return TypedResults.Ok(page.ToPage(rows, t => t.Number, t => TicketResponse.From(t) with { Sla = sla.For(t) }));
    }
}
