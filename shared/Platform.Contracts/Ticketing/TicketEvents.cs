namespace Platform.Contracts.Ticketing;

/// <summary>A help desk ticket was opened.</summary>
public sealed record TicketCreated(
    Guid TicketId,
    string TicketKey,
    string Title,
    string Requester,
    string Category,
    string Priority,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A ticket moved from one workflow status to another (by a person or by the system).</summary>
public sealed record TicketStatusChanged(
    Guid TicketId,
    string TicketKey,
    string From,
    string To,
    string ChangedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

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
    DateTimeOffset OccurredAt) : IIntegrationEvent;
