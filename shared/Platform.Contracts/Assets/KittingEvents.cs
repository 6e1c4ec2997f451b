namespace Platform.Contracts.Assets;

/// <summary>A kitting request opened for PSO because a person joined a project (once per membership).</summary>
public sealed record KittingRequested(
    Guid RequestId,
    string RequestKey,
    Guid ProjectId,
    string ProjectKey,
    string UserId,
    string Role,
    string KitProfile,
    IReadOnlyList<string> Checklist,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IRequestEvent, IProjectEvent, IPersonEvent;

/// <summary>PSO handed the kit over: every checklist item is done; the assets and licence seats given are listed.</summary>
public sealed record KittingCompleted(
    Guid RequestId,
    string RequestKey,
    Guid ProjectId,
    string ProjectKey,
    string UserId,
    IReadOnlyList<string> AssetTags,
    IReadOnlyList<string> LicenceKeys,
    string CompletedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IRequestEvent, IProjectEvent, IPersonEvent;

/// <summary>A return request opened because a person left a project: what they hold for it must come back.</summary>
public sealed record ReturnRequested(
    Guid RequestId,
    string RequestKey,
    Guid ProjectId,
    string ProjectKey,
    string UserId,
    IReadOnlyList<string> AssetTags,
    IReadOnlyList<string> LicenceKeys,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IRequestEvent, IProjectEvent, IPersonEvent;

/// <summary>Everything a leaver held for a project came back (or was otherwise settled).</summary>
public sealed record ReturnCompleted(
    Guid RequestId,
    string RequestKey,
    Guid ProjectId,
    string ProjectKey,
    string UserId,
    string CompletedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IRequestEvent, IProjectEvent, IPersonEvent;

/// <summary>
/// A request for quotes was approved with a vendor and an amount (in <c>Currency</c>). <c>ProjectKey</c>: the project it
/// is bought for, whose cost management counts it as committed (null: not bought for a project).
/// </summary>
public sealed record ProcurementApproved(
    Guid RequestId,
    string RequestKey,
    string Title,
    string Vendor,
    decimal Total,
    string ApprovedBy,
    DateTimeOffset OccurredAt,
    string? ProjectKey = null,
    string? Currency = null) : IIntegrationEvent, IRequestEvent;

/// <summary>
/// Ordered items arrived and became assets in stock: <c>Amount</c> is what this receipt cost (units × the approved
/// unit prices, in <c>Currency</c>), an actual cost of the project named by <c>ProjectKey</c> when there is one.
/// </summary>
public sealed record ProcurementReceived(
    Guid RequestId,
    string RequestKey,
    IReadOnlyList<string> AssetTags,
    bool FullyReceived,
    string ReceivedBy,
    DateTimeOffset OccurredAt,
    string? ProjectKey = null,
    decimal Amount = 0,
    string? Currency = null) : IIntegrationEvent, IRequestEvent;

/// <summary>
/// A vendor's first quote on a request for quotes was recorded: <c>RequestedAt</c> is when the request was opened,
/// <c>QuotedAt</c> when the quote came, so the vendor's response time is the difference (the vendor scorecard in projects).
/// </summary>
public sealed record ProcurementQuoteReceived(
    Guid RequestId,
    string RequestKey,
    string Vendor,
    DateTimeOffset RequestedAt,
    DateTimeOffset QuotedAt,
    string? ProjectKey,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IRequestEvent;

/// <summary>A request for quotes was rejected (before or after approval): nothing more is committed for its project.</summary>
public sealed record ProcurementRejected(
    Guid RequestId,
    string RequestKey,
    string? ProjectKey,
    string RejectedBy,
    string? Note,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IRequestEvent;
