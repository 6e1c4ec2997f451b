namespace Platform.Assets.Domain;

public enum ProcurementStatus { Quoting, Approved, Ordered, PartiallyReceived, Received, Rejected, Cancelled }

/// <summary>
/// A request for quotes (RFQ-3): items and quantities, the vendors asked, the quotes they sent; approved for one
/// vendor by someone other than its author (admins excepted), ordered, and received item by item, each received
/// unit becoming an asset in stock.
/// </summary>
public sealed class ProcurementRequest : NumberedAggregate
{
    public const string KeyPrefix = "RFQ-";

    private readonly List<ProcurementItem> _items = [];
    private readonly List<Quote> _quotes = [];

    private ProcurementRequest() { }

    public string Key => KeyPrefix + Number;
    public string Title { get; private set; } = "";
    public ProcurementStatus Status { get; private set; }
    public List<string> VendorsAsked { get; private set; } = [];
    public string RequestedBy { get; private init; } = "";
    public string? ApprovedVendor { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? OrderReference { get; private set; }
    public DateTimeOffset? OrderedAt { get; private set; }
    public string? Note { get; private set; }

    /// <summary>The project it is bought for (PRJ-7), whose costs it becomes; null when bought for stock.</summary>
    public string? ProjectKey { get; private init; }

    /// <summary>The ISO 4217 currency of its quotes and total.</summary>
    public string Currency { get; private init; } = DefaultCurrency;

    public const string DefaultCurrency = "JPY";

    public IReadOnlyList<ProcurementItem> Items => _items;
    public IReadOnlyList<Quote> Quotes => _quotes;

    public static ProcurementRequest Create(long number, string title, IReadOnlyList<string> vendors,
        IReadOnlyList<(AssetKind Kind, string Model, int Quantity)> items, string by, DateTimeOffset now, string? projectKey = null,
        string currency = DefaultCurrency)
    {
        if (items.Count == 0) throw new DomainException("no-items", "A request for quotes needs at least one item.");
        var request = new ProcurementRequest
        {
            Id = Guid.CreateVersion7(), Number = number, Title = title, Status = ProcurementStatus.Quoting, VendorsAsked = vendors.Distinct().ToList(),
            RequestedBy = by, CreatedAt = now, UpdatedAt = now, ProjectKey = projectKey, Currency = currency,
        };
        var position = 0;
        foreach (var (kind, model, quantity) in items)
        {
            if (quantity < 1) throw new DomainException("bad-quantity", "Quantities are at least 1.");
            request._items.Add(new ProcurementItem
            {
                Id = Guid.CreateVersion7(), RequestId = request.Id, Position = ++position, Kind = kind, Model = model, Quantity = quantity,
            });
        }

        return request;
    }

    /// <summary>A vendor's price for one item (a later quote from the same vendor for the same item replaces it).</summary>
    public Quote AddQuote(string vendor, Guid itemId, decimal unitPrice, DateOnly? validUntil, string by, DateTimeOffset now)
    {
        if (Status != ProcurementStatus.Quoting)
            throw new DomainException("not-quoting", $"{Key} is {Status}; quotes are taken while it is Quoting.");
        if (unitPrice < 0) throw new DomainException("negative-price", "A price cannot be negative.");
        if (_items.All(i => i.Id != itemId)) throw new KeyNotFoundException($"Item {itemId} is not on {Key}.");
        if (!VendorsAsked.Contains(vendor, StringComparer.OrdinalIgnoreCase)) VendorsAsked.Add(vendor);
        if (!_quotes.Any(q => string.Equals(q.Vendor, vendor, StringComparison.OrdinalIgnoreCase)))
            Raise(new ProcurementQuoteReceived(Id, Key, vendor, CreatedAt, now, ProjectKey, now)); // the vendor's first answer
        _quotes.RemoveAll(q => q.ItemId == itemId && string.Equals(q.Vendor, vendor, StringComparison.OrdinalIgnoreCase));
        var quote = new Quote
        {
            Id = Guid.CreateVersion7(), RequestId = Id, Vendor = vendor, ItemId = itemId, UnitPrice = unitPrice, ValidUntil = validUntil,
            ReceivedAt = now, RecordedBy = by,
        };
        _quotes.Add(quote);
        UpdatedAt = now;
        return quote;
    }

    /// <summary>The total of a vendor's quotes over every item, or null when the vendor did not quote all of them.</summary>
    public decimal? TotalFor(string vendor)
    {
        decimal total = 0;
        foreach (var item in _items)
        {
            var quote = QuoteFor(vendor, item.Id);
            if (quote is null) return null;
            total += quote.UnitPrice * item.Quantity;
        }

        return total;
    }

    public Quote? QuoteFor(string vendor, Guid itemId) =>
        _quotes.FirstOrDefault(q => q.ItemId == itemId && string.Equals(q.Vendor, vendor, StringComparison.OrdinalIgnoreCase));

    public void Approve(string vendor, string by, bool isAdmin, DateTimeOffset now)
    {
        if (Status != ProcurementStatus.Quoting)
            throw new DomainException("invalid-transition", $"{Key} is {Status}; only a request being quoted can be approved.");
        if (by == RequestedBy && !isAdmin)
            throw new DomainException("self-approval", "The author of a request for quotes cannot approve it; ask another PSO member or an admin.");
        var total = TotalFor(vendor)
            ?? throw new DomainException("quote-missing", $"{vendor} has not quoted every item of {Key}.");
        var quote = _quotes.First(q => string.Equals(q.Vendor, vendor, StringComparison.OrdinalIgnoreCase));
        foreach (var q in _quotes.Where(q => q.ValidUntil is { } until && until < DateOnly.FromDateTime(now.UtcDateTime)
                     && string.Equals(q.Vendor, vendor, StringComparison.OrdinalIgnoreCase)))
            throw new DomainException("quote-expired", $"{vendor}'s quote for item {_items.First(i => i.Id == q.ItemId).Position} expired on {q.ValidUntil:yyyy-MM-dd}.");
        ApprovedVendor = quote.Vendor;
        ApprovedBy = by;
        ApprovedAt = now;
        Status = ProcurementStatus.Approved;
        UpdatedAt = now;
        Raise(new ProcurementApproved(Id, Key, Title, quote.Vendor, total, by, now, ProjectKey, Currency));
    }

    public void Reject(string by, string? note, DateTimeOffset now)
    {
        if (Status is not (ProcurementStatus.Quoting or ProcurementStatus.Approved))
            throw new DomainException("invalid-transition", $"{Key} is {Status}; it can no longer be rejected.");
        Status = ProcurementStatus.Rejected;
        Note = note;
        ApprovedBy = by;
        UpdatedAt = now;
        Raise(new ProcurementRejected(Id, Key, ProjectKey, by, note, now));
    }

    public void Order(string? reference, DateTimeOffset now)
    {
        if (Status != ProcurementStatus.Approved)
            throw new DomainException("invalid-transition", $"{Key} is {Status}; only an approved request can be ordered.");
        Status = ProcurementStatus.Ordered;
        OrderReference = reference;
        OrderedAt = now;
        UpdatedAt = now;
    }

    /// <summary>Counts units of an item as received; the caller creates the assets. Returns the unit price paid.</summary>
    public decimal Receive(Guid itemId, int quantity, DateTimeOffset now)
    {
        if (Status is not (ProcurementStatus.Ordered or ProcurementStatus.PartiallyReceived))
            throw new DomainException("invalid-transition", $"{Key} is {Status}; only ordered items can be received.");
        var item = _items.FirstOrDefault(i => i.Id == itemId) ?? throw new KeyNotFoundException($"Item {itemId} is not on {Key}.");
        if (quantity < 1) throw new DomainException("bad-quantity", "Receive at least one unit.");
        if (item.Received + quantity > item.Quantity)
            throw new DomainException("over-receipt", $"Item {item.Position} of {Key}: {item.Quantity} ordered, {item.Received} already received.");
        item.Received += quantity;
        Status = _items.All(i => i.Received == i.Quantity) ? ProcurementStatus.Received : ProcurementStatus.PartiallyReceived;
        UpdatedAt = now;
        return QuoteFor(ApprovedVendor!, itemId)!.UnitPrice;
    }

    /// <summary>Tells of a receipt: the assets it made and what it cost (<paramref name="amount"/>).</summary>
    public void Announce(IReadOnlyList<string> tags, decimal amount, string by, DateTimeOffset now) =>
        Raise(new ProcurementReceived(Id, Key, tags, Status == ProcurementStatus.Received, by, now, ProjectKey, amount, Currency));
}

public sealed class ProcurementItem : RequestItem
{
    public AssetKind Kind { get; init; }
    public required string Model { get; init; }
    public int Quantity { get; init; }
    public int Received { get; set; }
}

public sealed class Quote
{
    public Guid Id { get; init; }
    public Guid RequestId { get; init; }
    public required string Vendor { get; init; }
    public Guid ItemId { get; init; }
    public decimal UnitPrice { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public required string RecordedBy { get; init; }
}
