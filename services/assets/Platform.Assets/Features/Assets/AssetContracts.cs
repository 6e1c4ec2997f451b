namespace Platform.Assets.Features.Assets;

public sealed record CreateAssetRequest(
    AssetKind? Kind, string? Model, string? Serial, string? Vendor, DateOnly? PurchaseDate, decimal? Cost, DateOnly? WarrantyEnd,
    string? Location, AssetStatus? Status = null, string? AssignedTo = null);

public sealed record UpdateAssetRequest(
    AssetKind? Kind, string? Model, string? Serial, string? Vendor, DateOnly? PurchaseDate, decimal? Cost, DateOnly? WarrantyEnd, string? Location);

public sealed record AssetTransitionRequest(AssetAction? Action, string? Note);

public sealed record AssignAssetRequest(string? UserId, string? ProjectKey, Guid? ProjectId, string? Note);

public sealed record ReturnAssetRequest(string? Note, bool ToRepair = false);

public sealed record AssetResponse(
    Guid Id, string Tag, AssetKind Kind, string Model, string? Serial, string? Vendor, DateOnly? PurchaseDate, decimal? Cost,
    DateOnly? WarrantyEnd, string? Location, AssetStatus Status, string? AssignedTo, string? ProjectKey, DateTimeOffset? AssignedAt,
    IReadOnlyList<AssetAction> AllowedActions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AssetResponse From(Asset a) => new(a.Id, a.Tag, a.Kind, a.Model, a.Serial, a.Vendor, a.PurchaseDate, a.Cost, a.WarrantyEnd,
        a.Location, a.Status, a.AssignedTo, a.ProjectKey, a.AssignedAt, AssetLifecycle.Workflow.AllowedActions(a.Status), a.CreatedAt, a.UpdatedAt);
}

public sealed record AssetHistoryResponse(
    DateTimeOffset At, string Action, AssetStatus? FromStatus, AssetStatus ToStatus, string? AssignedTo, string? ProjectKey, string By, string? Note)
{
    public static AssetHistoryResponse From(AssetHistoryEntry h) => new(h.At, h.Action, h.FromStatus, h.ToStatus, h.AssignedTo, h.ProjectKey, h.By, h.Note);
}

public sealed record IncidentResponse(Guid TicketId, string TicketKey, string? Title, string? Priority, string Status, bool Open,
    DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, string Href)
{
    public static IncidentResponse From(AssetIncident i) =>
        new(i.TicketId, i.TicketKey, i.Title, i.Priority, i.Status, i.IsOpen, i.OpenedAt, i.UpdatedAt, $"/api/tickets/{i.TicketKey}");
}

/// <summary>What a help desk screen shows next to a ticket: the asset in one line, its warranty and open incidents.</summary>
public sealed record AssetSummaryResponse(
    string Tag, AssetKind Kind, string Model, string? Serial, AssetStatus Status, string? AssignedTo, string? Location,
    DateOnly? WarrantyEnd, bool UnderWarranty, int OpenIncidents, int TotalIncidents, string Href);

public sealed record ImportResponse(int Imported, IReadOnlyList<string> Tags);
