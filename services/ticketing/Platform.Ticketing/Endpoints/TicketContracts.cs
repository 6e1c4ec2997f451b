using Platform.Ticketing.Domain;

namespace Platform.Ticketing.Endpoints;

/// <summary>The requester is the signed-in caller; agents may open a ticket on someone else's behalf.</summary>
public sealed record CreateTicketRequest(
    string? Title, string? Description, string? Requester, string? Category, Impact? Impact, Urgency? Urgency);

public sealed record AssignTicketRequest(string? Assignee);

public sealed record TransitionRequest(TicketAction? Action, string? Comment);

/// <summary>The author is the signed-in caller; internal notes are for agents and PMO only.</summary>
public sealed record AddCommentRequest(string? Body, bool Internal = false);

/// <summary>Give the project by key (PRJ-1) or by id.</summary>
public sealed record PromoteTicketRequest(string? ProjectKey, Guid? ProjectId);

public sealed record ProjectLink(Guid ProjectId, string ProjectKey, Guid? IssueId, string? IssueKey, string? Href);

public sealed record CommentResponse(Guid Id, string Author, string Body, CommentKind Kind, DateTimeOffset CreatedAt)
{
    public static CommentResponse From(TicketComment c) => new(c.Id, c.Author, c.Body, c.Kind, c.CreatedAt);

    /// <summary>A ticket's comments in order; internal notes only for those who may read them.</summary>
    public static IReadOnlyList<CommentResponse> List(Ticket t, bool internalNotes) => t.Comments
        .Where(c => internalNotes || c.Kind != CommentKind.Internal)
        .OrderBy(c => c.CreatedAt).Select(From).ToList();
}

public sealed record TicketResponse(
    Guid Id,
    string Key,
    string Title,
    string Description,
    string Requester,
    string Category,
    Impact Impact,
    Urgency Urgency,
    Priority Priority,
    TicketStatus Status,
    string? Assignee,
    ProjectLink? Project,
    IReadOnlyList<TicketAction> AllowedActions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<CommentResponse>? Comments)
{
    public static TicketResponse From(Ticket t, bool withComments = false, bool internalNotes = true) => new(
        t.Id, t.Key, t.Title, t.Description, t.Requester, t.Category, t.Impact, t.Urgency, t.Priority, t.Status,
        t.Assignee,
        t.ProjectId is { } projectId
            ? new ProjectLink(projectId, t.ProjectKey!, t.ProjectIssueId, t.ProjectIssueKey,
                t.ProjectIssueId is { } issueId ? $"/api/projects/{projectId}/issues/{issueId}" : null)
            : null,
        t.Status == TicketStatus.WithProject ? [] : TicketWorkflow.AllowedActions(t.Status),
        t.CreatedAt, t.UpdatedAt, t.ResolvedAt, t.ClosedAt,
        withComments ? CommentResponse.List(t, internalNotes) : null);
}

public sealed record HistoryEntry(DateTimeOffset At, string Actor, string Action, System.Text.Json.JsonElement Changes);
