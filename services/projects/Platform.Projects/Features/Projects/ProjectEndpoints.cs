using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Domain;
using Platform.ServiceDefaults;

namespace Platform.Projects.Features;

/// <summary>
/// The project API. PMO analysts (and admins, and integration tools with the projects scope) see every project;
/// everyone else sees the projects they belong to, and gets 404 for the rest. PMO creates projects; PMO and
/// the project's manager manage its members; members and PMO work its issue log.
/// </summary>
public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization(Policies.Projects);
        group.MapPost("/", Create).WithName("CreateProject").RequireAuthorization(Policies.ProjectsManage);
        group.MapGet("/", List).WithName("ListProjects");
        group.MapGet("/{project}", Get).WithName("GetProject");
        group.MapPatch("/{project}", Update).WithName("UpdateProject");
        group.MapGet("/{project}/members", ListMembers).WithName("ListProjectMembers");
        group.MapPost("/{project}/members", AddMember).WithName("AddProjectMember");
        group.MapDelete("/{project}/members/{userId}", RemoveMember).WithName("RemoveProjectMember");
        group.MapGet("/{project}/issues", ListIssues).WithName("ListProjectIssues");
        group.MapPost("/{project}/issues", CreateIssue).WithName("CreateProjectIssue");
        group.MapGet("/{project}/issues/{issue}", GetIssue).WithName("GetProjectIssue");
        group.MapPost("/{project}/issues/{issue}/transitions", TransitionIssue).WithName("TransitionProjectIssue");
        group.MapPatch("/{project}/issues/{issue}", UpdateIssue).WithName("UpdateProjectIssue");
        return group;
    }

    private static async Task<Results<Created<ProjectResponse>, ValidationProblem>> Create(
        CreateProjectRequest request, ProjectsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator()
            .Required("name", request.Name)
            .Optional("description", request.Description, 10_000)
            .Person("manager", request.Manager)
            .Check(request.StartDate is null || request.EndDate is null || request.EndDate >= request.StartDate,
                "endDate", "'endDate' must not be before 'startDate'.")
            .Optional("code", request.Code, 50)
            .Person("sponsor", request.Sponsor, required: false)
            .Check(request.Phase is null || Enum.IsDefined(request.Phase.Value), "phase", $"'phase' must be one of: {string.Join(", ", Enum.GetNames<ProjectPhase>())}.")
            .Check(request.Budget is null or >= 0, "budget", "'budget' cannot be negative.");
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var number = await db.NextNumberAsync(Sequences.Projects, ct);
        var project = Project.Create(number, request.Name!.Trim(), request.Description?.Trim() ?? "", request.Manager!.Trim(),
            request.StartDate, request.EndDate, clock.GetUtcNow());
        project.Describe(request.Code?.Trim(), request.Sponsor?.Trim(), request.Phase, request.Budget, project.CreatedAt);
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{project.Key}", ProjectResponse.From(project));
    }

    private static async Task<Results<Ok<Page<ProjectResponse>>, ValidationProblem>> List(
        ProjectsDbContext db, HttpContext http, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var query = db.VisibleProjects(Caller.Of(http)).AsNoTracking();
        if (page.After is { } after) query = query.Where(p => p.Number > after);
        var rows = await query.OrderBy(p => p.Number).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(page.ToPage(rows, p => p.Number, ProjectResponse.From));
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> Get(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        return found is null ? Problems.NotFound("Project", project) : TypedResults.Ok(ProjectResponse.From(found));
    }

    private static async Task<Results<Ok<ProjectResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string project, UpdateProjectRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Optional("code", request.Code, 50)
            .Person("sponsor", request.Sponsor, required: false)
            .Check(request.Phase is null || Enum.IsDefined(request.Phase.Value), "phase", $"'phase' must be one of: {string.Join(", ", Enum.GetNames<ProjectPhase>())}.")
            .Check(request.Budget is null or >= 0, "budget", "'budget' cannot be negative.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.ManagesProjects && !found.IsManagedBy(caller.Id))
            return Problems.Forbidden("Only PMO analysts and the project's manager change its portfolio fields.");

        found.Describe(request.Code?.Trim(), request.Sponsor?.Trim(), request.Phase, request.Budget, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ProjectResponse.From(found));
    }

    private static async Task<Results<Ok<IReadOnlyList<MemberResponse>>, ProblemHttpResult>> ListMembers(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct, withMembers: true);
        if (found is null) return Problems.NotFound("Project", project);
        return TypedResults.Ok<IReadOnlyList<MemberResponse>>(found.Members.OrderBy(m => m.AddedAt).Select(MemberResponse.From).ToList());
    }

    private static async Task<Results<Created<MemberResponse>, ValidationProblem, ProblemHttpResult>> AddMember(
        string project, AddMemberRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Person("userId", request.UserId).Required("role", request.Role, 50);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, withMembers: true, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.ManagesProjects && !found.IsManagedBy(caller.Id))
            return Problems.Forbidden("Only PMO analysts and the project's manager manage its members.");

        var member = found.AddMember(request.UserId!.Trim(), request.Role!.Trim(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/members/{Uri.EscapeDataString(member.UserId)}", MemberResponse.From(member));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        string project, string userId, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, withMembers: true, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.ManagesProjects && !found.IsManagedBy(caller.Id))
            return Problems.Forbidden("Only PMO analysts and the project's manager manage its members.");

        found.RemoveMember(userId, clock.GetUtcNow());
        // Someone who left no longer holds time on the project.
        db.Allocations.RemoveRange(await db.Allocations.Where(a => a.ProjectId == found.Id && a.UserId == userId).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Page<IssueResponse>>, ValidationProblem, ProblemHttpResult>> ListIssues(
        string project, ProjectsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct,
        IssueStatus? status = null, int? limit = null, string? cursor = null, bool? overdue = null, string? owner = null)
    {
        var v = new Validator()
            .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<IssueStatus>())}.");
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);

        var query = db.Issues.AsNoTracking().Where(i => i.ProjectId == found.Id);
        var today = ScheduleEndpoints.Today(clock);
        if (status is not null) query = query.Where(i => i.Status == status);
        if (!string.IsNullOrWhiteSpace(owner)) query = query.Where(i => i.Owner == owner);
        if (overdue == true)
            query = query.Where(i => i.DueDate < today && (i.Status == IssueStatus.Open || i.Status == IssueStatus.InProgress));
        if (page.After is { } after) query = query.Where(i => i.Number < after);
        var rows = await query.OrderByDescending(i => i.Number).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(page.ToPage(rows, i => i.Number, i => IssueResponse.From(i, today)));
    }

    private static async Task<Results<Created<IssueResponse>, ValidationProblem, ProblemHttpResult>> CreateIssue(
        string project, CreateIssueRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Required("title", request.Title)
            .Optional("description", request.Description, 10_000)
            .RequiredEnum("severity", request.Severity)
            .Person("owner", request.Owner, required: false);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var today = ScheduleEndpoints.Today(clock);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        if (found is null) return Problems.NotFound("Project", project);
        if (!await db.WorksOnAsync(found, caller, ct)) return Problems.Forbidden("Only the project's members and PMO work its issue log.");

        var number = await db.NextNumberAsync(Sequences.Issues, ct);
        var issue = ProjectIssue.Open(number, found, request.Title!.Trim(), request.Description?.Trim() ?? "",
            request.Severity!.Value, request.Owner?.Trim(), null, null, clock.GetUtcNow(), request.DueDate);
        db.Issues.Add(issue);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/issues/{issue.Key}", IssueResponse.From(issue, today));
    }

    private static async Task<Results<Ok<IssueResponse>, ProblemHttpResult>> GetIssue(
        string project, string issue, ProjectsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        var item = found is null ? null : await db.FindIssueAsync(found, issue, ct, tracking: false);
        return item is null ? Problems.NotFound("Issue", issue)
            : TypedResults.Ok(IssueResponse.From(item, ScheduleEndpoints.Today(clock)));
    }

    private static async Task<Results<Ok<IssueResponse>, ValidationProblem, ProblemHttpResult>> UpdateIssue(
        string project, string issue, UpdateIssueRequest request, ProjectsDbContext db, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Check(request.Title is null || request.Title.Trim().Length is > 0 and <= 200, "title", "'title' must be 1 to 200 characters.")
            .Optional("description", request.Description, 10_000)
            .Check(request.Severity is null || Enum.IsDefined(request.Severity.Value), "severity",
                $"'severity' must be one of: {string.Join(", ", Enum.GetNames<IssueSeverity>())}.")
            .Person("owner", request.Owner, required: false)
            .Check(!(request.ClearDueDate && request.DueDate is not null), "dueDate", "Give 'dueDate' or 'clearDueDate', not both.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var item = found is null ? null : await db.FindIssueAsync(found, issue, ct);
        if (item is null) return Problems.NotFound("Issue", issue);
        if (!await db.WorksOnAsync(found!, caller, ct)) return Problems.Forbidden("Only the project's members and PMO work its issue log.");

        var now = clock.GetUtcNow();
        item.Update(request.Title?.Trim(), request.Description?.Trim(), request.Severity, request.Owner?.Trim(), request.DueDate,
            request.ClearDueDate, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(IssueResponse.From(item, DateOnly.FromDateTime(now.UtcDateTime)));
    }

    private static async Task<Results<Ok<IssueResponse>, ValidationProblem, ProblemHttpResult>> TransitionIssue(
        string project, string issue, IssueTransitionRequest request, ProjectsDbContext db, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("action", request.Action).Optional("note", request.Note, 10_000);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var item = found is null ? null : await db.FindIssueAsync(found, issue, ct);
        if (item is null) return Problems.NotFound("Issue", issue);
        if (!await db.WorksOnAsync(found!, caller, ct)) return Problems.Forbidden("Only the project's members and PMO work its issue log.");

        item.Apply(request.Action!.Value, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(IssueResponse.From(item, ScheduleEndpoints.Today(clock)));
    }
}

/// <summary>Finds projects and issues by id (GUID) or by key (PRJ-3, ISS-12), among those the caller may see.</summary>
public static class ProjectLookup
{
    public static IQueryable<Project> VisibleProjects(this ProjectsDbContext db, Caller caller) =>
        caller.SeesAllProjects ? db.Projects : db.Projects.Where(p => p.Members.Any(m => m.UserId == caller.Id));

    public static Task<bool> WorksOnAsync(this ProjectsDbContext db, Project project, Caller caller, CancellationToken ct) =>
        caller.ManagesProjects
            ? Task.FromResult(true)
            : db.Set<ProjectMember>().AnyAsync(m => m.ProjectId == project.Id && m.UserId == caller.Id, ct);

    public static Task<Project?> FindProjectAsync(
        this ProjectsDbContext db, string reference, Caller caller, CancellationToken ct, bool withMembers = false, bool tracking = false)
    {
        var query = db.VisibleProjects(caller);
        if (withMembers) query = query.Include(p => p.Members);
        if (!tracking) query = query.AsNoTracking();
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(p => p.Id == id, ct);
        return TryNumber(reference, Project.KeyPrefix, out var number)
            ? query.FirstOrDefaultAsync(p => p.Number == number, ct)
            : Task.FromResult<Project?>(null);
    }

    public static Task<ProjectIssue?> FindIssueAsync(this ProjectsDbContext db, Project project, string reference, CancellationToken ct, bool tracking = true)
    {
        var query = (tracking ? db.Issues : db.Issues.AsNoTracking()).Where(i => i.ProjectId == project.Id);
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(i => i.Id == id, ct);
        return TryNumber(reference, ProjectIssue.KeyPrefix, out var number)
            ? query.FirstOrDefaultAsync(i => i.Number == number, ct)
            : Task.FromResult<ProjectIssue?>(null);
    }

    public static Task<Risk?> FindRiskAsync(this ProjectsDbContext db, Project project, string reference, CancellationToken ct, bool tracking = true)
    {
        var query = (tracking ? db.Risks : db.Risks.AsNoTracking()).Include(r => r.History).Where(r => r.ProjectId == project.Id);
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(r => r.Id == id, ct);
        return TryNumber(reference, Risk.KeyPrefix, out var number)
            ? query.FirstOrDefaultAsync(r => r.Number == number, ct)
            : Task.FromResult<Risk?>(null);
    }

    public static Task<ProjectTask?> FindTaskAsync(this ProjectsDbContext db, Project project, string reference, CancellationToken ct)
    {
        var query = db.Tasks.Include(t => t.Dependencies).Where(t => t.ProjectId == project.Id);
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(t => t.Id == id, ct);
        return TryNumber(reference, ProjectTask.KeyPrefix, out var number)
            ? query.FirstOrDefaultAsync(t => t.Number == number, ct)
            : Task.FromResult<ProjectTask?>(null);
    }

    /// <summary>An escalation by id or key, when the caller may see its project.</summary>
    public static async Task<(Escalation? Escalation, Project? Project)> FindEscalationAsync(
        this ProjectsDbContext db, string reference, Caller caller, CancellationToken ct, bool tracking = true)
    {
        var query = (tracking ? db.Escalations : db.Escalations.AsNoTracking()).Include(e => e.History).AsQueryable();
        Escalation? escalation;
        if (Guid.TryParse(reference, out var id)) escalation = await query.FirstOrDefaultAsync(e => e.Id == id, ct);
        else if (TryNumber(reference, Escalation.KeyPrefix, out var number)) escalation = await query.FirstOrDefaultAsync(e => e.Number == number, ct);
        else return (null, null);
        if (escalation is null) return (null, null);
        var project = await db.VisibleProjects(caller).AsNoTracking().FirstOrDefaultAsync(p => p.Id == escalation.ProjectId, ct);
        return project is null ? (null, null) : (escalation, project);
    }

    internal static bool TryNumber(string reference, string prefix, out long number)
    {
        number = 0;
        return reference.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(reference.AsSpan(prefix.Length), out number);
    }
}
