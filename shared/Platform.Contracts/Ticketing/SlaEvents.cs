namespace Platform.Contracts.Ticketing;

/// <summary>
/// A ticket's SLA clock ("FirstResponse" or "Resolution") has used its warning share of the target (80 % unless the
/// policy says otherwise) and will breach at <see cref="DueAt"/> if nothing happens. Raised once per ticket and clock.
/// </summary>
public sealed record TicketSlaWarning(
    Guid TicketId,
    string TicketKey,
    string Clock,
    string Priority,
    string? Assignee,
    string? Queue,
    Guid PolicyId,
    int TargetMinutes,
    int WarningPercent,
    DateTimeOffset DueAt,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent, IHasPriority, IHasAssignee;

/// <summary>
/// A ticket's SLA clock ("FirstResponse" or "Resolution") passed its target. Carries the escalation the policy
/// applied: the queue the ticket was handed to, the priority before and after, and who must be told (the team
/// lead, and the assignee). Raised once per ticket and clock.
/// </summary>
public sealed record TicketSlaBreached(
    Guid TicketId,
    string TicketKey,
    string Clock,
    string PreviousPriority,
    string Priority,
    string? Assignee,
    string? PreviousQueue,
    string? Queue,
    Guid PolicyId,
    string PolicyName,
    int TargetMinutes,
    DateTimeOffset DueAt,
    IReadOnlyList<string> Notify,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent, IHasPriority, IHasAssignee;
