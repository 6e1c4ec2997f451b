namespace Platform.Projects.Features;

public sealed record CreateDeliverableRequest(string? Name, string? Description, IReadOnlyList<string>? AcceptanceCriteria, string? Owner, DateOnly? DueDate);

public sealed record UpdateDeliverableRequest(string? Name, string? Description, IReadOnlyList<string>? AcceptanceCriteria, string? Owner, DateOnly? DueDate);

/// <summary>Submit, Accept, Reject (reason required), Reopen.</summary>
public sealed record DeliverableTransitionRequest(DeliverableAction? Action, string? Reason);

public sealed record DeliverableReviewResponse(string Action, string? Reason, string By, DateTimeOffset At);

public sealed record DeliverableResponse(
    Guid Id, string Key, Guid ProjectId, string Name, string Description, IReadOnlyList<string> AcceptanceCriteria, string? Owner,
    DateOnly? DueDate, DeliverableStatus Status, string? RejectionReason, IReadOnlyList<DeliverableAction> AllowedActions,
    IReadOnlyList<DeliverableReviewResponse> Reviews, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DeliverableResponse From(Deliverable d) => new(
        d.Id, d.Key, d.ProjectId, d.Name, d.Description, d.AcceptanceCriteria, d.Owner, d.DueDate, d.Status, d.RejectionReason,
        DeliverableWorkflow.AllowedActions(d.Status),
        d.Reviews.OrderBy(r => r.At).ThenBy(r => r.Id).Select(r => new DeliverableReviewResponse(r.Action, r.Reason, r.By, r.At)).ToList(),
        d.CreatedAt, d.UpdatedAt);
}
