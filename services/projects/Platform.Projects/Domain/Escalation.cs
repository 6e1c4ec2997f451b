namespace Platform.Projects.Domain;

public enum EscalationSeverity { Low, Medium, High, Critical }

public enum EscalationStatus { Open, Acknowledged, Resolved }

public enum EscalationAction { Acknowledge, Resolve }

/// <summary>Why an escalation exists: a person, or one of the PMO's rules.</summary>
public enum EscalationRule { Manual, RiskScore, MilestoneOverdue, CriticalTicketIssue, OverAllocation, CostOverrunForecast }

/// <summary>What an escalation is about.</summary>
public enum EscalationSource { Issue, Risk, Milestone, Allocation, Project }

/// <summary>Open → Acknowledged → Resolved; an open escalation may be resolved straight away.</summary>
public static class EscalationWorkflow
{
    private static readonly Workflow<EscalationStatus, EscalationAction> Transitions = new("an escalation", new Dictionary<(EscalationStatus, EscalationAction), EscalationStatus>
    {
        [(EscalationStatus.Open, EscalationAction.Acknowledge)] = EscalationStatus.Acknowledged,
        [(EscalationStatus.Open, EscalationAction.Resolve)] = EscalationStatus.Resolved,
        [(EscalationStatus.Acknowledged, EscalationAction.Resolve)] = EscalationStatus.Resolved,
    });

    public static EscalationStatus Next(EscalationStatus from, EscalationAction action) => Transitions.Next(from, action);

    public static IReadOnlyList<EscalationAction> AllowedActions(EscalationStatus from) => Transitions.AllowedActions(from);
}

/// <summary>
/// A matter escalated to the PMO (ESC-3). <see cref="Condition"/> names the condition that raised it
/// ("RiskScore:Risk:{id}"); the database allows one unresolved escalation per project and condition.
/// </summary>
public sealed class Escalation : ProjectRecord
{
    public const string KeyPrefix = "ESC-";
    private readonly List<EscalationHistoryEntry> _history = [];

    private Escalation() { }

    private Escalation(long number, Project project) : base(number, project) { }

    protected override string KeyPrefixOfType => KeyPrefix;

    public EscalationSeverity Severity { get; private init; }
    public string Reason { get; private init; } = "";
    public EscalationRule Rule { get; private init; }
    public EscalationSource SourceType { get; private init; }
    public string SourceId { get; private init; } = "";
    public string? SourceKey { get; private init; }
    public string Condition { get; private init; } = "";
    public EscalationStatus Status { get; private set; }
    public string RaisedBy { get; private init; } = "";
    public DateTimeOffset RaisedAt { get; private init; }
    public string? AcknowledgedBy { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? Resolution { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<EscalationHistoryEntry> History => _history;

    public static string ConditionOf(EscalationRule rule, EscalationSource source, string sourceId) => $"{rule}:{source}:{sourceId}";

    public static Escalation RaiseNew(long number, Project project, EscalationSeverity severity, string reason, EscalationRule rule,
        EscalationSource sourceType, string sourceId, string? sourceKey, string by, DateTimeOffset now)
    {
        var escalation = new Escalation(number, project)
        {
            Severity = severity,
            Reason = reason,
            Rule = rule,
            SourceType = sourceType,
            SourceId = sourceId,
            SourceKey = sourceKey,
            Condition = ConditionOf(rule, sourceType, sourceId),
            Status = EscalationStatus.Open,
            RaisedBy = by,
            RaisedAt = now,
        };
        escalation.Record("Raised", by, reason, now);
        escalation.Raise(new ProjectEscalationRaised(escalation.Id, escalation.Key, project.Id, project.Key, severity.ToString(),
            reason, rule.ToString(), sourceType.ToString(), sourceId, sourceKey, by, [Roles.PmoAnalyst], project.EscalationContacts(), now));
        return escalation;
    }

    public void Apply(EscalationAction action, string? note, string by, DateTimeOffset now)
    {
        Status = EscalationWorkflow.Next(Status, action);
        switch (action)
        {
            case EscalationAction.Acknowledge:
                AcknowledgedBy = by;
                AcknowledgedAt = now;
                Record("Acknowledged", by, note, now);
                Raise(new ProjectEscalationAcknowledged(Id, Key, ProjectId, ProjectKey, by, note, now));
                break;
            case EscalationAction.Resolve:
                ResolvedBy = by;
                ResolvedAt = now;
                Resolution = note ?? "Resolved.";
                Record("Resolved", by, Resolution, now);
                Raise(new ProjectEscalationResolved(Id, Key, ProjectId, ProjectKey, by, Resolution, now));
                break;
        }
    }

    private void Record(string action, string by, string? note, DateTimeOffset now) =>
        _history.Add(new EscalationHistoryEntry { EscalationId = Id, Action = action, By = by, Note = note, At = now });
}

public sealed class EscalationHistoryEntry
{
    public long Id { get; init; }
    public Guid EscalationId { get; init; }
    public required string Action { get; init; }
    public required string By { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset At { get; init; }
}
