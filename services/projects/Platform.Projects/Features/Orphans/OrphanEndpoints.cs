namespace Platform.Projects.Features;

/// <summary>
/// GET /api/projects/{project}/orphans: what a project still holds in the name of people who left (the directory's
/// PersonLeft): its manager or sponsor, and the open issues, active risks, unfinished tasks and action items and
/// unaccepted deliverables they own. Leaving does not reassign them (someone has to pick the new owner); this list is
/// where the PMO and the manager find them. Whoever sees the project reads it.
/// </summary>
public static class OrphanEndpoints
{
    internal static async Task<Results<Ok<IReadOnlyList<OrphanResponse>>, ProblemHttpResult>> List(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        var id = found.Id;
        var left = db.Set<DirectoryPerson>().AsNoTracking().Where(p => !p.Active && p.LeftOn != null);

        var leavers = await left.Where(p => p.UserId == found.Manager || p.UserId == found.Sponsor).ToListAsync(ct);
        var orphans = leavers.SelectMany(p => new[] { ("manager", found.Manager), ("sponsor", found.Sponsor) }
                .Where(f => f.Item2 == p.UserId)
                .Select(f => new OrphanResponse(OrphanKind.Project, found.Id, found.Key, found.Name, f.Item1, p.UserId, p.DisplayName, p.LeftOn)))
            .ToList();

        orphans.AddRange(await (
            from i in db.Issues.AsNoTracking()
            join p in left on i.Owner equals p.UserId
            where i.ProjectId == id && (i.Status == IssueStatus.Open || i.Status == IssueStatus.InProgress)
            select new OrphanResponse(OrphanKind.Issue, i.Id, ProjectIssue.KeyPrefix + i.Number, i.Title, "owner", p.UserId, p.DisplayName, p.LeftOn))
            .ToListAsync(ct));
        orphans.AddRange(await (
            from r in db.Risks.AsNoTracking()
            join p in left on r.Owner equals p.UserId
            where r.ProjectId == id && (r.Status == RiskStatus.Open || r.Status == RiskStatus.Mitigating)
            select new OrphanResponse(OrphanKind.Risk, r.Id, Risk.KeyPrefix + r.Number, r.Title, "owner", p.UserId, p.DisplayName, p.LeftOn))
            .ToListAsync(ct));
        orphans.AddRange(await (
            from t in db.Tasks.AsNoTracking()
            join p in left on t.Owner equals p.UserId
            where t.ProjectId == id && t.PercentDone < 100
            select new OrphanResponse(t.MeetingId == null ? OrphanKind.Task : OrphanKind.ActionItem, t.Id, ProjectTask.KeyPrefix + t.Number,
                t.Title, "owner", p.UserId, p.DisplayName, p.LeftOn))
            .ToListAsync(ct));
        orphans.AddRange(await (
            from d in db.Deliverables.AsNoTracking()
            join p in left on d.Owner equals p.UserId
            where d.ProjectId == id && d.Status != DeliverableStatus.Accepted
            select new OrphanResponse(OrphanKind.Deliverable, d.Id, Deliverable.KeyPrefix + d.Number, d.Name, "owner", p.UserId, p.DisplayName, p.LeftOn))
            .ToListAsync(ct));
        return TypedResults.Ok<IReadOnlyList<OrphanResponse>>(orphans);
    }
}
