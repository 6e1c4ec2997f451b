namespace Platform.Projects.Features;

public sealed record CreateMeetingRequest(string? Title, DateTimeOffset? ScheduledAt, IReadOnlyList<string>? Attendees, IReadOnlyList<string>? Agenda);

public sealed record UpdateMeetingRequest(string? Title, DateTimeOffset? ScheduledAt, IReadOnlyList<string>? Attendees, IReadOnlyList<string>? Agenda, string? Minutes);

public sealed record DecisionRequest(string? Text);

public sealed record ActionItemRequest(string? Title, string? Owner, DateOnly? DueDate, decimal? EstimateHours);

public sealed record DecisionResponse(long Id, string Text, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record MeetingResponse(
    Guid Id, string Key, Guid ProjectId, string ProjectKey, string Title, DateTimeOffset ScheduledAt, IReadOnlyList<string> Attendees,
    IReadOnlyList<string> Agenda, string? Minutes, IReadOnlyList<DecisionResponse> Decisions, IReadOnlyList<TaskResponse> ActionItems,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static MeetingResponse From(Meeting m, IEnumerable<ProjectTask> actionItems, DateOnly today) => new(
        m.Id, m.Key, m.ProjectId, m.ProjectKey, m.Title, m.ScheduledAt, m.Attendees, m.Agenda, m.Minutes,
        m.Decisions.OrderBy(d => d.RecordedAt).ThenBy(d => d.Id).Select(d => new DecisionResponse(d.Id, d.Text, d.RecordedBy, d.RecordedAt)).ToList(),
        actionItems.OrderBy(t => t.Number).Select(t => TaskResponse.From(t, today)).ToList(), m.CreatedBy, m.CreatedAt, m.UpdatedAt);
}

public sealed record ActionItemResponse(string ProjectKey, string MeetingKey, string MeetingTitle, TaskResponse Task);
