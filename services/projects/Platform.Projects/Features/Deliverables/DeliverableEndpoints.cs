namespace Platform.Projects.Features;

/// <summary>
/// Quality: a project's deliverables with acceptance criteria and review status. Members define and submit them;
/// PMO analysts and the project's manager accept or reject them (with reasons).
/// </summary>
public static class DeliverableEndpoints
{
    /// <summary>Why a caller who sees the project may not do this.</summary>
    private const string WorkersOnly = "Only the project's members and PMO define its deliverables.";

    private static Validator Criteria(this Validator v, IReadOnlyList<string>? criteria) => v
        .Check(criteria is null || criteria.Count <= 50, "acceptanceCriteria", "At most 50 acceptance criteria.")
        .Check(criteria is null || criteria.All(c => !string.IsNullOrWhiteSpace(c) && c.Length <= Lengths.ListEntry), "acceptanceCriteria", "Each criterion is 1–1000 characters.");

    internal static async Task<Results<Ok<IReadOnlyList<DeliverableResponse>>, ValidationProblem, ProblemHttpResult>> List(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct, DeliverableStatus? status = null)
    {
        var v = new Validator().OneOf("status", status);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        var query = db.Deliverables.AsNoTracking().Include(d => d.Reviews).Where(d => d.ProjectId == found.Id);
        if (status is not null) query = query.Where(d => d.Status == status);
        var rows = await query.OrderBy(d => d.Number).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<DeliverableResponse>>(rows.Select(DeliverableResponse.From).ToList());
    }

    internal static async Task<Results<Created<DeliverableResponse>, ValidationProblem, ProblemHttpResult>> Create(
        string project, CreateDeliverableRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name).Optional("description", request.Description, Lengths.Text)
            .Person("owner", request.Owner, required: false).Criteria(request.AcceptanceCriteria);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnProjectAsync(http, project, WorkersOnly, ct, ("owner", request.Owner?.Trim()));
        if (problem is not null) return problem;
        var (caller, found, _) = work!;

        var number = await db.NextNumberAsync(Sequences.Deliverables, ct);
        var deliverable = Deliverable.Define(number, found, request.Name!.Trim(), request.Description?.Trim() ?? "",
            (request.AcceptanceCriteria ?? []).Select(c => c.Trim()).ToList(), RequestText.Blank(request.Owner), request.DueDate, clock.GetUtcNow());
        return await db.CreatedAsync(deliverable, d => $"/api/projects/{found.Key}/deliverables/{d.Key}", DeliverableResponse.From, ct);
    }

    internal static async Task<Results<Ok<DeliverableResponse>, ProblemHttpResult>> Get(
        string project, string deliverable, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        var item = found is null ? null : await db.FindDeliverableAsync(found, deliverable, ct);
        return item is null ? Problems.NotFound("Deliverable", deliverable) : TypedResults.Ok(DeliverableResponse.From(item));
    }

    internal static async Task<Results<Ok<DeliverableResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string project, string deliverable, UpdateDeliverableRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .NotBlankWhenGiven("name", request.Name)
            .Optional("description", request.Description, Lengths.Text).Person("owner", request.Owner, required: false).Criteria(request.AcceptanceCriteria);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.FindDeliverableAsync(p, deliverable, ct), "Deliverable", deliverable, WorkersOnly, ct,
            ("owner", request.Owner?.Trim()));
        if (problem is not null) return problem;
        var (caller, found, item) = work!;
        item.Edit(request.Name?.Trim(), request.Description?.Trim(), request.AcceptanceCriteria?.Select(c => c.Trim()).ToList(),
            request.Owner?.Trim(), request.DueDate, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DeliverableResponse.From(item));
    }

    internal static async Task<Results<Ok<DeliverableResponse>, ValidationProblem, ProblemHttpResult>> Transition(
        string project, string deliverable, DeliverableTransitionRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("action", request.Action).Optional("reason", request.Reason, Lengths.Text)
            .Check(request.Action != DeliverableAction.Reject || !string.IsNullOrWhiteSpace(request.Reason), "reason", "'reason' is required to reject.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var item = found is null ? null : await db.FindDeliverableAsync(found, deliverable, ct);
        if (item is null) return Problems.NotFound("Deliverable", deliverable);
        if (DeliverableWorkflow.IsReview(request.Action!.Value)
                ? !caller.Manages(found!)
                : !await db.WorksOnAsync(found!, caller, ct))
            return Problems.Forbidden("Members submit deliverables; PMO analysts and the project's manager accept or reject them.");
        item.Apply(request.Action!.Value, RequestText.Blank(request.Reason), caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DeliverableResponse.From(item));
    }
}
