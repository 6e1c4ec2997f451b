namespace Platform.Projects.Features;

/// <summary>
/// The risk register of a project. Members and PMO identify and rescore risks; a score crossing
/// Projects:RiskEscalationThreshold (default 15) raises one escalation to the PMO.
/// </summary>
public static class RiskEndpoints
{
    /// <summary>Why a caller who sees the project may not do this.</summary>
    private const string WorkersOnly = "Only the project's members and PMO work its risk register.";

    private static Validator Factor(this Validator v, string field, int? value, bool required) =>
        v.Check(value is null ? !required : RiskScoring.IsValidFactor(value), field, $"'{field}' is required and must be between 1 and 5.");

    internal static async Task<Results<Ok<Page<RiskResponse>>, ValidationProblem, ProblemHttpResult>> List(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct,
        RiskStatus? status = null, int? minScore = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator()
            .OneOf("status", status)
            .Check(minScore is null or >= 1 and <= 25, "minScore", "'minScore' must be between 1 and 25.");
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);

        var query = db.Risks.AsNoTracking().Where(r => r.ProjectId == found.Id);
        if (status is not null) query = query.Where(r => r.Status == status);
        if (minScore is not null) query = query.Where(r => r.Score >= minScore);
        if (page.After is { } after) query = query.Where(r => r.Number < after);
        var rows = await query.OrderByDescending(r => r.Number).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(page.ToPage(rows, r => r.Number, r => RiskResponse.From(r)));
    }

    internal static async Task<Results<Created<RiskResponse>, ValidationProblem, ProblemHttpResult>> Create(
        string project, CreateRiskRequest request, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options,
        HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Required("title", request.Title)
            .Optional("description", request.Description, Lengths.Text)
            .Factor("probability", request.Probability, required: true)
            .Factor("impact", request.Impact, required: true)
            .Person("owner", request.Owner, required: false)
            .Optional("mitigation", request.Mitigation, Lengths.Text)
            .Optional("trigger", request.Trigger, Lengths.Comment);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnProjectAsync(http, project, WorkersOnly, ct);
        if (problem is not null) return problem;
        var (caller, found, _) = work!;
        if (await db.CheckPeopleAsync(ct, ("owner", request.Owner?.Trim())) is { } unknown) return unknown;

        var now = clock.GetUtcNow();
        var number = await db.NextNumberAsync(Sequences.Risks, ct);
        var risk = Risk.Identify(number, found, request.Title!.Trim(), request.Description?.Trim() ?? "", request.Probability!.Value,
            request.Impact!.Value, Requests.Blank(request.Owner), Requests.Blank(request.Mitigation), Requests.Blank(request.Trigger), caller.Id, now);
        db.Risks.Add(risk);
        await Escalator.OnRiskScoredAsync(db, found, risk, null, options.Value.RiskEscalationThreshold, caller.Id, now, ct);
        await db.SaveChangesRaisingAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/risks/{risk.Key}", RiskResponse.From(risk, withHistory: true));
    }

    internal static async Task<Results<Ok<RiskResponse>, ProblemHttpResult>> Get(
        string project, string risk, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        var item = found is null ? null : await db.FindRiskAsync(found, risk, ct, tracking: false);
        return item is null ? Problems.NotFound("Risk", risk) : TypedResults.Ok(RiskResponse.From(item, withHistory: true));
    }

    internal static async Task<Results<Ok<RiskResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string project, string risk, UpdateRiskRequest request, ProjectsDbContext db, TimeProvider clock,
        IOptions<ProjectsOptions> options, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .NotBlankWhenGiven("title", request.Title)
            .Optional("description", request.Description, Lengths.Text)
            .Factor("probability", request.Probability, required: false)
            .Factor("impact", request.Impact, required: false)
            .Person("owner", request.Owner, required: false)
            .Optional("mitigation", request.Mitigation, Lengths.Text)
            .Optional("trigger", request.Trigger, Lengths.Comment)
            .OneOf("status", request.Status);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.FindRiskAsync(p, risk, ct), "Risk", risk, WorkersOnly, ct);
        if (problem is not null) return problem;
        var (caller, found, item) = work!;
        if (await db.CheckPeopleAsync(ct, ("owner", request.Owner?.Trim())) is { } unknown) return unknown;

        var now = clock.GetUtcNow();
        var wasActive = item.IsActive;
        item.Update(request.Title?.Trim(), request.Description?.Trim(), request.Owner?.Trim(), request.Mitigation?.Trim(),
            request.Trigger?.Trim(), request.Status, now);
        int? previous = item.Score;
        if (request.Probability is not null || request.Impact is not null)
            previous = item.Rescore(request.Probability ?? item.Probability, request.Impact ?? item.Impact, caller.Id, now);
        // A closed risk that becomes active again counts as newly scored.
        if (!wasActive && item.IsActive) previous = null;
        await Escalator.OnRiskScoredAsync(db, found!, item, previous, options.Value.RiskEscalationThreshold, caller.Id, now, ct);
        await db.SaveChangesRaisingAsync(ct);
        return TypedResults.Ok(RiskResponse.From(item, withHistory: true));
    }
}
