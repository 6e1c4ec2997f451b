namespace Platform.Contracts.Assets;

/// <summary>More seats of a software licence are assigned than are owned (announced once per episode of over-use).</summary>
public sealed record LicenceOverused(
    Guid LicenceId,
    string LicenceKey,
    string Product,
    int SeatsOwned,
    int SeatsAssigned,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ILicenceEvent;

/// <summary>A software licence expires within the configured window (announced once per expiry date).</summary>
public sealed record LicenceExpiring(
    Guid LicenceId,
    string LicenceKey,
    string Product,
    DateOnly ExpiresOn,
    int DaysLeft,
    int SeatsAssigned,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ILicenceEvent;

/// <summary>A seat of a licence was given to a person or to an asset.</summary>
public sealed record LicenceSeatAssigned(
    Guid LicenceId,
    string LicenceKey,
    string Product,
    string? UserId,
    string? AssetTag,
    string AssignedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ILicenceEvent, IPersonEvent;
