namespace Platform.Projects.Features;

public sealed record CreateIssueRequest(string? Title, string? Description, IssueSeverity? Severity, string? Owner, DateOnly? DueDate = null);

/// <summary>Changes an issue; absent fields stay, "" clears the owner, <c>clearDueDate</c> removes the due date.</summary>
public sealed record UpdateIssueRequest(
    string? Title, string? Description, IssueSeverity? Severity, string? Owner, DateOnly? DueDate, bool ClearDueDate = false);

/// <summary>Move an issue; <c>note</c> is the resolution when resolving, the reason when reopening.</summary>
public sealed record IssueTransitionRequest(IssueAction? Action, string? Note);

public sealed record TicketRef(Guid Id, string? Key, string Href);

public sealed record IssueResponse(
    Guid Id, string Key, Guid ProjectId, string ProjectKey, string Title, string Description, IssueSeverity Severity,
    IssueStatus Status, string? Owner, TicketRef? SourceTicket, string? Resolution,
    IReadOnlyList<IssueAction> AllowedActions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ResolvedAt,
    DateOnly? DueDate = null, bool Overdue = false)
{
    public static IssueResponse From(ProjectIssue i, DateOnly today) => From(i) with { Overdue = i.IsOverdue(today) };

    public static IssueResponse From(ProjectIssue i) => new(
        i.Id, i.Key, i.ProjectId, i.ProjectKey, i.Title, i.Description, i.Severity, i.Status, i.Owner,
        i.SourceTicketId is { } t ? new TicketRef(t, i.SourceTicketKey, $"/api/tickets/{t}") : null,
        i.Resolution, IssueWorkflow.AllowedActions(i.Status), i.CreatedAt, i.UpdatedAt, i.ResolvedAt, i.DueDate);
}
