using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Domain;
using Platform.ServiceDefaults;

namespace Platform.Projects.Endpoints;

public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Projects");
        group.MapPost("/", Create).WithName("CreateProject");
        group.MapGet("/", List).WithName("ListProjects");
        group.MapGet("/{project}", Get).WithName("GetProject");
        group.MapGet("/{project}/issues", ListIssues).WithName("ListProjectIssues");
        group.MapPost("/{project}/issues", CreateIssue).WithName("CreateProjectIssue");
        group.MapGet("/{project}/issues/{issue}", GetIssue).WithName("GetProjectIssue");
        group.MapPost("/{project}/issues/{issue}/transitions", TransitionIssue).WithName("TransitionProjectIssue");
        return group;
    }

    private static async Task<Results<Created<ProjectResponse>, ValidationProblem>> Create(
        CreateProjectRequest request, ProjectsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator()
            .Required("name", request.Name)
            .Optional("description", request.Description, 10_000)
            .Required("manager", request.Manager)
            .Check(request.StartDate is null || request.EndDate is null || request.EndDate >= request.StartDate,
                "endDate", "'endDate' must not be before 'startDate'.");
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var number = await db.NextNumberAsync(Sequences.Projects, ct);
        var project = Project.Create(number, request.Name!.Trim(), request.Description?.Trim() ?? "", request.Manager!.Trim(),
            request.StartDate, request.EndDate, clock.GetUtcNow());
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{project.Key}", ProjectResponse.From(project));
    }

    private static async Task<Results<Ok<Page<ProjectResponse>>, ValidationProblem>> List(
        ProjectsDbContext db, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var query = db.Projects.AsNoTracking();
        if (page.After is { } after) query = query.Where(p => p.Number > after);
        var rows = await query.OrderBy(p => p.Number).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(page.ToPage(rows, p => p.Number, ProjectResponse.From));
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> Get(
        string project, ProjectsDbContext db, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, ct);
        return found is null ? Problems.NotFound("Project", project) : TypedResults.Ok(ProjectResponse.From(found));
    }

    private static async Task<Results<Ok<Page<IssueResponse>>, ValidationProblem, ProblemHttpResult>> ListIssues(
        string project, ProjectsDbContext db, CancellationToken ct,
        IssueStatus? status = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator()
            .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<IssueStatus>())}.");
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, ct);
        if (found is null) return Problems.NotFound("Project", project);

        var query = db.Issues.AsNoTracking().Where(i => i.ProjectId == found.Id);
        if (status is not null) query = query.Where(i => i.Status == status);
        if (page.After is { } after) query = query.Where(i => i.Number < after);
        var rows = await query.OrderByDescending(i => i.Number).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(page.ToPage(rows, i => i.Number, IssueResponse.From));
    }

    private static async Task<Results<Created<IssueResponse>, ValidationProblem, ProblemHttpResult>> CreateIssue(
        string project, CreateIssueRequest request, ProjectsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator()
            .Required("title", request.Title)
            .Optional("description", request.Description, 10_000)
            .RequiredEnum("severity", request.Severity)
            .Optional("owner", request.Owner, 200);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, ct);
        if (found is null) return Problems.NotFound("Project", project);

        var number = await db.NextNumberAsync(Sequences.Issues, ct);
        var issue = ProjectIssue.Open(number, found, request.Title!.Trim(), request.Description?.Trim() ?? "",
            request.Severity!.Value, request.Owner?.Trim(), null, null, clock.GetUtcNow());
        db.Issues.Add(issue);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/issues/{issue.Key}", IssueResponse.From(issue));
    }

    private static async Task<Results<Ok<IssueResponse>, ProblemHttpResult>> GetIssue(
        string project, string issue, ProjectsDbContext db, CancellationToken ct)
    {
        var found = await db.FindIssueAsync(project, issue, ct, tracking: false);
        return found is null ? Problems.NotFound("Issue", issue) : TypedResults.Ok(IssueResponse.From(found));
    }

    private static async Task<Results<Ok<IssueResponse>, ValidationProblem, ProblemHttpResult>> TransitionIssue(
        string project, string issue, IssueTransitionRequest request, ProjectsDbContext db, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("action", request.Action).Optional("note", request.Note, 10_000);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindIssueAsync(project, issue, ct);
        if (found is null) return Problems.NotFound("Issue", issue);

        found.Apply(request.Action!.Value, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            Actor.Of(http), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(IssueResponse.From(found));
    }
}

/// <summary>Finds projects and issues by id (GUID) or by key (PRJ-3, ISS-12).</summary>
public static class ProjectLookup
{
    public static Task<Project?> FindProjectAsync(this ProjectsDbContext db, string reference, CancellationToken ct)
    {
        if (Guid.TryParse(reference, out var id)) return db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return TryNumber(reference, Project.KeyPrefix, out var number)
            ? db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Number == number, ct)
            : Task.FromResult<Project?>(null);
    }

    public static async Task<ProjectIssue?> FindIssueAsync(
        this ProjectsDbContext db, string project, string reference, CancellationToken ct, bool tracking = true)
    {
        var owner = await db.FindProjectAsync(project, ct);
        if (owner is null) return null;
        var query = (tracking ? db.Issues : db.Issues.AsNoTracking()).Where(i => i.ProjectId == owner.Id);
        if (Guid.TryParse(reference, out var id)) return await query.FirstOrDefaultAsync(i => i.Id == id, ct);
        return TryNumber(reference, ProjectIssue.KeyPrefix, out var number)
            ? await query.FirstOrDefaultAsync(i => i.Number == number, ct)
            : null;
    }

    private static bool TryNumber(string reference, string prefix, out long number)
    {
        number = 0;
        return reference.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(reference.AsSpan(prefix.Length), out number);
    }
}
