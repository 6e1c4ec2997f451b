namespace Platform.Projects.Features;

public sealed record HealthOverrideRequest(HealthStatus? Health, string? Comment);

public sealed record RiskSummary(Guid Id, string Key, string Title, int Score, string Level, string? Owner, RiskStatus Status);

public sealed record HealthOverrideView(HealthStatus Health, string Comment, string By, DateTimeOffset At);

/// <summary>One project's standing: effective health (the override when there is one), computed health with reasons, progress, top risks.</summary>
public sealed record ProjectStanding(
    Guid ProjectId, string ProjectKey, string Name, string? Code, ProjectPhase Phase, string Manager, string? Sponsor, decimal? Budget,
    DateOnly? StartDate, DateOnly? EndDate, HealthStatus Health, HealthStatus ComputedHealth, IReadOnlyList<HealthReason> Reasons,
    HealthOverrideView? Override, int Progress, int PlannedProgress, int ScheduleVariance, int OverdueMilestones,
    int OpenIssues, int OpenEscalations, IReadOnlyList<RiskSummary> TopRisks,
    string Currency, decimal? Cpi, decimal? Spi, decimal Bac, decimal Ac, decimal Eac);
