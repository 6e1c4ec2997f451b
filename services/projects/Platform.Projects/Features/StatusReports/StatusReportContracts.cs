namespace Platform.Projects.Features;

/// <summary>Generate the report of an ISO week ("2026-W48"); the current week when absent.</summary>
public sealed record GenerateStatusReportRequest(string? Week);

public sealed record StatusReportSummary(Guid Id, string Key, Guid ProjectId, string ProjectKey, string Week, DateOnly WeekStart, string GeneratedBy, DateTimeOffset GeneratedAt)
{
    public static StatusReportSummary From(StatusReport r) => new(r.Id, r.Key, r.ProjectId, r.ProjectKey, r.Week, r.WeekStart, r.GeneratedBy, r.GeneratedAt);
}

public sealed record StatusReportResponse(Guid Id, string Key, string ProjectKey, string Week, StatusReportContent Report)
{
    public static StatusReportResponse From(StatusReport r) => new(r.Id, r.Key, r.ProjectKey, r.Week, StatusReports.Deserialize(r.Content));
}

public sealed record ReportProject(Guid Id, string Key, string Name, string? Code, ProjectPhase Phase, string Manager, string? Sponsor, decimal? Budget);

public sealed record ReportMilestone(string Name, DateOnly DueDate, int Progress, bool Overdue, bool Completed);

public sealed record ReportIssue(string Key, string Title, IssueSeverity Severity, IssueStatus Status, string? Owner, string? SourceTicketKey);

public sealed record ReportEscalation(string Key, EscalationSeverity Severity, EscalationStatus Status, string Reason);

public sealed record ReportDecision(string MeetingKey, string MeetingTitle, string Text, DateTimeOffset RecordedAt);

/// <summary>What a weekly status report says, frozen when generated.</summary>
public sealed record StatusReportContent(
    ReportProject Project, string Week, DateOnly WeekStart, DateOnly WeekEnd, DateTimeOffset GeneratedAt, string GeneratedBy,
    int Progress, int PlannedProgress, int ScheduleVariance, HealthStatus Health, HealthStatus ComputedHealth,
    IReadOnlyList<HealthReason> HealthReasons, HealthOverrideView? HealthOverride, IReadOnlyList<ReportMilestone> Milestones,
    IReadOnlyList<RiskSummary> TopRisks, IReadOnlyList<ReportIssue> OpenIssues, IReadOnlyList<ReportEscalation> OpenEscalations,
    IReadOnlyList<ReportDecision> Decisions, int OverdueActionItems, ReportCost? Cost = null);

/// <summary>The earned-value figures of the report's day, in the project's currency (null in reports made before they were kept).</summary>
public sealed record ReportCost(string Currency, decimal Bac, decimal Pv, decimal Ev, decimal Ac, decimal? Cpi, decimal? Spi, decimal Eac, decimal Vac);
