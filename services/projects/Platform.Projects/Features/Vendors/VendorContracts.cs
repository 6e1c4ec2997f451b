namespace Platform.Projects.Features;

public sealed record RegisterVendorRequest(string? Name, string? ContactEmail, string? Notes);

/// <summary>Absent fields stay; an empty contact clears it; <c>active: false</c> keeps the vendor out of new contracts.</summary>
public sealed record UpdateVendorRequest(string? Name, string? ContactEmail, string? Notes, bool? Active);

public sealed record ContractDeliverableRequest(string? Name, string? Description, IReadOnlyList<string?>? AcceptanceCriteria, DateOnly? DueDate);

public sealed record SignContractRequest(
    string? Vendor, string? Title, decimal? Value, string? Currency, DateOnly? StartDate, DateOnly? EndDate, string? SlaTerms,
    IReadOnlyList<ContractDeliverableRequest?>? Deliverables);

/// <summary>
/// How a vendor performs: contract deliverables accepted on or before their due date against those accepted late or
/// overdue now (<c>OnTimePercent</c>, null until one is due), deliverables rejected at least once and rejections in
/// all, and quotes: how many requests for quotes the vendor answered, the median hours to the first quote, and how many
/// of them were approved for a project.
/// </summary>
public sealed record VendorScorecard(
    int Contracts, IReadOnlyList<CurrencyAmount> ContractValue, int DeliverablesOwed, int Accepted, int AcceptedOnTime, int Late, int Pending,
    int? OnTimePercent, int RejectedDeliverables, int Rejections, int Quotes, decimal? MedianQuoteHours, int QuotesWon);

public sealed record CurrencyAmount(string Currency, decimal Amount);

public sealed record VendorSummary(Guid Id, string Key, string Name, string? ContactEmail, bool Active, VendorScorecard Scorecard);

public sealed record ContractDeliverableView(string Key, string Name, DateOnly? DueDate, DeliverableStatus Status, DateTimeOffset? AcceptedAt, bool OnTime, int Rejections);

public sealed record ContractView(
    Guid Id, string Key, string VendorKey, string VendorName, string ProjectKey, string Title, decimal Value, string Currency, DateOnly StartDate,
    DateOnly EndDate, string SlaTerms, string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<ContractDeliverableView> Deliverables);

public sealed record QuoteView(string RequestKey, DateTimeOffset RequestedAt, DateTimeOffset QuotedAt, decimal Hours);

public sealed record VendorView(
    Guid Id, string Key, string Name, string? ContactEmail, string Notes, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    VendorScorecard Scorecard, IReadOnlyList<ContractView> Contracts, IReadOnlyList<QuoteView> Quotes);
