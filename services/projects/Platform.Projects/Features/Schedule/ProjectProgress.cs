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

    /// <summary>Keeps the task's percent done as it stands at the end of <paramref name="today"/> (one row a task and day).</summary>
    public static async Task RecordProgressAsync(this ProjectsDbContext db, ProjectTask task, DateOnly today, CancellationToken ct)
    {
        var entry = await db.TaskProgress.FirstOrDefaultAsync(e => e.TaskId == task.Id && e.On == today, ct);
        if (entry is null) db.TaskProgress.Add(new TaskProgressEntry { TaskId = task.Id, ProjectId = task.ProjectId, On = today, Percent = task.PercentDone });
        else entry.Percent = task.PercentDone;
    }
}
