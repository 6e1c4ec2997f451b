using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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

    private static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem>> Search(
        TicketingDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct,
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
        if (page.After is { } after) query = query.Where(t => t.Number < after);

        var rows = await query.OrderByDescending(t => t.Number).Take(page.Take + 1).ToListAsync(ct);
        var sla = await SlaReader.LoadAsync(db, clock, ct);
        return TypedResults.Ok(page.ToPage(rows, t => t.Number, t => TicketResponse.From(t) with { Sla = sla.For(t) }));
    }
}
