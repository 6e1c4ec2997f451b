namespace Platform.Portal.Api.Pmo;

// The projects API as the PMO screens read it (see /openapi/projects.json). Only what the screens use; enums travel as
// strings (health Green/Amber/Red, phases, statuses, severities). In their own namespace: other areas name their own
// "Project" or "Risk" shapes.

public sealed record HealthReason(string Level, string Area, string Text);

public sealed record HealthOverride(string Health, string Comment, string By, DateTimeOffset At);

public sealed record RiskSummary(Guid Id, string Key, string Title, int Score, string Level, string? Owner, string Status);

/// <summary>One project's standing on the portfolio: health (the override when there is one), computed health and why.</summary>
public sealed record Standing(
    Guid ProjectId, string ProjectKey, string Name, string? Code, string Phase, string Manager, string? Sponsor, decimal? Budget,
    DateOnly? StartDate, DateOnly? EndDate, string Health, string ComputedHealth, IReadOnlyList<HealthReason> Reasons,
    HealthOverride? Override, int Progress, int PlannedProgress, int ScheduleVariance, int OverdueMilestones,
    int OpenIssues, int OpenEscalations, IReadOnlyList<RiskSummary> TopRisks,
    string? Currency = null, decimal? Cpi = null, decimal? Spi = null, decimal Bac = 0, decimal Ac = 0, decimal Eac = 0);

/// <summary>A project's money on a day (GET /api/projects/{key}/cost): earned value, by category, commitments, weekly curves.</summary>
public sealed record ProjectCost(
    string ProjectKey, string Currency, DateOnly AsOf, decimal Bac, decimal Pv, decimal Ev, decimal Ac, decimal Cv, decimal Sv, decimal? Cpi, decimal? Spi,
    decimal Eac, decimal Etc, decimal Vac, decimal? Tcpi, decimal Committed, decimal LabourActual, decimal UncostedLabourHours,
    IReadOnlyList<CostCategoryFigures> ByCategory, IReadOnlyList<CostCommitment> Commitments, IReadOnlyList<CostCurrencyTotal> OtherCurrencies,
    IReadOnlyList<CostWeek> Weeks, IReadOnlyList<CostBudgetLine>? Budget = null);

public sealed record CostBudgetLine(string Period, string Category, decimal Amount);

public sealed record CostCategoryFigures(string Category, decimal Budget, decimal Actual, decimal Committed);

public sealed record CostCommitment(string RequestKey, string Title, string Vendor, decimal Total, decimal Received, decimal Outstanding, string Currency, string Status);

public sealed record CostCurrencyTotal(string Currency, decimal Actual, decimal Committed);

public sealed record CostWeek(DateOnly WeekEnd, decimal Pv, decimal? Ev, decimal? Ac);

public sealed record ProjectInfo(
    Guid Id, string Key, string Name, string Description, string Manager, DateOnly? StartDate, DateOnly? EndDate,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Code, string? Sponsor, string Phase, decimal? Budget,
    string? Template = null, int? TemplateVersion = null, string? KitProfile = null);

public sealed record Member(string UserId, string Role, DateTimeOffset AddedAt);

public sealed record EscalationEntry(string Action, string By, string? Note, DateTimeOffset At);

public sealed record Escalation(
    Guid Id, string Key, Guid ProjectId, string ProjectKey, string Severity, string Reason, string Rule, string SourceType,
    string SourceId, string? SourceKey, string Status, string RaisedBy, DateTimeOffset RaisedAt, string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt, string? ResolvedBy, DateTimeOffset? ResolvedAt, string? Resolution,
    IReadOnlyList<string> AllowedActions, IReadOnlyList<EscalationEntry> History);

public sealed record Risk(
    Guid Id, string Key, Guid ProjectId, string ProjectKey, string Title, string Description, int Probability, int Impact,
    int Score, string Level, string? Owner, string? Mitigation, string? Trigger, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Open and mitigating risks are live; occurred and closed ones are history.</summary>
    public bool IsActive => Status is "Open" or "Mitigating";
}

public sealed record TicketRef(Guid Id, string? Key, string Href);

public sealed record Issue(
    Guid Id, string Key, Guid ProjectId, string ProjectKey, string Title, string Description, string Severity, string Status,
    string? Owner, TicketRef? SourceTicket, string? Resolution, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt, DateOnly? DueDate, bool Overdue);

public sealed record Milestone(
    Guid Id, Guid ProjectId, string ProjectKey, string Name, DateOnly DueDate, DateTimeOffset? CompletedAt, bool Overdue,
    int Progress, int PlannedProgress, int ScheduleVariance, decimal EstimateHours, int TaskCount);

public sealed record ProjectTask(
    Guid Id, string Key, Guid ProjectId, Guid? MilestoneId, string Title, string? Owner, DateOnly? StartDate, DateOnly? DueDate,
    decimal EstimateHours, int PercentDone, bool Overdue, DateTimeOffset? CompletedAt, string? Origin, IReadOnlyList<Guid> DependsOn);

