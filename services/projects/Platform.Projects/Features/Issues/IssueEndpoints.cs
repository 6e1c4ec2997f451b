namespace Platform.Projects.Features;

/// <summary>A project's issue log: its members and PMO open, change and move issues; whoever sees the project reads them.</summary>
public static class IssueEndpoints
{
    /// <summary>Why a caller who sees the project may not do this.</summary>
    private const string WorkersOnly = "Only the project's members and PMO work its issue log.";

    internal static async Task<Results<Ok<Page<IssueResponse>>, ValidationProblem, ProblemHttpResult>> ListIssues(
        string project, ProjectsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct,
        IssueStatus? status = null, int? limit = null, string? cursor = null, bool? overdue = null, string? owner = null)
    {
        var v = new Validator()
            .OneOf("status", status);
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);

        var query = db.Issues.AsNoTracking().Where(i => i.ProjectId == found.Id);
        var today = clock.Today();
        if (status is not null) query = query.Where(i => i.Status == status);
        if (!string.IsNullOrWhiteSpace(owner)) query = query.Where(i => i.Owner == owner);
        if (overdue == true)
            query = query.Where(i => i.DueDate < today && (i.Status == IssueStatus.Open || i.Status == IssueStatus.InProgress));
        return TypedResults.Ok(await query.ToPageAsync(page, i => i.Number, newestFirst: true, i => IssueResponse.From(i, today), ct));
    }

    internal static async Task<Results<Created<IssueResponse>, ValidationProblem, ProblemHttpResult>> CreateIssue(
        string project, CreateIssueRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Required("title", request.Title)
            .Optional("description", request.Description, Lengths.Text)
            .RequiredEnum("severity", request.Severity)
            .Person("owner", request.Owner, required: false);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var today = clock.Today();
        var (work, problem) = await db.WorkOnProjectAsync(http, project, WorkersOnly, ct, ("owner", request.Owner?.Trim()));
        if (problem is not null) return problem;
        var (caller, found, _) = work!;

        var number = await db.NextNumberAsync(Sequences.Issues, ct);
        var issue = ProjectIssue.Open(number, found, request.Title!.Trim(), request.Description?.Trim() ?? "",
            request.Severity!.Value, request.Owner?.Trim(), null, null, clock.GetUtcNow(), request.DueDate);
        db.Issues.Add(issue);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/issues/{issue.Key}", IssueResponse.From(issue, today));
    }

    internal static async Task<Results<Ok<IssueResponse>, ProblemHttpResult>> GetIssue(
        string project, string issue, ProjectsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        var item = found is null ? null : await db.FindIssueAsync(found, issue, ct, tracking: false);
        return item is null ? Problems.NotFound("Issue", issue)
            : TypedResults.Ok(IssueResponse.From(item, clock.Today()));
    }

    internal static async Task<Results<Ok<IssueResponse>, ValidationProblem, ProblemHttpResult>> UpdateIssue(
        string project, string issue, UpdateIssueRequest request, ProjectsDbContext db, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Check(request.Title is null || request.Title.Trim().Length is > 0 and <= Lengths.Title, "title", $"'title' must be 1 to {Lengths.Title} characters.")
            .Optional("description", request.Description, Lengths.Text)
            .OneOf("severity", request.Severity)
            .Person("owner", request.Owner, required: false)
            .Check(!(request.ClearDueDate && request.DueDate is not null), "dueDate", "Give 'dueDate' or 'clearDueDate', not both.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.FindIssueAsync(p, issue, ct), "Issue", issue, WorkersOnly, ct,
            ("owner", request.Owner?.Trim()));
        if (problem is not null) return problem;
        var (caller, found, item) = work!;

        var now = clock.GetUtcNow();
        item.Update(request.Title?.Trim(), request.Description?.Trim(), request.Severity, request.Owner?.Trim(), request.DueDate,
            request.ClearDueDate, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(IssueResponse.From(item, DateOnly.FromDateTime(now.UtcDateTime)));
    }

    internal static async Task<Results<Ok<IssueResponse>, ValidationProblem, ProblemHttpResult>> TransitionIssue(
        string project, string issue, IssueTransitionRequest request, ProjectsDbContext db, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("action", request.Action).Optional("note", request.Note, Lengths.Text);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.FindIssueAsync(p, issue, ct), "Issue", issue, WorkersOnly, ct);
        if (problem is not null) return problem;
        var (caller, found, item) = work!;

        item.Apply(request.Action!.Value, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(IssueResponse.From(item, clock.Today()));
    }
}
