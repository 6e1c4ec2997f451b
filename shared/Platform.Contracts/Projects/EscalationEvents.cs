namespace Platform.Contracts.Projects;

/// <summary>
/// Something on a project needs the PMO's attention: raised by hand (a member escalates an issue or a risk) or by
/// a rule (risk score at or over the threshold, overdue milestone, P1/Critical ticket-born issue, over-allocation).
/// The same condition never raises a second escalation while the first is open.
/// </summary>
/// <param name="Severity">Low, Medium, High or Critical.</param>
/// <param name="Rule">Manual, RiskScore, MilestoneOverdue, CriticalTicketIssue or OverAllocation.</param>
/// <param name="SourceType">What the escalation is about: Issue, Risk, Milestone, Allocation.</param>
/// <param name="NotifyRoles">Roles whose holders must know (always the PMO analysts).</param>
/// <param name="NotifyUsers">People who must know: the project's manager and sponsor.</param>
public sealed record ProjectEscalationRaised(
    Guid EscalationId,
    string EscalationKey,
    Guid ProjectId,
    string ProjectKey,
    string Severity,
    string Reason,
    string Rule,
    string SourceType,
    string SourceId,
    string? SourceKey,
    string RaisedBy,
    IReadOnlyList<string> NotifyRoles,
    IReadOnlyList<string> NotifyUsers,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IEscalationEvent, IHasSeverity;

/// <summary>A PMO analyst took an escalation in hand.</summary>
public sealed record ProjectEscalationAcknowledged(
    Guid EscalationId,
    string EscalationKey,
    Guid ProjectId,
    string ProjectKey,
    string AcknowledgedBy,
    string? Note,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IEscalationEvent;

/// <summary>A PMO analyst closed an escalation; the same condition may raise a new one from now on.</summary>
public sealed record ProjectEscalationResolved(
    Guid EscalationId,
    string EscalationKey,
    Guid ProjectId,
    string ProjectKey,
    string ResolvedBy,
    string Resolution,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IEscalationEvent;

/// <summary>A risk's score changed (probability × impact, each 1–5).</summary>
public sealed record ProjectRiskScoreChanged(
    Guid RiskId,
    string RiskKey,
    Guid ProjectId,
    string ProjectKey,
    int? PreviousScore,
    int Score,
    string ChangedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IProjectEvent;
