namespace Platform.Projects.Features;

public sealed record CreateAllocationRequest(string? UserId, int? Percent, DateOnly? From, DateOnly? To);

public sealed record AllocationResponse(Guid Id, Guid ProjectId, string ProjectKey, string UserId, int Percent, DateOnly From, DateOnly To, DateTimeOffset CreatedAt)
{
    public static AllocationResponse Of(Allocation a) => new(a.Id, a.ProjectId, a.ProjectKey, a.UserId, a.Percent, a.From, a.To, a.CreatedAt);
}

/// <summary>The allocation made, and the weeks it pushed the person over 100 % (empty when none).</summary>
public sealed record AllocationResult(AllocationResponse Allocation, IReadOnlyList<OverAllocatedWeek> OverAllocatedWeeks);

public sealed record PersonAllocations(string UserId, IReadOnlyList<AllocationResponse> Allocations, IReadOnlyList<OverAllocatedWeek> OverAllocatedWeeks);
