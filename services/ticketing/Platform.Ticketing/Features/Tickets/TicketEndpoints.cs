using Platform.Ticketing.Features.Projects;

namespace Platform.Ticketing.Features.Tickets;

/// <summary>
/// The ticket API. Everyone with the tickets scope may raise tickets; requesters (and tools) see only their own,
/// answered 404 for anyone else's so that ids do not leak; agents work tickets; agents and PMO promote them.
/// </summary>
public static partial class TicketEndpoints
{
    /// <param name="tickets">The /api/tickets group (TicketingService.cs).</param>
    public static void MapTicketEndpoints(this RouteGroupBuilder tickets)
    {
        var group = tickets.MapGroup("").WithTags("Tickets");
        group.MapPost("/", Create).WithName("CreateTicket");
        group.MapGet("/", List).WithName("ListTickets");
        group.MapGet("/counts", TicketListing.Counts).WithName("CountTickets");
        group.MapGet("/{ticket}", Get).WithName("GetTicket");
        group.MapGet("/{ticket}/history", History).WithName("GetTicketHistory").RequireAuthorization(Policies.TicketsWork);
        group.MapPost("/{ticket}/assign", Assign).WithName("AssignTicket").RequireAuthorization(Policies.TicketsWork);
        group.MapPost("/{ticket}/transitions", Transition).WithName("TransitionTicket");
        group.MapGet("/{ticket}/comments", ListComments).WithName("ListTicketComments");
        group.MapPost("/{ticket}/comments", AddComment).WithName("AddTicketComment");
        group.MapPost("/{ticket}/satisfaction", Rate).WithName("RateTicket");
        group.MapPut("/{ticket}/asset", LinkAsset).WithName("LinkTicketAsset").RequireAuthorization(Policies.TicketsWork);
        group.MapPost("/{ticket}/promote", Promote).WithName("PromoteTicket").RequireAuthorization(Policies.TicketsPromote);
        group.MapPost("/{ticket}/major-incident", DeclareMajorIncident).WithName("DeclareMajorIncident").RequireAuthorization(Policies.TicketsWork);
        group.MapPost("/{ticket}/major-incident/stand-down", StandDownMajorIncident).WithName("StandDownMajorIncident")
            .RequireAuthorization(Policies.TicketsWork);
        group.MapGet("/priority-matrix", (PriorityMatrix matrix) => TypedResults.Ok(matrix.ToTable())).WithName("GetPriorityMatrix");
    }

