using Platform.Portal.Api.Pmo;

namespace Platform.Portal.Api.Meetings;

// The projects service's meetings as the PSO screens read them (services/projects/Features/Meetings/MeetingContracts.cs).
// Action items are the project's tasks (Pmo.ProjectTask: owner, due date, percent done, overdue).

public sealed record Decision(long Id, string Text, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record Meeting(
    Guid Id, string Key, Guid ProjectId, string ProjectKey, string Title, DateTimeOffset ScheduledAt, IReadOnlyList<string> Attendees,
    IReadOnlyList<string> Agenda, string? Minutes, IReadOnlyList<Decision> Decisions, IReadOnlyList<ProjectTask> ActionItems,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An open action item across projects (GET /api/meetings/action-items).</summary>
public sealed record ActionItem(string ProjectKey, string MeetingKey, string MeetingTitle, ProjectTask Task);

public sealed record MeetingDraft(string? Title, DateTimeOffset? ScheduledAt, IReadOnlyList<string>? Attendees, IReadOnlyList<string>? Agenda);
