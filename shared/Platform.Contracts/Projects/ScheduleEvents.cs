namespace Platform.Contracts.Projects;

/// <summary>A milestone passed its due date unfinished (announced once per due date).</summary>
public sealed record MilestoneOverdue(
    Guid MilestoneId,
    string MilestoneName,
    Guid ProjectId,
    string ProjectKey,
    DateOnly DueDate,
    int ProgressPercent,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IProjectEvent;
