namespace Platform.Notifications.Domain;

/// <summary>
/// Narrows the events a rule or a subscription reacts to. Each list, when not empty, must contain the event's value
/// (case-insensitive); an event without that value (no severity, say) does not pass a non-empty list.
/// </summary>
public sealed record Filters
{
    public IReadOnlyList<string> Severities { get; init; } = [];
    public IReadOnlyList<string> ProjectKeys { get; init; } = [];
    public IReadOnlyList<string> Priorities { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>A ticket's new status (TicketStatusChanged.to) or an event's status field.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    public static readonly Filters None = new();

    public bool Match(EventFacts facts) =>
        In(Severities, facts.Severity) && In(ProjectKeys, facts.ProjectKey) && In(Priorities, facts.Priority)
        && In(Categories, facts.Category) && In(Statuses, facts.Status);

    /// <summary>The same check on the columns kept in the event log (replay).</summary>
    public bool Match(string? severity, string? projectKey, string? priority, string? category, string? status) =>
        In(Severities, severity) && In(ProjectKeys, projectKey) && In(Priorities, priority) && In(Categories, category) && In(Statuses, status);

    private static bool In(IReadOnlyList<string> allowed, string? value) =>
        allowed.Count == 0 || (value is not null && allowed.Contains(value, StringComparer.OrdinalIgnoreCase));
}
