namespace Platform.Projects.Domain;

/// <summary>
/// A supplier the company's projects depend on (VND-3): the PMO's vendor register. Procurement (assets) names vendors
/// as text; its quotes reach the scorecard by event and are matched by <see cref="NormalizedName"/>.
/// </summary>
public sealed class Vendor : NumberedEntity
{
    public const string KeyPrefix = "VND-";

    private Vendor() { }

    private Vendor(long number) : base(number) { }

    protected override string KeyPrefixOfType => KeyPrefix;

    public string Name { get; private set; } = "";

    /// <summary>The name as vendors are matched: trimmed, inner spaces collapsed, upper case (unique).</summary>
    public string NormalizedName { get; private set; } = "";
    public string? ContactEmail { get; private set; }
    public string Notes { get; private set; } = "";
    public bool Active { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public static string Normalize(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    public static Vendor Register(long number, string name, string? contactEmail, string? notes, DateTimeOffset now) => new(number)
    {
        Name = name, NormalizedName = Normalize(name), ContactEmail = contactEmail, Notes = notes ?? "", CreatedAt = now, UpdatedAt = now,
    };

    public void Edit(string? name, string? contactEmail, string? notes, bool? active, DateTimeOffset now)
    {
        if (name is not null)
        {
            Name = name;
            NormalizedName = Normalize(name);
        }

        if (contactEmail is not null) ContactEmail = contactEmail.Length == 0 ? null : contactEmail;
        if (notes is not null) Notes = notes;
        if (active is not null) Active = active.Value;
        UpdatedAt = now;
    }
}

/// <summary>A contract of a project with a vendor (CTR-4): its value, dates, SLA terms and the deliverables it owes.</summary>
public sealed class VendorContract : NumberedEntity
{
    public const string KeyPrefix = "CTR-";

    private VendorContract() { }

    private VendorContract(long number) : base(number) { }

    protected override string KeyPrefixOfType => KeyPrefix;

    public Guid VendorId { get; private init; }
    public Guid ProjectId { get; private init; }
    public string ProjectKey { get; private init; } = "";
    public string Title { get; private set; } = "";
    public decimal Value { get; private set; }
    public string Currency { get; private init; } = "";
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }

    /// <summary>What the vendor promises on service (response times, availability), as the contract words it.</summary>
    public string SlaTerms { get; private set; } = "";
    public string CreatedBy { get; private init; } = "";
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public static VendorContract Sign(long number, Vendor vendor, Project project, string title, decimal value, DateOnly start, DateOnly end,
        string? slaTerms, string by, DateTimeOffset now)
    {
        if (end < start) throw new DomainException("invalid-dates", "A contract cannot end before it starts.");
        if (value < 0) throw new DomainException("negative-value", "A contract's value cannot be negative.");
        return new VendorContract(number)
        {
            VendorId = vendor.Id, ProjectId = project.Id, ProjectKey = project.Key, Title = title, Value = Money.Round(value), Currency = project.Currency,
            StartDate = start, EndDate = end, SlaTerms = slaTerms ?? "", CreatedBy = by, CreatedAt = now, UpdatedAt = now,
        };
    }
}

/// <summary>A vendor's first quote on a request for quotes (assets' ProcurementQuoteReceived): how fast the vendor answered.</summary>
public sealed class VendorQuote
{
    public Guid RequestId { get; init; }
    public required string NormalizedVendor { get; init; }
    public required string Vendor { get; init; }
    public required string RequestKey { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset QuotedAt { get; init; }
}
