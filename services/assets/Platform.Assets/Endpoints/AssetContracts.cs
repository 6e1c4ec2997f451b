using Platform.Assets.Domain;

namespace Platform.Assets.Endpoints;

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

public sealed record CreateLicenceRequest(string? Product, string? Vendor, int? Seats, DateOnly? ExpiresOn, decimal? Cost);

public sealed record UpdateLicenceRequest(string? Product, string? Vendor, int? Seats, DateOnly? ExpiresOn, decimal? Cost);

public sealed record AssignSeatRequest(string? UserId, string? AssetTag, bool AllowOveruse = false);

public sealed record SeatResponse(Guid Id, string? UserId, string? AssetTag, DateTimeOffset AssignedAt, string AssignedBy, DateTimeOffset? ReleasedAt, string? ReleasedBy)
{
    public static SeatResponse From(LicenceSeat s) => new(s.Id, s.UserId, s.AssetTag, s.AssignedAt, s.AssignedBy, s.ReleasedAt, s.ReleasedBy);
}

public sealed record LicenceResponse(
    Guid Id, string Key, string Product, string? Vendor, int Seats, int SeatsAssigned, int SeatsFree, int Overuse, bool Overused,
    DateOnly? ExpiresOn, int? DaysLeft, decimal? Cost, IReadOnlyList<SeatResponse> Assignments, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static LicenceResponse From(Licence l, DateOnly today, bool withHistory = true)
    {
        var count = l.Count;
        var seats = (withHistory ? l.Assignments : l.ActiveSeats).OrderBy(s => s.AssignedAt).Select(SeatResponse.From).ToList();
        return new(l.Id, l.Key, l.Product, l.Vendor, l.Seats, count.Assigned, count.Free, count.Overuse, count.IsOverused, l.ExpiresOn,
            SeatCount.DaysLeft(l.ExpiresOn, today), l.Cost, seats, l.CreatedAt, l.UpdatedAt);
    }
}

public sealed record KitProfileRequest(string? Name, string? ProjectKey, string? Role, IReadOnlyList<KitItem>? Items);

public sealed record KitProfileResponse(Guid Id, string Name, string? ProjectKey, string? Role, IReadOnlyList<KitItem> Items, DateTimeOffset UpdatedAt)
{
    public static KitProfileResponse From(KitProfile p) => new(p.Id, p.Name, p.ProjectKey, p.Role, p.Items, p.UpdatedAt);
}

public sealed record AddKittingItemRequest(KitItemKind? Kind, string? Description);

public sealed record CompleteItemRequest(string? Note, string? AssetTag, string? Licence, bool AllowOveruse = false);

public sealed record KittingNoteRequest(string? Note);

public sealed record KittingItemResponse(
    Guid Id, int Position, KitItemKind Kind, string Description, AssetKind? AssetKind, string? Model, string? Product, string? AssetTag,
    string? LicenceKey, bool Done, DateTimeOffset? DoneAt, string? DoneBy, string? Note)
{
    public static KittingItemResponse From(KittingItem i) => new(i.Id, i.Position, i.Kind, i.Description, i.AssetKind, i.Model, i.Product,
        i.AssetTag, i.LicenceKey, i.DoneAt is not null, i.DoneAt, i.DoneBy, i.Note);
}

public sealed record KittingResponse(
    Guid Id, string Key, KittingKind Kind, KittingStatus Status, Guid ProjectId, string ProjectKey, string UserId, string Role, string KitProfile,
    int ItemsDone, int ItemsTotal, IReadOnlyList<KittingItemResponse> Items, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt, string? CompletedBy, string? Note)
{
    public static KittingResponse From(KittingRequest r) => new(r.Id, r.Key, r.Kind, r.Status, r.ProjectId, r.ProjectKey, r.UserId, r.Role,
        r.KitProfile, r.Items.Count(i => i.DoneAt is not null), r.Items.Count, r.Items.OrderBy(i => i.Position).Select(KittingItemResponse.From).ToList(),
        r.CreatedAt, r.UpdatedAt, r.CompletedAt, r.CompletedBy, r.Note);
}

public sealed record ProcurementItemRequest(AssetKind? Kind, string? Model, int? Quantity);

public sealed record CreateProcurementRequest(string? Title, IReadOnlyList<string>? Vendors, IReadOnlyList<ProcurementItemRequest>? Items);

/// <summary>A vendor's unit price for one item (by position, 1-based, or id).</summary>
public sealed record QuoteRequest(string? Vendor, string? Item, decimal? UnitPrice, DateOnly? ValidUntil);

public sealed record ApproveRequest(string? Vendor);

public sealed record OrderRequest(string? OrderReference);

/// <summary>Units of one item that arrived: one serial per unit, or a bare quantity when serials are unknown.</summary>
public sealed record ReceiveRequest(string? Item, IReadOnlyList<string>? Serials, int? Quantity, string? Location, DateOnly? WarrantyEnd);

public sealed record ProcurementItemResponse(Guid Id, int Position, AssetKind Kind, string Model, int Quantity, int Received);

public sealed record QuoteResponse(Guid Id, string Vendor, Guid ItemId, int ItemPosition, decimal UnitPrice, DateOnly? ValidUntil, DateTimeOffset ReceivedAt);

public sealed record VendorTotal(string Vendor, decimal? Total, bool Complete);

public sealed record ProcurementResponse(
    Guid Id, string Key, string Title, ProcurementStatus Status, IReadOnlyList<string> VendorsAsked, string RequestedBy,
    IReadOnlyList<ProcurementItemResponse> Items, IReadOnlyList<QuoteResponse> Quotes, IReadOnlyList<VendorTotal> Totals,
    string? ApprovedVendor, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? OrderReference, DateTimeOffset? OrderedAt, string? Note,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ProcurementResponse From(ProcurementRequest r)
    {
        var positions = r.Items.ToDictionary(i => i.Id, i => i.Position);
        var vendors = r.VendorsAsked.Concat(r.Quotes.Select(q => q.Vendor)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new(r.Id, r.Key, r.Title, r.Status, r.VendorsAsked, r.RequestedBy,
            r.Items.OrderBy(i => i.Position).Select(i => new ProcurementItemResponse(i.Id, i.Position, i.Kind, i.Model, i.Quantity, i.Received)).ToList(),
            r.Quotes.OrderBy(q => q.Vendor).ThenBy(q => positions[q.ItemId])
                .Select(q => new QuoteResponse(q.Id, q.Vendor, q.ItemId, positions[q.ItemId], q.UnitPrice, q.ValidUntil, q.ReceivedAt)).ToList(),
            vendors.Select(v => new VendorTotal(v, r.TotalFor(v), r.TotalFor(v) is not null)).OrderBy(t => t.Total ?? decimal.MaxValue).ToList(),
            r.ApprovedVendor, r.ApprovedBy, r.ApprovedAt, r.OrderReference, r.OrderedAt, r.Note, r.CreatedAt, r.UpdatedAt);
    }
}
