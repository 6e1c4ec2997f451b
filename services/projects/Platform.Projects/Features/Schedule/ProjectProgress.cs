namespace Platform.Projects.Features;

/// <summary>How far a project is, as its progress endpoint, its milestones list and its status reports show it.</summary>
public static class ProjectProgress
{
    /// <summary>The roll-up of one project: tasks → milestones → project.</summary>
    public static async Task<ProgressResponse> ProgressOfAsync(this ProjectsDbContext db, Project project, DateOnly today, CancellationToken ct)
    {
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.ProjectId == project.Id).OrderBy(m => m.DueDate).ToListAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id).ToListAsync(ct);
        var byMilestone = tasks.ToLookup(t => t.MilestoneId);
        var all = Schedule.RollUp(tasks, today);
        return new ProgressResponse(project.Id, project.Key, today, all.Actual, all.Planned, all.Variance, all.EstimateHours,
            milestones.Count(m => m.IsOverdue(today)), tasks.Count(t => t.IsOverdue(today)),
            milestones.Select(m => MilestoneResponse.From(m, byMilestone[m.Id].ToList(), today)).ToList());
    }
}
