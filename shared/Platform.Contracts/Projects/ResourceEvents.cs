namespace Platform.Contracts.Projects;

/// <summary>One ISO week in which a person is booked over 100 % (the peak day's total), and on which projects.</summary>
public sealed record OverAllocatedWeek(int IsoYear, int IsoWeek, DateOnly WeekStart, int Percent, IReadOnlyList<string> ProjectKeys);

/// <summary>An allocation on <see cref="ProjectKey"/> pushed <see cref="UserId"/> over 100 % across projects.</summary>
public sealed record ResourceOverAllocated(
    string UserId,
    Guid ProjectId,
    string ProjectKey,
    Guid AllocationId,
    IReadOnlyList<OverAllocatedWeek> Weeks,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IProjectEvent, IPersonEvent;
