namespace Platform.Projects.Features;

/// <summary>
/// Who may do what with projects. PMO analysts, admins and integration tools see every project; everyone else sees
/// the projects they are a member of (404 for the rest). PMO analysts and admins manage every project; a project's
/// manager manages that one. Members and PMO work a project (issues, risks, schedule, deliverables, meetings).
/// </summary>
public static class ProjectAccess
{
    extension(Caller caller)
    {
        /// <summary>PMO analysts, admins and integration tools see every project; others the ones they belong to.</summary>
        public bool SeesAllProjects => caller.IsIn(Roles.PmoAnalyst, Roles.Admin, Roles.Integration);

        /// <summary>PMO analysts and admins: create projects, override health, handle escalations.</summary>
        public bool ManagesProjects => caller.IsIn(Roles.PmoAnalyst, Roles.Admin);

        /// <summary>PMO analysts and admins, or this project's manager: members, allocations, portfolio fields, reviews.</summary>
        public bool Manages(Project project) => caller.ManagesProjects || project.IsManagedBy(caller.Id);
    }

    public static IQueryable<Project> VisibleProjects(this ProjectsDbContext db, Caller caller) =>
        caller.SeesAllProjects ? db.Projects : db.Projects.Where(p => p.Members.Any(m => m.UserId == caller.Id));

    /// <summary>
    /// The caller's work on one thing of a project: 404 for the thing (<paramref name="what"/> <paramref name="reference"/>)
    /// when the caller cannot see the project or it holds no such thing, 403 (<paramref name="forbidden"/>) when the caller
    /// sees the project but does not work on it (not a member, not PMO); then 422 unknown-person when a person the
    /// request names (<paramref name="naming"/>: its field and the user id given) is not a known, active person.
    /// </summary>
    public static async Task<(ProjectWork<T>? Work, ProblemHttpResult? Problem)> WorkOnAsync<T>(this ProjectsDbContext db, HttpContext http,
        string project, Func<Project, Task<T?>> find, string what, object reference, string forbidden, CancellationToken ct,
        params IEnumerable<(string Field, string? UserId)> naming) where T : class
    {
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var item = found is null ? null : await find(found);
        if (item is null) return (null, Problems.NotFound(what, reference));
        if (!await db.WorksOnAsync(found!, caller, ct)) return (null, Problems.Forbidden(forbidden));
        if (naming.Any() && await db.CheckPeopleAsync(ct, naming) is { } unknown) return (null, unknown);
        return (new ProjectWork<T>(caller, found!, item), null);
    }

    /// <summary>
    /// The caller's work on a project itself (planning or recording something in it): 404 when the caller cannot see
    /// the project, 403 (<paramref name="forbidden"/>) when the caller sees it but does not work on it, 422 for a person
    /// named who is not known (see <see cref="WorkOnAsync"/>).
    /// </summary>
    public static Task<(ProjectWork<Project>? Work, ProblemHttpResult? Problem)> WorkOnProjectAsync(this ProjectsDbContext db,
        HttpContext http, string project, string forbidden, CancellationToken ct, params IEnumerable<(string Field, string? UserId)> naming) =>
        db.WorkOnAsync(http, project, Task.FromResult<Project?>, "Project", project, forbidden, ct, naming);

    /// <summary>Whether the caller works on the project: one of its members, or PMO.</summary>
    public static Task<bool> WorksOnAsync(this ProjectsDbContext db, Project project, Caller caller, CancellationToken ct) =>
        caller.ManagesProjects
            ? Task.FromResult(true)
            : db.Set<ProjectMember>().AnyAsync(m => m.ProjectId == project.Id && m.UserId == caller.Id, ct);
}

/// <summary>Who works on which thing of which project (see <see cref="ProjectAccess.WorkOnAsync"/>).</summary>
public sealed record ProjectWork<T>(Caller Caller, Project Project, T Item);
