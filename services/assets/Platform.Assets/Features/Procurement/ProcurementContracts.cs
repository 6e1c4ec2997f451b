namespace Platform.Assets.Features.Procurement;

public sealed record ProcurementItemRequest(AssetKind? Kind, string? Model, int? Quantity);

/// <summary>A request for quotes; <c>project</c> (PRJ-7) makes it a cost of that project, <c>currency</c> prices it (default JPY).</summary>
public sealed record CreateProcurementRequest(string? Title, IReadOnlyList<string>? Vendors, IReadOnlyList<ProcurementItemRequest>? Items,
    string? Project = null, string? Currency = null);

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
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? ProjectKey, string Currency)
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
            r.ApprovedVendor, r.ApprovedBy, r.ApprovedAt, r.OrderReference, r.OrderedAt, r.Note, r.CreatedAt, r.UpdatedAt,
            r.ProjectKey, r.Currency);
    }
}
