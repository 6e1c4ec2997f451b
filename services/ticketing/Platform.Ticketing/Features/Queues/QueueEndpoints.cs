using Platform.Messaging;

namespace Platform.Ticketing.Features.Queues;

public sealed record QueueRequest(string? Key, string? Name, AssignmentRule? Rule, string? TeamLead);

public sealed record MemberRequest(bool Available = true);

public sealed record MemberResponse(string Agent, bool Available, int OpenTickets);

public sealed record QueueResponse(Guid Id, string Key, string Name, AssignmentRule Rule, string? TeamLead, string? LastAssigned,
    IReadOnlyList<MemberResponse> Members);

/// <summary>Give the queue's key; the queue's rule picks the agent unless autoAssign is false.</summary>
public sealed record RouteTicketRequest(string? Queue, bool AutoAssign = true);

/// <summary>One change of a ticket's queue or assignee, from the audit trail.</summary>
public sealed record AssignmentEntry(DateTimeOffset At, string Actor, string? FromQueue, string? ToQueue, string? FromAssignee, string? ToAssignee);

/// <summary>Queues (groups) of agents, their members and availability, and routing tickets to them.</summary>
public static class QueueEndpoints
{
    public static void MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var queues = app.MapGroup("/api/queues").WithTags("Queues")
            .RequireAuthorization(Policies.Tickets).RequireAuthorization(Policies.TicketsWork);
        queues.MapGet("/", List).WithName("ListQueues");
        queues.MapPost("/", Create).WithName("CreateQueue");
        queues.MapGet("/{key}", Get).WithName("GetQueue");
        queues.MapPut("/{key}", Update).WithName("UpdateQueue");
        queues.MapPut("/{key}/members/{agent}", PutMember).WithName("PutQueueMember");
        queues.MapDelete("/{key}/members/{agent}", DeleteMember).WithName("DeleteQueueMember");
    }

    /// <param name="tickets">The /api/tickets group (TicketingService.cs): routing a ticket and its reassignments, for agents.</param>
    public static void MapQueueTicketEndpoints(this RouteGroupBuilder tickets)
    {
        var group = tickets.MapGroup("").WithTags("Tickets").RequireAuthorization(Policies.TicketsWork);
        group.MapPost("/{ticket}/route", Route).WithName("RouteTicket");
        group.MapGet("/{ticket}/assignments", Assignments).WithName("GetTicketAssignments");
    }

    private static async Task<QueueResponse> RespondAsync(TicketingDbContext db, TicketQueue q, CancellationToken ct)
    {
        var loads = await QueueLoads.OpenTicketsAsync(db, q.Members.Select(m => m.Agent), ct);
        return new QueueResponse(q.Id, q.Key, q.Name, q.Rule, q.TeamLead, q.LastAssigned,
            q.Members.OrderBy(m => m.Agent, StringComparer.Ordinal)
                .Select(m => new MemberResponse(m.Agent, m.Available, loads.GetValueOrDefault(m.Agent))).ToList());
    }

    private static Task<TicketQueue?> FindAsync(TicketingDbContext db, string key, CancellationToken ct) =>
        db.Queues.Include(q => q.Members).FirstOrDefaultAsync(q => q.Key == key, ct);

    private static async Task<Ok<IReadOnlyList<QueueResponse>>> List(TicketingDbContext db, CancellationToken ct)
    {
        var all = await db.Queues.AsNoTracking().Include(q => q.Members).OrderBy(q => q.Key).ToListAsync(ct);
        var result = new List<QueueResponse>();
        foreach (var q in all) result.Add(await RespondAsync(db, q, ct));
        return TypedResults.Ok<IReadOnlyList<QueueResponse>>(result);
    }

    private static async Task<Results<Ok<QueueResponse>, ProblemHttpResult>> Get(string key, TicketingDbContext db, CancellationToken ct) =>
        await FindAsync(db, key, ct) is { } q ? TypedResults.Ok(await RespondAsync(db, q, ct)) : Problems.NotFound("Queue", key);

    private static Validator Validate(QueueRequest r, bool withKey)
    {
        var v = new Validator().Required("name", r.Name, Lengths.Title).RequiredEnum("rule", r.Rule).Person("teamLead", r.TeamLead, required: false);
        if (withKey) v.Check(TicketQueue.IsValidKey(r.Key), "key", "'key' is required: lower-case kebab-case, for example service-desk-l1.");
        return v;
    }

    private static async Task<Results<Created<QueueResponse>, ValidationProblem, ProblemHttpResult>> Create(
        QueueRequest request, TicketingDbContext db, CancellationToken ct)
    {
        var v = Validate(request, withKey: true);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (await db.CheckPeopleAsync(ct, ("teamLead", request.TeamLead?.Trim())) is { } unknown) return unknown;
        if (await db.Queues.AnyAsync(q => q.Key == request.Key, ct)) return Problems.Conflict("duplicate-key", $"Queue '{request.Key}' exists.");
        var queue = new TicketQueue
        {
            Key = request.Key!, Name = request.Name!.Trim(), Rule = request.Rule!.Value,
            TeamLead = string.IsNullOrWhiteSpace(request.TeamLead) ? null : request.TeamLead.Trim(),
        };
        db.Queues.Add(queue);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/queues/{Uri.EscapeDataString(queue.Key)}", await RespondAsync(db, queue, ct));
    }

    private static async Task<Results<Ok<QueueResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string key, QueueRequest request, TicketingDbContext db, CancellationToken ct)
    {
        var v = Validate(request, withKey: false).Check(request.Key is null || request.Key == key, "key", "'key' cannot be changed.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var queue = await FindAsync(db, key, ct);
        if (queue is null) return Problems.NotFound("Queue", key);
        if (await db.CheckPeopleAsync(ct, ("teamLead", request.TeamLead?.Trim())) is { } unknown) return unknown;
        queue.Name = request.Name!.Trim();
        queue.Rule = request.Rule!.Value;
        queue.TeamLead = string.IsNullOrWhiteSpace(request.TeamLead) ? null : request.TeamLead.Trim();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await RespondAsync(db, queue, ct));
    }

    /// <summary>Adds an agent to the queue, or sets their availability.</summary>
    private static async Task<Results<Ok<QueueResponse>, ValidationProblem, ProblemHttpResult>> PutMember(
        string key, string agent, MemberRequest? request, TicketingDbContext db, CancellationToken ct)
    {
        var v = new Validator().Person("agent", agent);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var queue = await FindAsync(db, key, ct);
        if (queue is null) return Problems.NotFound("Queue", key);
        if (await db.CheckPeopleAsync(ct, ("agent", agent)) is { } unknown) return unknown;
        var member = queue.Members.FirstOrDefault(m => m.Agent == agent);
        if (member is null) queue.Members.Add(new QueueMember { QueueId = queue.Id, Agent = agent, Available = request?.Available ?? true });
        else member.Available = request?.Available ?? true;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await RespondAsync(db, queue, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteMember(string key, string agent, TicketingDbContext db, CancellationToken ct)
    {
        var queue = await FindAsync(db, key, ct);
        if (queue?.Members.FirstOrDefault(m => m.Agent == agent) is not { } member) return Problems.NotFound("Queue member", $"{key}/{agent}");
        queue.Members.Remove(member);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Routes a ticket to a queue; the queue's rule picks the agent. The queue row is locked (FOR UPDATE) for the
    /// pick, so two routings at once take turns instead of both going to the same agent.
    /// </summary>
    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Route(
        string ticket, RouteTicketRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("queue", request.Queue, Lengths.Key);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct); // joins an Idempotency-Key request's
        var found = await db.FindTicketAsync(ticket, caller, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        var queue = (await db.Queues.FromSql($"SELECT *, xmin FROM queues WHERE key = {request.Queue} FOR UPDATE").ToListAsync(ct)).FirstOrDefault();
        if (queue is null) return Problems.Unprocessable("unknown-queue", $"Queue '{request.Queue}' does not exist.");
        await db.Entry(queue).Collection(q => q.Members).LoadAsync(ct);

        var assignee = request.AutoAssign ? queue.NextAssignee(await QueueLoads.OpenTicketsAsync(db, queue.Members.Select(m => m.Agent), ct)) : null;
        found.Route(queue.Key, assignee, caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await db.RespondAsync(found, clock, ct));
    }

    /// <summary>The ticket's reassignment history: every change of queue or assignee, from the audit trail.</summary>
    private static async Task<Results<Ok<IReadOnlyList<AssignmentEntry>>, ProblemHttpResult>> Assignments(
        string ticket, TicketingDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.PeekTicketAsync(ticket, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        var entries = await db.AuditTrailAsync(found, ct);
        var result = new List<AssignmentEntry>();
        string? queue = null, assignee = null;
        foreach (var a in entries)
        {
            var changes = JsonDocument.Parse(a.Changes).RootElement;
            var queueChanged = changes.TryGetProperty(nameof(Ticket.Queue), out var q);
            var assigneeChanged = changes.TryGetProperty(nameof(Ticket.Assignee), out var s);
            if (!queueChanged && !assigneeChanged) continue;
            var (fromQueue, fromAssignee) = (queue, assignee);
            if (queueChanged) queue = Side(q, 1);
            if (assigneeChanged) assignee = Side(s, 1);
            result.Add(new AssignmentEntry(a.At, a.Actor, fromQueue, queue, fromAssignee, assignee));
        }

        return TypedResults.Ok<IReadOnlyList<AssignmentEntry>>(result);
    }

    private static string? Side(JsonElement pair, int index) =>
        pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() > index && pair[index].ValueKind == JsonValueKind.String
            ? pair[index].GetString() : null;
}
