using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;
using Platform.Ticketing.Data;
using Platform.Ticketing.Domain;

namespace Platform.Ticketing.Endpoints;

public static class TicketEndpoints
{
    public static RouteGroupBuilder MapTicketEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tickets").WithTags("Tickets");
        group.MapPost("/", Create).WithName("CreateTicket");
        group.MapGet("/", List).WithName("ListTickets");
        group.MapGet("/{ticket}", Get).WithName("GetTicket");
        group.MapPost("/{ticket}/assign", Assign).WithName("AssignTicket");
        group.MapPost("/{ticket}/transitions", Transition).WithName("TransitionTicket");
        group.MapGet("/{ticket}/comments", ListComments).WithName("ListTicketComments");
        group.MapPost("/{ticket}/comments", AddComment).WithName("AddTicketComment");
        group.MapPost("/{ticket}/promote", Promote).WithName("PromoteTicket");
        return group;
    }

    private static async Task<Results<Created<TicketResponse>, ValidationProblem>> Create(
        CreateTicketRequest request, TicketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator()
            .Required("title", request.Title)
            .Required("description", request.Description, 10_000)
            .Required("requester", request.Requester)
            .Required("category", request.Category, 100)
            .RequiredEnum("impact", request.Impact)
            .RequiredEnum("urgency", request.Urgency);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var number = await db.NextTicketNumberAsync(ct);
        var ticket = Ticket.Open(number, request.Title!.Trim(), request.Description!.Trim(), request.Requester!.Trim(),
            request.Category!.Trim(), request.Impact!.Value, request.Urgency!.Value, clock.GetUtcNow());
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tickets/{ticket.Key}", TicketResponse.From(ticket, withComments: true));
    }

    private static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem>> List(
        TicketingDbContext db, CancellationToken ct,
        TicketStatus? status = null, Priority? priority = null, string? assignee = null, string? requester = null,
        int? limit = null, string? cursor = null)
    {
        var v = new Validator()
            .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<TicketStatus>())}.")
            .Check(priority is null || Enum.IsDefined(priority.Value), "priority", "'priority' must be one of: P1, P2, P3, P4.");
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var query = db.Tickets.AsNoTracking();
        if (status is not null) query = query.Where(t => t.Status == status);
        if (priority is not null) query = query.Where(t => t.Priority == priority);
        if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(t => t.Assignee == assignee);
        if (!string.IsNullOrWhiteSpace(requester)) query = query.Where(t => t.Requester == requester);
        if (page.After is { } after) query = query.Where(t => t.Number < after);

        var rows = await query.OrderByDescending(t => t.Number).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(page.ToPage(rows, t => t.Number, t => TicketResponse.From(t)));
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> Get(
        string ticket, TicketingDbContext db, CancellationToken ct)
    {
        var found = await db.FindTicketAsync(ticket, withComments: true, ct, tracking: false);
        return found is null ? Problems.NotFound("Ticket", ticket) : TypedResults.Ok(TicketResponse.From(found, withComments: true));
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Assign(
        string ticket, AssignTicketRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("assignee", request.Assignee);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindTicketAsync(ticket, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);

        found.Assign(request.Assignee!.Trim(), Actor.Of(http), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(TicketResponse.From(found));
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Transition(
        string ticket, TransitionRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("action", request.Action).Optional("comment", request.Comment, 10_000);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindTicketAsync(ticket, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);

        var now = clock.GetUtcNow();
        var actor = Actor.Of(http);
        found.Apply(request.Action!.Value, actor, now);
        if (!string.IsNullOrWhiteSpace(request.Comment)) found.AddComment(actor, request.Comment.Trim(), CommentKind.Public, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(TicketResponse.From(found));
    }

    private static async Task<Results<Ok<IReadOnlyList<CommentResponse>>, ProblemHttpResult>> ListComments(
        string ticket, TicketingDbContext db, CancellationToken ct)
    {
        var found = await db.FindTicketAsync(ticket, withComments: true, ct, tracking: false);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        return TypedResults.Ok<IReadOnlyList<CommentResponse>>(
            found.Comments.OrderBy(c => c.CreatedAt).Select(CommentResponse.From).ToList());
    }

    private static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> AddComment(
        string ticket, AddCommentRequest request, TicketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator().Required("author", request.Author).Required("body", request.Body, 10_000);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindTicketAsync(ticket, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);

        var comment = found.AddComment(request.Author!.Trim(), request.Body!.Trim(),
            request.Internal ? CommentKind.Internal : CommentKind.Public, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tickets/{found.Key}/comments/{comment.Id}", CommentResponse.From(comment));
    }

    private static async Task<Results<Accepted<TicketResponse>, ValidationProblem, ProblemHttpResult>> Promote(
        string ticket, PromoteTicketRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Check(request.ProjectId is not null || !string.IsNullOrWhiteSpace(request.ProjectKey),
            "projectKey", "Give 'projectKey' (for example PRJ-1) or 'projectId'.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindTicketAsync(ticket, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);

        var key = request.ProjectKey?.Trim().ToUpperInvariant();
        var project = await db.KnownProjects.AsNoTracking()
            .FirstOrDefaultAsync(p => request.ProjectId != null ? p.Id == request.ProjectId : p.Key == key, ct);
        if (project is null)
            return Problems.Unprocessable("unknown-project", $"Project '{request.ProjectId?.ToString() ?? key}' does not exist.");

        found.PromoteTo(project.Id, project.Key, Actor.Of(http), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/tickets/{found.Key}", TicketResponse.From(found));
    }
}

/// <summary>Finds a ticket by id (GUID) or by key (HD-42).</summary>
public static class TicketLookup
{
    public static async Task<Ticket?> FindTicketAsync(
        this TicketingDbContext db, string reference, bool withComments, CancellationToken ct, bool tracking = true)
    {
        IQueryable<Ticket> query = tracking ? db.Tickets : db.Tickets.AsNoTracking();
        if (withComments) query = query.Include(t => t.Comments);

        if (Guid.TryParse(reference, out var id)) return await query.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (reference.StartsWith(Ticket.KeyPrefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(reference.AsSpan(Ticket.KeyPrefix.Length), out var number))
            return await query.FirstOrDefaultAsync(t => t.Number == number, ct);
        return null;
    }
}
