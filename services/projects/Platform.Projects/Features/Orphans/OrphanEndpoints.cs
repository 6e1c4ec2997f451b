using System.Linq.Expressions;

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

        orphans.AddRange(await OwnedByLeaversAsync(left, db.Issues.Where(i => i.ProjectId == id && (i.Status == IssueStatus.Open || i.Status == IssueStatus.InProgress)),
            i => new Owned { Kind = OrphanKind.Issue, Id = i.Id, Key = ProjectIssue.KeyPrefix + i.Number, Title = i.Title, Owner = i.Owner }, ct));
        orphans.AddRange(await OwnedByLeaversAsync(left, db.Risks.Where(r => r.ProjectId == id && (r.Status == RiskStatus.Open || r.Status == RiskStatus.Mitigating)),
            r => new Owned { Kind = OrphanKind.Risk, Id = r.Id, Key = Risk.KeyPrefix + r.Number, Title = r.Title, Owner = r.Owner }, ct));
        orphans.AddRange(await OwnedByLeaversAsync(left, db.Tasks.Where(t => t.ProjectId == id && t.PercentDone < 100),
            t => new Owned
            {
                Kind = t.MeetingId == null ? OrphanKind.Task : OrphanKind.ActionItem, Id = t.Id, Key = ProjectTask.KeyPrefix + t.Number,
                Title = t.Title, Owner = t.Owner,
            }, ct));
        orphans.AddRange(await OwnedByLeaversAsync(left, db.Deliverables.Where(d => d.ProjectId == id && d.Status != DeliverableStatus.Accepted),
            d => new Owned { Kind = OrphanKind.Deliverable, Id = d.Id, Key = Deliverable.KeyPrefix + d.Number, Title = d.Name, Owner = d.Owner }, ct));
        return TypedResults.Ok<IReadOnlyList<OrphanResponse>>(orphans);
    }

    /// <summary>Something a person owns in the project, as the list shows it (whatever its type).</summary>
    private sealed class Owned
    {
        public OrphanKind Kind { get; init; }
        public Guid Id { get; init; }
        public string Key { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Owner { get; init; }
    }

    /// <summary>The records of <paramref name="records"/> whose owner left, as orphans: one query, joined with the leavers.</summary>
    private static Task<List<OrphanResponse>> OwnedByLeaversAsync<T>(IQueryable<DirectoryPerson> left, IQueryable<T> records,
        Expression<Func<T, Owned>> owned, CancellationToken ct) where T : class =>
        (from o in records.AsNoTracking().Select(owned)
         join p in left on o.Owner equals p.UserId
         select new OrphanResponse(o.Kind, o.Id, o.Key, o.Title, "owner", p.UserId, p.DisplayName, p.LeftOn))
        .ToListAsync(ct);
}
