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

    /// <summary>
    /// The fields a new risk and a change of one share: a new risk needs its title and both factors, a change may leave
    /// any of them out (a title given must not be blank).
    /// </summary>
    private static Validator CheckRisk(bool creating, string? title, string? description, int? probability, int? impact,
        string? owner, string? mitigation, string? trigger) =>
        (creating ? new Validator().Required("title", title) : new Validator().NotBlankWhenGiven("title", title))
            .Optional("description", description, Lengths.Text)
            .Factor("probability", probability, required: creating)
            .Factor("impact", impact, required: creating)
            .Person("owner", owner, required: false)
            .Optional("mitigation", mitigation, Lengths.Text)
            .Optional("trigger", trigger, Lengths.Comment);

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
        return TypedResults.Ok(await query.ToPageAsync(page, r => r.Number, newestFirst: true, r => RiskResponse.From(r), ct));
    }

    internal static async Task<Results<Created<RiskResponse>, ValidationProblem, ProblemHttpResult>> Create(
        string project, CreateRiskRequest request, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options,
        HttpContext http, CancellationToken ct)
    {
        var v = CheckRisk(creating: true, request.Title, request.Description, request.Probability, request.Impact, request.Owner,
            request.Mitigation, request.Trigger);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnProjectAsync(http, project, WorkersOnly, ct, ("owner", request.Owner?.Trim()));
        if (problem is not null) return problem;
        var (caller, found, _) = work!;

        var now = clock.GetUtcNow();
        var number = await db.NextNumberAsync(Sequences.Risks, ct);
        var risk = Risk.Identify(number, found, request.Title!.Trim(), request.Description?.Trim() ?? "", request.Probability!.Value,
            request.Impact!.Value, RequestText.Blank(request.Owner), RequestText.Blank(request.Mitigation), RequestText.Blank(request.Trigger), caller.Id, now);
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
        var v = CheckRisk(creating: false, request.Title, request.Description, request.Probability, request.Impact, request.Owner,
            request.Mitigation, request.Trigger).OneOf("status", request.Status);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.FindRiskAsync(p, risk, ct), "Risk", risk, WorkersOnly, ct,
            ("owner", request.Owner?.Trim()));
        if (problem is not null) return problem;
        var (caller, found, item) = work!;

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
