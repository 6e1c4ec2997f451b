using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Platform.Projects.Features;

/// <summary>
/// Weekly status reports generated from the project's data and kept as snapshots (one per project and week). Read as
/// JSON, or as Markdown with Accept: text/markdown or ?format=md.
/// </summary>
public static class StatusReportEndpoints
{
    internal static async Task<Results<Created<StatusReportResponse>, ValidationProblem, ProblemHttpResult>> Generate(
        string project, GenerateStatusReportRequest? request, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options,
        HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int year, week;
        DateOnly monday;
        if (request?.Week is { } text)
        {
            if (!StatusReports.TryParseWeek(text, out year, out week, out monday))
                return Problems.Validation(new Dictionary<string, string[]> { ["week"] = ["'week' is an ISO week such as 2026-W48."] });
        }
        else
        {
            var today = now.UtcDateTime;
            (year, week) = (ISOWeek.GetYear(today), ISOWeek.GetWeekOfYear(today));
            monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        }

        var (work, problem) = await db.WorkOnProjectAsync(http, project, "Only the project's members and PMO generate its status reports.", ct);
        if (problem is not null) return problem;
        var (caller, found, _) = work!;
        if (await db.StatusReports.AnyAsync(r => r.ProjectId == found.Id && r.IsoYear == year && r.IsoWeek == week, ct))
            return Problems.Conflict("already-generated", $"The {year}-W{week:00} report of {found.Key} exists; reports are kept as generated.");

        var content = await StatusReports.BuildAsync(db, found, monday, options.Value, caller.Id, now, ct);
        var number = await db.NextNumberAsync(Sequences.StatusReports, ct);
        var report = StatusReport.Snapshot(number, found, year, week, monday, StatusReports.Serialize(content), caller.Id, now);
        db.StatusReports.Add(report);
        await db.SaveChangesAsync(ct); // a concurrent twin hits the unique (project, week) index: 409 duplicate
        return TypedResults.Created($"/api/status-reports/{report.Key}", new StatusReportResponse(report.Id, report.Key, report.ProjectKey, report.Week, content));
    }

    internal static async Task<Results<Ok<Page<StatusReportSummary>>, ValidationProblem, ProblemHttpResult>> List(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        var query = db.StatusReports.AsNoTracking().Where(r => r.ProjectId == found.Id);
        return TypedResults.Ok(await query.ToPageAsync(page, r => r.Number, newestFirst: true, StatusReportSummary.From, ct));
    }

    internal static async Task<Results<Ok<StatusReportResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Get(
        string report, ProjectsDbContext db, HttpContext http, CancellationToken ct, string? format = null)
    {
        if (format is not null and not ("md" or "markdown" or "json"))
            return Problems.Validation(new Dictionary<string, string[]> { ["format"] = ["'format' is md or json."] });
        var query = db.StatusReports.AsNoTracking();
        StatusReport? found = Guid.TryParse(report, out var id) ? await query.FirstOrDefaultAsync(r => r.Id == id, ct)
            : ProjectLookup.TryNumber(report, StatusReport.KeyPrefix, out var number) ? await query.FirstOrDefaultAsync(r => r.Number == number, ct)
            : null;
        if (found is null || !await db.VisibleProjects(Caller.Of(http)).AnyAsync(p => p.Id == found.ProjectId, ct))
            return Problems.NotFound("Status report", report);

        var wantsMarkdown = format is "md" or "markdown"
            || (format is null && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/markdown", StringComparison.OrdinalIgnoreCase)));
        return wantsMarkdown
            ? TypedResults.Text(StatusReports.ToMarkdown(found.Key, StatusReports.Deserialize(found.Content)), "text/markdown; charset=utf-8")
            : TypedResults.Ok(StatusReportResponse.From(found));
    }
}
