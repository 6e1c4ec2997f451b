namespace Platform.Projects.Features;

/// <summary>
/// Finds projects and what they hold by id (GUID) or by key (PRJ-3, ISS-12, RSK-4, TSK-7, DLV-2, MTG-5, ESC-3, SR-9),
/// among the projects the caller may see.
/// </summary>
public static class ProjectLookup
{
    public static Task<Project?> FindProjectAsync(
        this ProjectsDbContext db, string reference, Caller caller, CancellationToken ct, bool withMembers = false, bool tracking = false)
    {
        var query = db.VisibleProjects(caller);
        if (withMembers) query = query.Include(p => p.Members);
        if (!tracking) query = query.AsNoTracking();
        return query.FindByReferenceAsync(reference, Project.KeyPrefix, ct);
    }

    public static Task<ProjectIssue?> FindIssueAsync(this ProjectsDbContext db, Project project, string reference, CancellationToken ct, bool tracking = true) =>
        db.Issues.Tracking(tracking).Where(i => i.ProjectId == project.Id).FindByReferenceAsync(reference, ProjectIssue.KeyPrefix, ct);

    public static Task<Risk?> FindRiskAsync(this ProjectsDbContext db, Project project, string reference, CancellationToken ct, bool tracking = true) =>
        db.Risks.Tracking(tracking).Include(r => r.History).Where(r => r.ProjectId == project.Id).FindByReferenceAsync(reference, Risk.KeyPrefix, ct);

    public static Task<ProjectTask?> FindTaskAsync(this ProjectsDbContext db, Project project, string reference, CancellationToken ct) =>
        db.Tasks.Include(t => t.Dependencies).Where(t => t.ProjectId == project.Id).FindByReferenceAsync(reference, ProjectTask.KeyPrefix, ct);

    public static Task<Deliverable?> FindDeliverableAsync(this ProjectsDbContext db, Project project, string reference, CancellationToken ct) =>
        db.Deliverables.Include(d => d.Reviews).Where(d => d.ProjectId == project.Id).FindByReferenceAsync(reference, Deliverable.KeyPrefix, ct);

    public static Task<Meeting?> FindMeetingAsync(this ProjectsDbContext db, Project project, string reference, CancellationToken ct, bool tracking = true) =>
        db.Meetings.Tracking(tracking).Include(m => m.Decisions).Where(m => m.ProjectId == project.Id).FindByReferenceAsync(reference, Meeting.KeyPrefix, ct);

    /// <summary>An escalation by id or key, when the caller may see its project.</summary>
    public static async Task<(Escalation? Escalation, Project? Project)> FindEscalationAsync(
        this ProjectsDbContext db, string reference, Caller caller, CancellationToken ct, bool tracking = true)
    {
        var escalation = await db.Escalations.Tracking(tracking).Include(e => e.History).FindByReferenceAsync(reference, Escalation.KeyPrefix, ct);
        if (escalation is null) return (null, null);
        var project = await db.VisibleProjects(caller).AsNoTracking().FirstOrDefaultAsync(p => p.Id == escalation.ProjectId, ct);
        return project is null ? (null, null) : (escalation, project);
    }

    /// <summary>A status report by id or key, when the caller may see its project.</summary>
    public static async Task<StatusReport?> FindStatusReportAsync(this ProjectsDbContext db, string reference, Caller caller, CancellationToken ct)
    {
        var report = await db.StatusReports.AsNoTracking().FindByReferenceAsync(reference, StatusReport.KeyPrefix, ct);
        return report is not null && await db.VisibleProjects(caller).AnyAsync(p => p.Id == report.ProjectId, ct) ? report : null;
    }

    /// <summary>The projects among <paramref name="projects"/> that a reference (id or key) names: none when it names nothing.</summary>
    public static IQueryable<Project> Named(this IQueryable<Project> projects, string reference) =>
        TryNumber(reference, Project.KeyPrefix, out var number) ? projects.Where(p => p.Number == number)
            : Guid.TryParse(reference, out var id) ? projects.Where(p => p.Id == id) : projects.Where(_ => false);

    /// <summary>
    /// The one row of <paramref name="query"/> a reference names: a GUID is its <c>Id</c>, a key (prefix and number,
    /// any case) its <c>Number</c>; null when none matches or the reference is neither.
    /// </summary>
    public static Task<T?> FindByReferenceAsync<T>(this IQueryable<T> query, string reference, string keyPrefix, CancellationToken ct)
        where T : class
    {
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(e => EF.Property<Guid>(e, "Id") == id, ct);
        return TryNumber(reference, keyPrefix, out var number)
            ? query.FirstOrDefaultAsync(e => EF.Property<long>(e, "Number") == number, ct)
            : Task.FromResult<T?>(null);
    }

    public static bool TryNumber(string reference, string prefix, out long number)
    {
        number = 0;
        return reference.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(reference.AsSpan(prefix.Length), out number);
    }

    private static IQueryable<T> Tracking<T>(this IQueryable<T> query, bool tracking) where T : class =>
        tracking ? query : query.AsNoTracking();
}