public sealed record DeliverableReview(string Action, string? Reason, string By, DateTimeOffset At);

public sealed record Deliverable(
    Guid Id, string Key, Guid ProjectId, string Name, string Description, IReadOnlyList<string> AcceptanceCriteria, string? Owner,
    DateOnly? DueDate, string Status, string? RejectionReason, IReadOnlyList<DeliverableReview> Reviews);

public sealed record ReportSummary(Guid Id, string Key, Guid ProjectId, string ProjectKey, string Week, DateOnly WeekStart, string GeneratedBy, DateTimeOffset GeneratedAt);

public sealed record ReportContent(string Week, DateOnly WeekStart, DateOnly WeekEnd, DateTimeOffset GeneratedAt, string GeneratedBy,
    int Progress, int PlannedProgress, string Health, string ComputedHealth, HealthOverride? HealthOverride);

public sealed record StatusReport(Guid Id, string Key, string ProjectKey, string Week, ReportContent Report);

public sealed record Allocation(Guid Id, Guid ProjectId, string ProjectKey, string UserId, int Percent, DateOnly From, DateOnly To);

public sealed record TemplateSummary(
    string Key, int Version, string Name, string Description, bool Retired, int Phases, int Milestones, int Deliverables, int Risks,
    int Meetings, string? KitProfile, int Projects, DateTimeOffset UpdatedAt);

public sealed record TemplateVersionInfo(int Version, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record TemplateDetail(
    string Key, int Version, int LatestVersion, string Name, string Description, bool Retired, TemplateDefinition Definition,
    string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<TemplateVersionInfo> Versions);

public sealed record TemplateDefinition(
    IReadOnlyList<TemplatePhase> Phases, IReadOnlyList<TemplateDeliverable> Deliverables, IReadOnlyList<TemplateRisk> Risks,
    IReadOnlyList<TemplateMeetingSeries> Meetings, string? KitProfile);

public sealed record TemplatePhase(string Name, IReadOnlyList<TemplateMilestone> Milestones);

public sealed record TemplateMilestone(string Ref, string Name, int OffsetDays, IReadOnlyList<string>? After);

public sealed record TemplateDeliverable(string Ref, string Name, string? Description, IReadOnlyList<string> AcceptanceCriteria, string? Milestone, int? OffsetDays);

public sealed record TemplateRisk(string Ref, string Title, string? Description, int Probability, int Impact, string? Mitigation);

public sealed record TemplateMeetingSeries(string Ref, string Title, int EveryWeeks, int FirstOffsetDays, string Time, int Occurrences,
    IReadOnlyList<string>? Agenda, string? TimeZone);

public sealed record ComplianceItem(
    string Ref, string Kind, string? Phase, string Name, string Status, DateOnly? DueDate, IReadOnlyList<string> Entities,
    string? SkippedReason, string? SkippedBy, DateTimeOffset? SkippedAt);

public sealed record ComplianceCounts(int Done, int OnTrack, int Late, int Skipped, int Missing, int Total, int? Percent);

public sealed record Compliance(
    string ProjectKey, string? Template, int? Version, int? LatestVersion, string? TemplateName, DateOnly AsOf, ComplianceCounts Counts,
    IReadOnlyList<ComplianceItem> Items);

public sealed record PortfolioCompliance(string ProjectKey, string Name, string Manager, string? Template, int? Version, int? LatestVersion, ComplianceCounts Counts);

public sealed record CurrencyAmount(string Currency, decimal Amount);

public sealed record VendorScorecard(
    int Contracts, IReadOnlyList<CurrencyAmount> ContractValue, int DeliverablesOwed, int Accepted, int AcceptedOnTime, int Late, int Pending,
    int? OnTimePercent, int RejectedDeliverables, int Rejections, int Quotes, decimal? MedianQuoteHours, int QuotesWon);

public sealed record VendorSummary(Guid Id, string Key, string Name, string? ContactEmail, bool Active, VendorScorecard Scorecard);

public sealed record ContractDeliverable(string Key, string Name, DateOnly? DueDate, string Status, DateTimeOffset? AcceptedAt, bool OnTime, int Rejections);

public sealed record VendorContract(
    Guid Id, string Key, string VendorKey, string VendorName, string ProjectKey, string Title, decimal Value, string Currency, DateOnly StartDate,
    DateOnly EndDate, string SlaTerms, string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<ContractDeliverable> Deliverables);

public sealed record VendorQuote(string RequestKey, DateTimeOffset RequestedAt, DateTimeOffset QuotedAt, decimal Hours);

public sealed record VendorDetail(
    Guid Id, string Key, string Name, string? ContactEmail, string Notes, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    VendorScorecard Scorecard, IReadOnlyList<VendorContract> Contracts, IReadOnlyList<VendorQuote> Quotes);

public sealed record CostEntry(
    Guid Id, DateOnly Date, string Category, decimal Amount, string Currency, string Description, string Source, string? SourceKey, string RecordedBy,
    DateTimeOffset RecordedAt);
