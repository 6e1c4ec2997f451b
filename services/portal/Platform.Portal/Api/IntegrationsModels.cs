namespace Platform.Portal.Api;

// The admin's integration and configuration screens: notifications' webhook subscriptions, delivery log and rules
// (/api/subscriptions, /api/deliveries, /api/notification-rules, /api/events/types) and ticketing's SLA policies,
// business calendars, queues and categories. Only what the screens use; enums travel as strings.

/// <summary>What narrows the events of a rule or a subscription; each list, when not empty, must hold the event's value.</summary>
public sealed record EventFilters(
    IReadOnlyList<string>? Severities = null, IReadOnlyList<string>? ProjectKeys = null, IReadOnlyList<string>? Priorities = null,
    IReadOnlyList<string>? Categories = null, IReadOnlyList<string>? Statuses = null)
{
    public bool IsEmpty => (Severities?.Count ?? 0) + (ProjectKeys?.Count ?? 0) + (Priorities?.Count ?? 0) + (Categories?.Count ?? 0) + (Statuses?.Count ?? 0) == 0;
}

public sealed record EventTypeInfo(string Name, string Domain, string CloudEventType);

public sealed record Subscription(
    Guid Id, string Owner, string Url, string? Description, IReadOnlyList<string> EventTypes, EventFilters? Filters, string Status,
    string? DisabledReason, DateTimeOffset? DisabledAt, int ConsecutiveFailures, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Secret);

public sealed record SubscriptionDraft(string? Url, string? Secret, string? Description, IReadOnlyList<string>? EventTypes, EventFilters? Filters);

public sealed record DeliveryAttempt(int Number, DateTimeOffset At, string Outcome, int? StatusCode, string? Error, int LatencyMs);

public sealed record Delivery(
    long Id, Guid EventId, string Channel, string Target, string Recipient, Guid? SubscriptionId, Guid? ReplayId, string Status,
    int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError,
    int? LastLatencyMs, IReadOnlyList<DeliveryAttempt>? AttemptLog);

public sealed record Requeued(int Deliveries);

public sealed record NotificationRule(
    Guid Id, string Name, IReadOnlyList<string> EventTypes, EventFilters? Filters, IReadOnlyList<string> Roles, IReadOnlyList<string> Users,
    IReadOnlyList<string> Relations, IReadOnlyList<string> Channels, bool Enabled, bool BuiltIn, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record RuleDraft(
    string? Name, IReadOnlyList<string>? EventTypes, EventFilters? Filters, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Users,
    IReadOnlyList<string>? Relations, IReadOnlyList<string>? Channels, bool? Enabled)
{
    public static RuleDraft Of(NotificationRule r, bool? enabled = null) =>
        new(r.Name, r.EventTypes, r.Filters, r.Roles, r.Users, r.Relations, r.Channels, enabled ?? r.Enabled);
}

/// <summary>A weekly working period of a business calendar: "08:00"–"18:00" on a day ("24:00" ends at midnight).</summary>
public sealed record WorkingPeriod(string? Day, string? Start, string? End);

public sealed record BusinessCalendar(Guid Id, string Name, string TimeZone, IReadOnlyList<WorkingPeriod> WorkingPeriods, IReadOnlyList<DateOnly> Holidays);

public sealed record CalendarDraft(string? Name, string? TimeZone, IReadOnlyList<WorkingPeriod>? WorkingPeriods, IReadOnlyList<DateOnly>? Holidays);

public sealed record SlaPolicy(
    Guid Id, string Name, string Priority, string? Category, Guid CalendarId, int FirstResponseMinutes, int ResolutionMinutes,
    int WarningPercent, string? EscalateToQueue, bool RaisePriorityOnBreach, string? NotifyOnBreach);

public sealed record SlaPolicyDraft(
    string? Name, string? Priority, string? Category, Guid? CalendarId, int? FirstResponseMinutes, int? ResolutionMinutes,
    int? WarningPercent, string? EscalateToQueue, bool RaisePriorityOnBreach, string? NotifyOnBreach);
