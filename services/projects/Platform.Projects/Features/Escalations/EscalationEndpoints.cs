namespace Platform.Projects.Features;

/// <summary>
/// Escalations to the PMO. Members (and PMO) escalate an issue or a risk of their project by hand; rules raise the
/// rest. PMO analysts (and admins) acknowledge and resolve them. Everyone reads the escalations of the projects
/// they see; 404 for the others.
/// </summary>
public static class EscalationEndpoints
{
    internal static async Task<Results<Created<EscalationResponse>, ValidationProblem, ProblemHttpResult>> Create(
        string project, CreateEscalationRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .RequiredEnum("sourceType", request.SourceType)
            .Check(request.SourceType is null or EscalationSource.Issue or EscalationSource.Risk, "sourceType", "Only an issue or a risk is escalated by hand.")
            .Required("source", request.Source)
            .Required("reason", request.Reason, Lengths.Comment)
            .OneOf("severity", request.Severity);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        if (found is null) return Problems.NotFound("Project", project);

        string sourceId, sourceKey;
        EscalationSeverity severity;
        if (request.SourceType == EscalationSource.Issue)
        {
            var issue = await db.FindIssueAsync(found, request.Source!.Trim(), ct, tracking: false);
            if (issue is null) return Problems.NotFound("Issue", request.Source!);
            (sourceId, sourceKey) = (issue.Id.ToString(), issue.Key);
            severity = request.Severity ?? Enum.Parse<EscalationSeverity>(issue.Severity.ToString());
        }
        else
        {
            var risk = await db.FindRiskAsync(found, request.Source!.Trim(), ct, tracking: false);
            if (risk is null) return Problems.NotFound("Risk", request.Source!);
            (sourceId, sourceKey) = (risk.Id.ToString(), risk.Key);
            severity = request.Severity ?? (risk.Score >= 15 ? EscalationSeverity.High : EscalationSeverity.Medium);
        }

        if (!await db.WorksOnAsync(found, caller, ct)) return Problems.Forbidden("Only the project's members and PMO escalate its issues and risks.");
        var escalation = await Escalator.TryRaiseAsync(db, found, EscalationRule.Manual, request.SourceType!.Value, sourceId, sourceKey,
            severity, request.Reason!.Trim(), caller.Id, clock.GetUtcNow(), ct);
        if (escalation is null || (await db.SaveChangesRaisingAsync(ct)).Count == 0)
            return Problems.Conflict("already-escalated", $"{sourceKey} is already escalated and the escalation is not resolved yet.");
        return TypedResults.Created($"/api/escalations/{escalation.Key}", EscalationResponse.From(escalation));
    }

    internal static async Task<Results<Ok<Page<EscalationResponse>>, ValidationProblem, ProblemHttpResult>> ListForProject(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct,
        EscalationStatus? status = null, EscalationRule? rule = null, int? limit = null, string? cursor = null)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        return await Page(db.Escalations.Where(e => e.ProjectId == found.Id), status, rule, limit, cursor, ct);
    }

    internal static async Task<Results<Ok<Page<EscalationResponse>>, ValidationProblem, ProblemHttpResult>> List(
        ProjectsDbContext db, HttpContext http, CancellationToken ct,
        EscalationStatus? status = null, EscalationRule? rule = null, string? project = null, int? limit = null, string? cursor = null)
    {
        var caller = Caller.Of(http);
        var query = db.Escalations.AsQueryable();
        if (project is not null)
        {
            var found = await db.FindProjectAsync(project, caller, ct);
            if (found is null) return Problems.NotFound("Project", project);
            query = query.Where(e => e.ProjectId == found.Id);
        }
        else if (!caller.SeesAllProjects)
        {
            var visible = db.VisibleProjects(caller).Select(p => p.Id);
            query = query.Where(e => visible.Contains(e.ProjectId));
        }

        return await Page(query, status, rule, limit, cursor, ct);
    }

    private static async Task<Results<Ok<Page<EscalationResponse>>, ValidationProblem, ProblemHttpResult>> Page(
        IQueryable<Escalation> query, EscalationStatus? status, EscalationRule? rule, int? limit, string? cursor, CancellationToken ct)
    {
        var v = new Validator()
            .OneOf("status", status)
            .OneOf("rule", rule);
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        query = query.AsNoTracking().Include(e => e.History);
        if (status is not null) query = query.Where(e => e.Status == status);
        if (rule is not null) query = query.Where(e => e.Rule == rule);
        return TypedResults.Ok(await query.AsSplitQuery().ToPageAsync(page, e => e.Number, newestFirst: true, EscalationResponse.From, ct));
    }

    internal static async Task<Results<Ok<EscalationResponse>, ProblemHttpResult>> Get(
        string escalation, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var (found, _) = await db.FindEscalationAsync(escalation, Caller.Of(http), ct, tracking: false);
        return found is null ? Problems.NotFound("Escalation", escalation) : TypedResults.Ok(EscalationResponse.From(found));
    }

    internal static async Task<Results<Ok<EscalationResponse>, ValidationProblem, ProblemHttpResult>> Transition(
        string escalation, EscalationTransitionRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("action", request.Action).Optional("note", request.Note, Lengths.Text);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var (found, _) = await db.FindEscalationAsync(escalation, caller, ct);
        if (found is null) return Problems.NotFound("Escalation", escalation);
        if (!caller.ManagesProjects) return Problems.Forbidden("Only PMO analysts acknowledge and resolve escalations.");

        found.Apply(request.Action!.Value, RequestText.Blank(request.Note), caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(EscalationResponse.From(found));
    }
}
