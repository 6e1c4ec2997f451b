namespace Platform.Projects.Features;

/// <summary>Escalate an issue or a risk of the project to the PMO; <c>source</c> is its key (ISS-3, RSK-2) or id.</summary>
public sealed record CreateEscalationRequest(EscalationSource? SourceType, string? Source, string? Reason, EscalationSeverity? Severity);

public sealed record EscalationTransitionRequest(EscalationAction? Action, string? Note);

public sealed record EscalationHistoryResponse(string Action, string By, string? Note, DateTimeOffset At);

public sealed record EscalationResponse(
    Guid Id, string Key, Guid ProjectId, string ProjectKey, EscalationSeverity Severity, string Reason, EscalationRule Rule,
    EscalationSource SourceType, string SourceId, string? SourceKey, EscalationStatus Status, string RaisedBy, DateTimeOffset RaisedAt,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? ResolvedBy, DateTimeOffset? ResolvedAt, string? Resolution,
    IReadOnlyList<EscalationAction> AllowedActions, IReadOnlyList<EscalationHistoryResponse> History)
{
    public static EscalationResponse From(Escalation e) => new(
        e.Id, e.Key, e.ProjectId, e.ProjectKey, e.Severity, e.Reason, e.Rule, e.SourceType, e.SourceId, e.SourceKey, e.Status,
        e.RaisedBy, e.RaisedAt, e.AcknowledgedBy, e.AcknowledgedAt, e.ResolvedBy, e.ResolvedAt, e.Resolution,
        EscalationWorkflow.AllowedActions(e.Status),
        e.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new EscalationHistoryResponse(h.Action, h.By, h.Note, h.At)).ToList());
}