    private static async Task<Results<Created<TicketResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateTicketRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, PriorityMatrix matrix,
        CancellationToken ct)
    {
        var caller = Caller.Of(http);
        // A known category's template prefills what the request leaves out.
        var key = request.Category?.Trim();
        var category = string.IsNullOrEmpty(key) ? null : (await db.Reference.GetAsync(db, ct)).Category(key);
        if (category is not null)
            request = request with
            {
                Title = string.IsNullOrWhiteSpace(request.Title) ? category.TemplateTitle : request.Title,
                Description = string.IsNullOrWhiteSpace(request.Description) ? category.TemplateDescription : request.Description,
                Impact = request.Impact ?? category.DefaultImpact,
                Urgency = request.Urgency ?? category.DefaultUrgency,
            };
        var v = new Validator()
            .Required("title", request.Title, Lengths.Title)
            .Required("description", request.Description, Lengths.Text)
            .Person("requester", request.Requester, required: false)
            .Required("category", request.Category, Lengths.Key)
            .RequiredEnum("impact", request.Impact)
            .RequiredEnum("urgency", request.Urgency)
            .Optional("assetTag", request.AssetTag, Lengths.Tag);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        // Only agents open tickets for someone else; everyone else is the requester of what they raise.
        var requester = caller.WorksTickets && !string.IsNullOrWhiteSpace(request.Requester) ? request.Requester.Trim() : caller.Id;
        if (requester != caller.Id && await db.CheckPeopleAsync(ct, ("requester", requester)) is { } unknown) return unknown;
        var number = await db.NextTicketNumberAsync(ct);
        var ticket = Ticket.Open(number, request.Title!.Trim(), request.Description!.Trim(), requester,
            request.Category!.Trim(), request.Impact!.Value, request.Urgency!.Value, clock.GetUtcNow(), matrix, request.AssetTag);
        await db.ApplySlaPolicyAsync(ticket, ct);
        if (category?.DefaultQueue is { } queue) ticket.Route(queue, null, caller.Id, ticket.CreatedAt);
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tickets/{ticket.Key}", await db.RespondAsync(ticket, clock, ct, withComments: true));
    }

    private static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem>> List(
        TicketingDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct,
        TicketStatus? status = null, Priority? priority = null, string? assignee = null, string? requester = null,
        int? limit = null, string? cursor = null, string? assetTag = null, string? queue = null, bool? majorIncident = null,
        string? category = null, bool? unassigned = null, bool? slaAtRisk = null, string? sort = null, bool? myQueues = null)
    {
        var v = new Validator().ValidStatusAndPriority(status, priority).ValidQueueView(sort, unassigned, assignee);
        var bySla = sort == TicketListing.SortSlaDue;
        var page = Keyset.From(v, limit, bySla ? null : cursor);
        var slaCursor = bySla ? SlaDueCursor.From(v, cursor) : null;
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var caller = Caller.Of(http);
        var query = db.Tickets.AsNoTracking().Filtered(status, priority, queue, assignee)
            .QueueViewFiltered(category, unassigned, slaAtRisk, clock.GetUtcNow()).InCallersQueues(db, myQueues, caller.Id);
        if (!caller.SeesAllTickets) query = query.Where(t => t.Requester == caller.Id);
        if (!string.IsNullOrWhiteSpace(requester)) query = query.Where(t => t.Requester == requester);
        if (!string.IsNullOrWhiteSpace(assetTag))
        {
            var tag = assetTag.Trim().ToUpperInvariant(); // tags are stored upper-case
            query = query.Where(t => t.AssetTag == tag);
        }
        if (majorIncident is not null) query = query.Where(t => t.MajorIncident == majorIncident);
        if (bySla) return TypedResults.Ok(await query.SlaDuePageAsync(page.Take, slaCursor, db, clock, ct));
        var rows = await query.PageRowsAsync(page, t => t.Number, newestFirst: true, ct);
        return TypedResults.Ok(await page.RespondAsync(rows, db, clock, ct));
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> Get(
        string ticket, TicketingDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindTicketAsync(ticket, caller, withComments: true, ct, tracking: false);
        return found is null
            ? Problems.NotFound("Ticket", ticket)
            : TypedResults.Ok(await db.RespondAsync(found, clock, ct, withComments: true, internalNotes: caller.SeesAllTickets) with
            {
                Alert = await AlertView.ForAsync(db, found.Id, ct),
            });
    }

    private static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult>> History(
        string ticket, TicketingDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.PeekTicketAsync(ticket, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        var entries = await db.AuditTrailAsync(found, ct);
        return TypedResults.Ok<IReadOnlyList<HistoryEntry>>(entries
            .Select(a => new HistoryEntry(a.At, a.Actor, a.Action, JsonDocument.Parse(a.Changes).RootElement.Clone()))
            .ToList());
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Assign(
        string ticket, AssignTicketRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Person("assignee", request.Assignee);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (await db.CheckPeopleAsync(ct, ("assignee", request.Assignee!.Trim())) is { } unknown) return unknown;
        var caller = Caller.Of(http);
        var found = await db.FindTicketAsync(ticket, caller, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);

        found.Assign(request.Assignee!.Trim(), caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.RespondAsync(found, clock, ct));
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Transition(
        string ticket, TransitionRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http,
        IOptions<TicketOptions> options, CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("action", request.Action).Optional("comment", request.Comment, Lengths.Text);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindTicketAsync(ticket, caller, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        // Requesters may only confirm (close) or reopen their own resolved ticket; the rest is agents' work.
        if (!caller.WorksTickets && request.Action is not (TicketAction.Close or TicketAction.Reopen))
            return Problems.Forbidden($"Only agents may {request.Action.ToString()!.ToLowerInvariant()} a ticket.");

        var now = clock.GetUtcNow();
        found.Apply(request.Action!.Value, caller.Id, now, TimeSpan.FromDays(options.Value.ReopenWindowDays),
            string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(), byAgent: caller.WorksTickets);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.RespondAsync(found, clock, ct));
    }

    /// <summary>The requester rates a resolved (or closed) ticket, 1 to 5, once.</summary>
    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Rate(
        string ticket, RateTicketRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Check(Ticket.IsRating(request.Rating), "rating", $"'rating' is required, {Ticket.LowestRating} to {Ticket.HighestRating}.")
            .Optional("comment", request.Comment, Lengths.Note);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindTicketAsync(ticket, caller, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        if (!found.MayBeRatedBy(caller.Id)) return Problems.Forbidden(Ticket.OnlyTheRequesterRates);
        found.Rate(caller.Id, request.Rating!.Value, request.Comment, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.RespondAsync(found, clock, ct));
    }

    /// <summary>Names the asset (by tag) the ticket is about; an empty tag unlinks it.</summary>
    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> LinkAsset(
        string ticket, LinkAssetRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Optional("assetTag", request.AssetTag, Lengths.Tag);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindTicketAsync(ticket, Caller.Of(http), withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        found.LinkAsset(request.AssetTag, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.RespondAsync(found, clock, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<CommentResponse>>, ProblemHttpResult>> ListComments(
        string ticket, TicketingDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindTicketAsync(ticket, caller, withComments: true, ct, tracking: false);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        return TypedResults.Ok(CommentResponse.List(found, caller.SeesAllTickets));
    }

    private static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> AddComment(
        string ticket, AddCommentRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("body", request.Body, Lengths.Text);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindTicketAsync(ticket, caller, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        if (request.Internal && !caller.SeesAllTickets) return Problems.Forbidden("Internal notes are for agents and PMO only.");

        var comment = found.AddComment(caller.Id, request.Body!.Trim(),
            request.Internal ? CommentKind.Internal : CommentKind.Public, clock.GetUtcNow(), byAgent: caller.WorksTickets);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tickets/{found.Key}/comments/{comment.Id}", CommentResponse.From(comment));
    }

    /// <summary>An agent declares a major incident (above P1) with the reason; everyone who must know is told.</summary>
    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> DeclareMajorIncident(
        string ticket, MajorIncidentRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        await ChangeMajorIncident(ticket, request, db, clock, http, declare: true, ct);

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> StandDownMajorIncident(
        string ticket, MajorIncidentRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        await ChangeMajorIncident(ticket, request, db, clock, http, declare: false, ct);

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ChangeMajorIncident(
        string ticket, MajorIncidentRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, bool declare, CancellationToken ct)
    {
        var v = new Validator().Required("reason", request.Reason, Lengths.Note);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindTicketAsync(ticket, caller, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        if (declare) found.DeclareMajorIncident(request.Reason!.Trim(), caller.Id, clock.GetUtcNow());
        else found.StandDownMajorIncident(request.Reason!.Trim(), caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.RespondAsync(found, clock, ct));
    }

    /// <summary>
    /// Hands a ticket to a project. A project ticketing has not heard of yet (just created, its event still on the
    /// way) is looked up in the projects service; one that service does not know either is refused, 422.
    /// </summary>
    private static async Task<Results<Accepted<TicketResponse>, ValidationProblem, ProblemHttpResult>> Promote(
        string ticket, PromoteTicketRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http,
        ProjectsClient projects, ILogger<ProjectsClient> logger, CancellationToken ct)
    {
        var v = new Validator().Check(request.ProjectId is not null || !string.IsNullOrWhiteSpace(request.ProjectKey),
            "projectKey", "Give 'projectKey' (for example PRJ-1) or 'projectId'.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindTicketAsync(ticket, caller, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);

        var key = request.ProjectKey?.Trim().ToUpperInvariant();
        var reference = request.ProjectId?.ToString() ?? key!;
        var project = await db.KnownProjects.AsNoTracking()
            .FirstOrDefaultAsync(p => request.ProjectId != null ? p.Id == request.ProjectId : p.Key == key, ct);
        if (project is null)
        {
            try
            {
                project = await projects.FindAsync(reference, ProjectsClient.AuthorizationOf(http), ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or Polly.ExecutionRejectedException
                                           || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                LogProjectsUnreachable(logger, ex, reference);
                http.Response.Headers.RetryAfter = "2";
                return TypedResults.Problem(
                    $"Project '{reference}' is not known here yet and the projects service cannot be asked right now; nothing was changed. Retry shortly.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                    extensions: new Dictionary<string, object?> { ["code"] = "projects-unavailable" });
            }
        }

        if (project is null)
            return Problems.Unprocessable("unknown-project", $"Project '{reference}' does not exist.");

        found.PromoteTo(project.Id, project.Key, caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/tickets/{found.Key}", await db.RespondAsync(found, clock, ct));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projects service not reachable to confirm project {Project}")]
    private static partial void LogProjectsUnreachable(ILogger logger, Exception exception, string project);
}
