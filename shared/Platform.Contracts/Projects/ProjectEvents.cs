namespace Platform.Contracts.Projects;

/// <summary>A project was created in the portfolio.</summary>
public sealed record ProjectCreated(
    Guid ProjectId,
    string ProjectKey,
    string Name,
    string Manager,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IProjectEvent;

/// <summary>A project issue was opened; <see cref="SourceTicketId"/> is set when it was born from a help desk ticket.</summary>
public sealed record ProjectIssueCreated(
    Guid IssueId,
    string IssueKey,
    Guid ProjectId,
    string ProjectKey,
    string Title,
    string Severity,
    Guid? SourceTicketId,
    string? SourceTicketKey,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IProjectIssueEvent, IHasSeverity, ITicketBorn;

/// <summary>A project issue was resolved.</summary>
public sealed record ProjectIssueResolved(
    Guid IssueId,
    string IssueKey,
    Guid ProjectId,
    string ProjectKey,
    Guid? SourceTicketId,
    string Resolution,
    string ResolvedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IProjectIssueEvent, ITicketBorn;

/// <summary>A resolved project issue was reopened.</summary>
public sealed record ProjectIssueReopened(
    Guid IssueId,
    string IssueKey,
    Guid ProjectId,
    string ProjectKey,
    Guid? SourceTicketId,
    string Reason,
    string ReopenedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IProjectIssueEvent, ITicketBorn;

/// <summary>The projects service could not accept a promoted ticket (for example, the project does not exist).</summary>
public sealed record TicketPromotionRejected(
    Guid TicketId,
    string TicketKey,
    Guid ProjectId,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent, IMayNameProject
{
    Guid? IMayNameProject.ProjectId => ProjectId;
    string? IMayNameProject.ProjectKey => null;
}

/// <summary>
/// A requester (or agent) reopened a ticket whose project issue the projects service cannot reopen (the issue is
/// closed, or gone): the help desk takes the ticket back. Answers <see cref="Ticketing.TicketReopened"/>.
/// </summary>
public sealed record ProjectIssueReopenRefused(
    Guid TicketId,
    string TicketKey,
    Guid? IssueId,
    string? IssueKey,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent, ITicketEvent;

/// <summary>
/// A person joined a project (the assets service opens a kitting request for them). <see cref="KitProfile"/> names the
/// kit profile the project's template asks its members to get (null: none named).
/// </summary>
public sealed record ProjectMemberAdded(
    Guid ProjectId,
    string ProjectKey,
    string UserId,
    string Role,
    DateTimeOffset OccurredAt,
    string? KitProfile = null) : IIntegrationEvent, IProjectEvent, IPersonEvent;

/// <summary>A person left a project.</summary>
public sealed record ProjectMemberRemoved(
    Guid ProjectId,
    string ProjectKey,
    string UserId,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IProjectEvent, IPersonEvent;
