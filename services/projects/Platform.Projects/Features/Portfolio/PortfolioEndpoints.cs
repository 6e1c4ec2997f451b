namespace Platform.Projects.Features;

/// <summary>
/// The portfolio: every project's health, progress and top risks (PMO sees all, others their projects), and one
/// project's health with its reasons. PMO analysts override a computed health with a comment, shown as such.
/// </summary>
public static class PortfolioEndpoints
{
    /// <summary>Why a caller who sees the project may not do this.</summary>
    private const string PmoOnly = "Only PMO analysts override a project's health.";

    internal static async Task<Results<Ok<Page<ProjectStanding>>, ValidationProblem>> List(
        ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options, HttpContext http, CancellationToken ct,
        HealthStatus? health = null, ProjectPhase? phase = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator()
            .OneOf("health", health)
            .OneOf("phase", phase);
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var query = db.VisibleProjects(Caller.Of(http)).AsNoTracking();
        if (phase is not null) query = query.Where(p => p.Phase == phase);
        var rows = await query.PageRowsAsync(page, p => p.Number, newestFirst: false, ct);
        var standings = await PortfolioReader.StandingsAsync(db, rows, clock.Today(), options.Value, ct);
        var byId = standings.ToDictionary(s => s.ProjectId);
        // Health is computed, so it filters the page after reading it; the cursor still follows project numbers.
        var result = page.ToPage(rows, p => p.Number, p => byId[p.Id]);
        return TypedResults.Ok(health is null ? result : result with { Items = result.Items.Where(s => s.Health == health).ToList() });
    }

    internal static async Task<Results<Ok<ProjectStanding>, ProblemHttpResult>> GetHealth(
        string project, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        var standing = await PortfolioReader.StandingsAsync(db, [found], clock.Today(), options.Value, ct);
        return TypedResults.Ok(standing[0]);
    }

    internal static async Task<Results<Ok<ProjectStanding>, ValidationProblem, ProblemHttpResult>> Override(
        string project, HealthOverrideRequest request, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options,
        HttpContext http, CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("health", request.Health).Required("comment", request.Comment, Lengths.Comment);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.ManagesProjects) return Problems.Forbidden(PmoOnly);

        found.OverrideHealth(request.Health!.Value, request.Comment!.Trim(), caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var standing = await PortfolioReader.StandingsAsync(db, [found], clock.Today(), options.Value, ct);
        return TypedResults.Ok(standing[0]);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ClearOverride(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.ManagesProjects) return Problems.Forbidden(PmoOnly);
        found.ClearHealthOverride(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
