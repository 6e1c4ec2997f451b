namespace Platform.Contracts.Ticketing;

/// <summary>A help desk ticket was opened.</summary>
public sealed record TicketCreated(
    Guid TicketId,
    string TicketKey,
    string Title,
    string Requester,
    string Category,
    string Priority,
    DateTimeOffset OccurredAt,
    string? AssetTag = null,
    bool MajorIncident = false) : IIntegrationEvent, ITicketEvent, IHasRequester, IHasPriority, IMayNameAnAsset;

/// <summary>A ticket moved from one workflow status to another (by a person or by the system).</summary>
public sealed record TicketStatusChanged(
    Guid TicketId,
    string TicketKey,
    string From,
    string To,
    string ChangedBy,
    DateTimeOffset OccurredAt,
    string? Requester = null,
    string? Assignee = null,
    string? Priority = null,
    string? AssetTag = null) : IIntegrationEvent, ITicketEvent, IHasRequester, IHasAssignee, IHasPriority;

/// <summary>A ticket was given to an agent (by hand or by its queue's assignment rule): the help desk acknowledged it.</summary>
public sealed record TicketAssigned(
    Guid TicketId,
    string TicketKey,
    string? PreviousAssignee,
    string Assignee,
    string? Queue,
    string Requester,
    string Priority,
    string AssignedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent, IHasRequester, IHasAssignee, IHasPriority;

/// <summary>
/// A comment was added to a ticket. <see cref="Kind"/> is "Public" (the requester sees it), "Internal" (agents only)
/// or "System"; <see cref="ByAgent"/> says whether a help desk agent wrote it (a reply the requester should hear of).
/// </summary>
public sealed record TicketCommented(
    Guid TicketId,
    string TicketKey,
    Guid CommentId,
    string Author,
    string Kind,
    bool ByAgent,
    string Excerpt,
    string Requester,
    string? Assignee,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent, IHasRequester, IHasAssignee;

/// <summary>The asset a ticket is about changed (AssetTag null: unlinked); the assets service keeps incident history by it.</summary>
public sealed record TicketAssetLinked(
    Guid TicketId,
    string TicketKey,
    string? PreviousAssetTag,
    string? AssetTag,
    string Title,
    string Status,
    string Priority,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent, IHasPriority;

/// <summary>
/// An agent declared a ticket a major incident (above P1: many users or a critical service down), or stood it down
/// (<see cref="Declared"/> false). Everyone who must know is told at once, quiet hours or not.
/// </summary>
public sealed record MajorIncidentDeclared(
    Guid TicketId,
    string TicketKey,
    bool Declared,
    string Title,
    string Reason,
    string? Assignee,
    string? Queue,
    string DeclaredBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent, IHasAssignee;

/// <summary>
/// A resolved ticket was reopened (by its requester, an agent, or a repeated alert). When it had been promoted, it
/// goes back to its project (status WithProject) and the projects service reopens <see cref="ProjectIssueId"/>,
/// answering ProjectIssueReopened as usual, or ProjectIssueReopenRefused when the issue cannot be reopened.
/// </summary>
public sealed record TicketReopened(
    Guid TicketId,
    string TicketKey,
    string ReopenedBy,
    string Reason,
    Guid? ProjectId,
    string? ProjectKey,
    Guid? ProjectIssueId,
    string? ProjectIssueKey,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent, IMayNameProject;

/// <summary>An agent handed a ticket over to a project; the projects service turns it into a project issue.</summary>
public sealed record TicketPromotedToProject(
    Guid TicketId,
    string TicketKey,
    Guid ProjectId,
    string ProjectKey,
    string Title,
    string Description,
    string Priority,
    string Requester,
    string PromotedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent, IProjectEvent, IHasRequester, IHasPriority;
