namespace Platform.Portal.Api.Pso;

// The assets API as the PSO screens read it (see /openapi/assets.json): assets, licences, kitting and procurement.
// Only what the screens use; enums travel as strings. In their own namespace: other areas name their own shapes.

public sealed record Asset(
    Guid Id, string Tag, string Kind, string Model, string? Serial, string? Vendor, DateOnly? PurchaseDate, decimal? Cost,
    DateOnly? WarrantyEnd, string? Location, string Status, string? AssignedTo, string? ProjectKey, DateTimeOffset? AssignedAt,
    IReadOnlyList<string> AllowedActions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a register or edit form sends (an edit sends only what it changes; nulls keep the value).</summary>
public sealed record AssetDraft(string? Kind, string? Model, string? Serial, string? Vendor, DateOnly? PurchaseDate, decimal? Cost,
    DateOnly? WarrantyEnd, string? Location);

public sealed record AssetHistoryEntry(
    DateTimeOffset At, string Action, string? FromStatus, string ToStatus, string? AssignedTo, string? ProjectKey, string By, string? Note);

public sealed record AssetIncident(Guid TicketId, string TicketKey, string? Title, string? Priority, string Status, bool Open,
    DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, string Href);

/// <summary>The filters of the asset list (all optional).</summary>
public sealed record AssetFilter(string? Status = null, string? Kind = null, string? AssignedTo = null, string? ProjectKey = null,
    string? Location = null, string? Model = null, DateOnly? WarrantyBefore = null);

public sealed record ImportResult(int Imported, IReadOnlyList<string> Tags);

/// <summary>One problem of a CSV import: the file's line (the header is line 1) and the column, when known.</summary>
public sealed record ImportError(int Row, string? Column, string Message);

/// <summary>What a CSV import answered: the imported assets, or the problem with its errors per row (422) or the bad line (400).</summary>
public sealed record ImportOutcome(ImportResult? Result, Problem? Problem, IReadOnlyList<ImportError> Errors, int? BadLine);

public sealed record Seat(Guid Id, string? UserId, string? AssetTag, DateTimeOffset AssignedAt, string AssignedBy, DateTimeOffset? ReleasedAt, string? ReleasedBy)
{
    public bool Active => ReleasedAt is null;
}

public sealed record Licence(
    Guid Id, string Key, string Product, string? Vendor, int Seats, int SeatsAssigned, int SeatsFree, int Overuse, bool Overused,
    DateOnly? ExpiresOn, int? DaysLeft, decimal? Cost, IReadOnlyList<Seat> Assignments, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Expires within 30 days (or has expired).</summary>
    public bool ExpiresSoon => DaysLeft is <= 30;
}

public sealed record KittingItem(
    Guid Id, int Position, string Kind, string Description, string? AssetKind, string? Model, string? Product, string? AssetTag,
    string? LicenceKey, bool Done, DateTimeOffset? DoneAt, string? DoneBy, string? Note);

public sealed record Kitting(
    Guid Id, string Key, string Kind, string Status, Guid ProjectId, string ProjectKey, string UserId, string Role, string KitProfile,
    string? Department, int ItemsDone, int ItemsTotal, IReadOnlyList<KittingItem> Items, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt, string? CompletedBy, string? Note);

public sealed record ProcurementItem(Guid Id, int Position, string Kind, string Model, int Quantity, int Received);

public sealed record Quote(Guid Id, string Vendor, Guid ItemId, int ItemPosition, decimal UnitPrice, DateOnly? ValidUntil, DateTimeOffset ReceivedAt);

public sealed record VendorTotal(string Vendor, decimal? Total, bool Complete);

public sealed record Procurement(
    Guid Id, string Key, string Title, string Status, IReadOnlyList<string> VendorsAsked, string RequestedBy,
    IReadOnlyList<ProcurementItem> Items, IReadOnlyList<Quote> Quotes, IReadOnlyList<VendorTotal> Totals,
    string? ApprovedVendor, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? OrderReference, DateTimeOffset? OrderedAt, string? Note,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ProcurementItemDraft(string? Kind, string? Model, int? Quantity);
