namespace Platform.Projects.Features;

/// <summary>
/// Project meetings (PSO): agenda, attendees, minutes, decisions. Each action item becomes a tracked task (owner, due
/// date) of the project. GET /api/meetings/action-items lists open (or overdue) action items across the projects one sees.
/// </summary>
public static class MeetingEndpoints
{
    /// <summary>Why a caller who sees the project may not do this.</summary>
    private const string WorkersOnly = "Only the project's members and PMO run its meetings.";

    private static async Task<MeetingResponse> ResponseAsync(ProjectsDbContext db, Meeting meeting, TimeProvider clock, CancellationToken ct) =>
        MeetingResponse.From(meeting, await db.Tasks.AsNoTracking().Include(t => t.Dependencies).Where(t => t.MeetingId == meeting.Id).ToListAsync(ct),
            clock.Today());

    internal static async Task<Results<Ok<Page<MeetingResponse>>, ValidationProblem, ProblemHttpResult>> List(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        var query = db.Meetings.AsNoTracking().Include(m => m.Decisions).Where(m => m.ProjectId == found.Id);
        var rows = await query.PageRowsAsync(page, m => m.Number, newestFirst: true, ct);
        var ids = rows.Select(m => m.Id).ToList();
        var items = (await db.Tasks.AsNoTracking().Include(t => t.Dependencies).Where(t => t.MeetingId != null && ids.Contains(t.MeetingId.Value)).ToListAsync(ct))
            .ToLookup(t => t.MeetingId!.Value);
        var today = clock.Today();
        return TypedResults.Ok(page.ToPage(rows, m => m.Number, m => MeetingResponse.From(m, items[m.Id], today)));
    }

    internal static async Task<Results<Created<MeetingResponse>, ValidationProblem, ProblemHttpResult>> Create(
        string project, CreateMeetingRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("title", request.Title)
            .Check(request.ScheduledAt is not null, "scheduledAt", "'scheduledAt' is required.")
            .Lines("attendees", request.Attendees, 200, Lengths.Person).Lines("agenda", request.Agenda, 100, Lengths.ListEntry);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnProjectAsync(http, project, WorkersOnly, ct);
        if (problem is not null) return problem;
        var (caller, found, _) = work!;
        if (await db.CheckPeopleAsync("attendees", request.Attendees?.Select(a => a.Trim()), ct) is { } unknown) return unknown;

        var number = await db.NextNumberAsync(Sequences.Meetings, ct);
        var meeting = Meeting.Schedule(number, found, request.Title!.Trim(), request.ScheduledAt!.Value,
            (request.Attendees ?? []).Select(a => a.Trim()).ToList(), (request.Agenda ?? []).Select(a => a.Trim()).ToList(), caller.Id, clock.GetUtcNow());
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/meetings/{meeting.Key}", MeetingResponse.From(meeting, [], clock.Today()));
    }

    internal static async Task<Results<Ok<MeetingResponse>, ProblemHttpResult>> Get(
        string project, string meeting, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        var item = found is null ? null : await db.FindMeetingAsync(found, meeting, ct, tracking: false);
        return item is null ? Problems.NotFound("Meeting", meeting) : TypedResults.Ok(await ResponseAsync(db, item, clock, ct));
    }

    internal static async Task<Results<Ok<MeetingResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string project, string meeting, UpdateMeetingRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .NotBlankWhenGiven("title", request.Title)
            .Lines("attendees", request.Attendees, 200, Lengths.Person).Lines("agenda", request.Agenda, 100, Lengths.ListEntry).Optional("minutes", request.Minutes, Lengths.Minutes);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.FindMeetingAsync(p, meeting, ct), "Meeting", meeting, WorkersOnly, ct);
        if (problem is not null) return problem;
        var (caller, found, item) = work!;
        if (await db.CheckPeopleAsync("attendees", request.Attendees?.Select(a => a.Trim()), ct) is { } unknown) return unknown;
        item.Update(request.Title?.Trim(), request.ScheduledAt, request.Attendees?.Select(a => a.Trim()).ToList(),
            request.Agenda?.Select(a => a.Trim()).ToList(), request.Minutes, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ResponseAsync(db, item, clock, ct));
    }

    internal static async Task<Results<Created<DecisionResponse>, ValidationProblem, ProblemHttpResult>> Decide(
        string project, string meeting, DecisionRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("text", request.Text, Lengths.Text);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.FindMeetingAsync(p, meeting, ct), "Meeting", meeting, WorkersOnly, ct);
        if (problem is not null) return problem;
        var (caller, found, item) = work!;
        var decision = item.Decide(request.Text!.Trim(), caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found!.Key}/meetings/{item.Key}",
            new DecisionResponse(decision.Id, decision.Text, decision.RecordedBy, decision.RecordedAt));
    }

    internal static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> AddActionItem(
        string project, string meeting, ActionItemRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("title", request.Title).Person("owner", request.Owner)
            .Check(request.DueDate is not null, "dueDate", "'dueDate' is required.")
            .Estimate(request.EstimateHours);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.FindMeetingAsync(p, meeting, ct, tracking: false), "Meeting", meeting, WorkersOnly, ct,
            ("owner", request.Owner?.Trim()));
        if (problem is not null) return problem;
        var (caller, found, item) = work!;

        var number = await db.NextNumberAsync(Sequences.Tasks, ct);
        var task = ProjectTask.Plan(number, found!, null, request.Title!.Trim(), request.Owner!.Trim(), null, request.DueDate,
            request.EstimateHours ?? 0, clock.GetUtcNow(), origin: $"meeting {item.Key}", meetingId: item.Id);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found!.Key}/tasks/{task.Key}", TaskResponse.From(task, clock.Today()));
    }

    /// <summary>Open action items (not 100 % done) of the meetings of the projects the caller sees; overdue=true keeps the late ones.</summary>
    internal static async Task<Results<Ok<Page<ActionItemResponse>>, ValidationProblem>> ActionItems(
        ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct,
        bool? overdue = null, string? owner = null, string? project = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var today = clock.Today();
        var visible = db.VisibleProjects(Caller.Of(http));
        if (project is not null)
            visible = visible.Named(project);
        var ids = visible.Select(p => p.Id);
        var query = from t in db.Tasks.AsNoTracking().Include(t => t.Dependencies)
                    join m in db.Meetings.AsNoTracking() on t.MeetingId equals m.Id
                    where ids.Contains(t.ProjectId) && t.PercentDone < 100
                    select new { Task = t, m.ProjectKey, MeetingNumber = m.Number, MeetingTitle = m.Title };
        if (overdue == true) query = query.Where(x => x.Task.DueDate < today);
        if (owner is not null) query = query.Where(x => x.Task.Owner == owner);
        var rows = await query.PageRowsAsync(page, x => x.Task.Number, newestFirst: false, ct);
        return TypedResults.Ok(page.ToPage(rows, x => x.Task.Number,
            x => new ActionItemResponse(x.ProjectKey, Meeting.KeyPrefix + x.MeetingNumber, x.MeetingTitle, TaskResponse.From(x.Task, today))));
    }
}
