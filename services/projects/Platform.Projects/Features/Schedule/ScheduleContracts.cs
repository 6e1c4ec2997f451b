namespace Platform.Projects.Features;

public sealed record CreateMilestoneRequest(string? Name, DateOnly? DueDate);

public sealed record UpdateMilestoneRequest(string? Name, DateOnly? DueDate, bool? Completed);

public sealed record MilestoneResponse(
    Guid Id, Guid ProjectId, string ProjectKey, string Name, DateOnly DueDate, DateTimeOffset? CompletedAt, bool Overdue,
    int Progress, int PlannedProgress, int ScheduleVariance, decimal EstimateHours, int TaskCount)
{
    public static MilestoneResponse From(Milestone m, IReadOnlyCollection<ProjectTask> tasks, DateOnly today)
    {
        var figures = Schedule.RollUp(tasks, today);
        var progress = m.CompletedAt is not null && tasks.Count == 0 ? 100 : figures.Actual;
        return new(m.Id, m.ProjectId, m.ProjectKey, m.Name, m.DueDate, m.CompletedAt, m.IsOverdue(today), progress,
            figures.Planned, progress - figures.Planned, figures.EstimateHours, tasks.Count);
    }
}

public sealed record CreateTaskRequest(
    string? Title, string? Owner, Guid? MilestoneId, DateOnly? StartDate, DateOnly? DueDate, decimal? EstimateHours, IReadOnlyList<string>? DependsOn,
    decimal? Budget = null);

/// <summary>Changes a task; absent fields stay. <c>clearMilestone</c> detaches it from its milestone, <c>clearBudget</c> drops its own budget.</summary>
public sealed record UpdateTaskRequest(
    string? Title, string? Owner, Guid? MilestoneId, bool? ClearMilestone, DateOnly? StartDate, DateOnly? DueDate, decimal? EstimateHours, int? PercentDone,
    decimal? Budget = null, bool? ClearBudget = null);

public sealed record AddDependencyRequest(string? DependsOn);

public sealed record TaskResponse(
    Guid Id, string Key, Guid ProjectId, Guid? MilestoneId, string Title, string? Owner, DateOnly? StartDate, DateOnly? DueDate,
    decimal EstimateHours, int PercentDone, bool Overdue, DateTimeOffset? CompletedAt, string? Origin, IReadOnlyList<Guid> DependsOn,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Guid? MeetingId = null, decimal? Budget = null)
{
    public static TaskResponse From(ProjectTask t, DateOnly today) => new(
        t.Id, t.Key, t.ProjectId, t.MilestoneId, t.Title, t.Owner, t.StartDate, t.DueDate, t.EstimateHours, t.PercentDone,
        t.IsOverdue(today), t.CompletedAt, t.Origin, t.Dependencies.Select(d => d.DependsOnId).ToList(), t.CreatedAt, t.UpdatedAt, t.MeetingId, t.Budget);
}

public sealed record ProgressResponse(
    Guid ProjectId, string ProjectKey, DateOnly AsOf, int Progress, int PlannedProgress, int ScheduleVariance, decimal EstimateHours,
    int OverdueMilestones, int OverdueTasks, IReadOnlyList<MilestoneResponse> Milestones);
