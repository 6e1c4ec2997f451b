namespace Platform.Projects.Features;

public sealed record CreateRiskRequest(
    string? Title, string? Description, int? Probability, int? Impact, string? Owner, string? Mitigation, string? Trigger);

/// <summary>Changes a risk; absent fields stay as they are, an empty string clears owner, mitigation or trigger.</summary>
public sealed record UpdateRiskRequest(
    string? Title, string? Description, int? Probability, int? Impact, string? Owner, string? Mitigation, string? Trigger, RiskStatus? Status);

public sealed record RiskScoreResponse(DateTimeOffset At, int Probability, int Impact, int Score, string ChangedBy);

public sealed record RiskResponse(
    Guid Id, string Key, Guid ProjectId, string ProjectKey, string Title, string Description, int Probability, int Impact,
    int Score, string Level, string? Owner, string? Mitigation, string? Trigger, RiskStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<RiskScoreResponse>? History)
{
    public static RiskResponse From(Risk r, bool withHistory = false) => new(
        r.Id, r.Key, r.ProjectId, r.ProjectKey, r.Title, r.Description, r.Probability, r.Impact, r.Score, RiskScoring.Level(r.Score),
        r.Owner, r.Mitigation, r.Trigger, r.Status, r.CreatedAt, r.UpdatedAt,
        withHistory ? r.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new RiskScoreResponse(h.At, h.Probability, h.Impact, h.Score, h.ChangedBy)).ToList() : null);
}
