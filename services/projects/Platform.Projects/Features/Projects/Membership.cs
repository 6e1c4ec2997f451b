namespace Platform.Projects.Features;

/// <summary>
/// How a person stops being on a project, whether a manager takes them off (DELETE …/members/{userId}) or they leave
/// the company (Consumers/PeopleDirectoryConsumer): one path, so both announce ProjectMemberRemoved through the outbox
/// (assets opens a return request for what they hold) and both hand back their time on the project.
/// </summary>
public static class Membership
{
    /// <summary>
    /// Takes <paramref name="userId"/> off <paramref name="project"/> (loaded with its members, tracked) and ends their
    /// allocations on it: all of them when <paramref name="lastDay"/> is null (taken off by hand), or from the day after
    /// <paramref name="lastDay"/> (they left on that day). The caller saves.
    /// </summary>
    public static async Task EndMembershipAsync(this ProjectsDbContext db, Project project, string userId, DateOnly? lastDay,
        DateTimeOffset now, CancellationToken ct)
    {
        project.RemoveMember(userId, now);
        await db.EndAllocationsAsync(userId, lastDay, ct, project.Id);
    }

    /// <summary>
    /// Ends <paramref name="userId"/>'s allocations (on one project, or on all): removes them all when
    /// <paramref name="lastDay"/> is null; otherwise cuts those running past it to end on it and removes those starting
    /// after it (<see cref="Allocation.EndOn"/>). The caller saves.
    /// </summary>
    public static async Task EndAllocationsAsync(this ProjectsDbContext db, string userId, DateOnly? lastDay, CancellationToken ct,
        Guid? projectId = null)
    {
        var query = db.Allocations.Where(a => a.UserId == userId);
        if (projectId is { } id) query = query.Where(a => a.ProjectId == id);
        if (lastDay is { } day) query = query.Where(a => a.To > day);
        foreach (var allocation in await query.ToListAsync(ct))
            if (lastDay is not { } last || !allocation.EndOn(last))
                db.Allocations.Remove(allocation);
    }
}
