namespace Platform.Contracts.Assets;

/// <summary>A piece of hardware entered the inventory (registered by hand, imported, or received from an order).</summary>
public sealed record AssetRegistered(
    Guid AssetId,
    string AssetTag,
    string Kind,
    string Model,
    string? Serial,
    string Status,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IAssetEvent;

/// <summary>An asset moved along its lifecycle (Ordered → InStock → Assigned → InRepair → Retired → Disposed).</summary>
public sealed record AssetStatusChanged(
    Guid AssetId,
    string AssetTag,
    string From,
    string To,
    string ChangedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IAssetEvent;

/// <summary>An asset was handed to a person, optionally for a project.</summary>
public sealed record AssetAssigned(
    Guid AssetId,
    string AssetTag,
    string UserId,
    Guid? ProjectId,
    string? ProjectKey,
    string AssignedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IAssetEvent, IMayNameProject, IPersonEvent;

/// <summary>An assigned asset came back from its holder.</summary>
public sealed record AssetReturned(
    Guid AssetId,
    string AssetTag,
    string UserId,
    string? ProjectKey,
    string ReturnedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IAssetEvent, IMayNameProject, IPersonEvent
{
    Guid? IMayNameProject.ProjectId => null;
}

/// <summary>An asset's warranty ends within the configured window (announced once per warranty end date).</summary>
public sealed record WarrantyExpiring(
    Guid AssetId,
    string AssetTag,
    string Model,
    string? AssignedTo,
    DateOnly WarrantyEnd,
    int DaysLeft,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IAssetEvent;
