namespace Platform.Assets.Features.Offboarding;

public sealed record HeldAssetResponse(string Tag, AssetKind Kind, string Model, string? Serial, string? ProjectKey, DateTimeOffset? AssignedAt);

public sealed record HeldSeatResponse(string LicenceKey, string Product, Guid SeatId, DateTimeOffset AssignedAt);

public sealed record OpenReturnResponse(string Key, string ProjectKey, int ItemsDone, int ItemsTotal, DateTimeOffset CreatedAt);

/// <summary>A person who left, with what they still hold here and the return requests still open for them.</summary>
public sealed record OffboardingResponse(
    string UserId, string DisplayName, string? Department, DateOnly LeftOn, bool Settled,
    IReadOnlyList<HeldAssetResponse> Assets, IReadOnlyList<HeldSeatResponse> Seats, IReadOnlyList<OpenReturnResponse> ReturnRequests);

public sealed record OffboardingPage(IReadOnlyList<OffboardingResponse> Items, string? NextCursor);
