using Platform.Portal.Api.Meetings;
using Platform.Portal.Api.Pmo;

namespace Platform.Portal.Api;

/// <summary>The PSO's meeting calls (projects service): the projects one sees, meetings, minutes, decisions, action items.</summary>
public sealed partial class PlatformApi
{
    /// <summary>The projects the caller may see (members: theirs; PMO and admins: every one).</summary>
    public Task<ApiResult<Page<ProjectInfo>>> VisibleProjectsAsync(string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<ProjectInfo>>("api/projects?limit=100" + Cursor(cursor), ct);

    public Task<ApiResult<Page<Meeting>>> MeetingsAsync(string project, string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<Meeting>>($"api/projects/{Uri.EscapeDataString(project)}/meetings?limit=50{Cursor(cursor)}", ct);

    public Task<ApiResult<Meeting>> MeetingAsync(string project, string meeting, CancellationToken ct = default) =>
        GetAsync<Meeting>($"api/projects/{Uri.EscapeDataString(project)}/meetings/{Uri.EscapeDataString(meeting)}", ct);

    public Task<ApiResult<Meeting>> CreateMeetingAsync(string project, MeetingDraft draft, CancellationToken ct = default) =>
        PostAsync<Meeting>($"api/projects/{Uri.EscapeDataString(project)}/meetings", draft, ct);

    /// <summary>Saves the minutes (PATCH: the other fields stay).</summary>
    public Task<ApiResult<Meeting>> SaveMinutesAsync(string project, string meeting, string? minutes, CancellationToken ct = default) =>
        PmoSendAsync<Meeting>(HttpMethod.Patch, $"api/projects/{Uri.EscapeDataString(project)}/meetings/{Uri.EscapeDataString(meeting)}",
            new { minutes = minutes ?? "" }, ct);

    public Task<ApiResult<Decision>> DecideAsync(string project, string meeting, string? text, CancellationToken ct = default) =>
        PostAsync<Decision>($"api/projects/{Uri.EscapeDataString(project)}/meetings/{Uri.EscapeDataString(meeting)}/decisions", new { text }, ct);

    public Task<ApiResult<ProjectTask>> AddActionItemAsync(string project, string meeting, string? title, string? owner, DateOnly? dueDate,
        CancellationToken ct = default) =>
        PostAsync<ProjectTask>($"api/projects/{Uri.EscapeDataString(project)}/meetings/{Uri.EscapeDataString(meeting)}/action-items",
            new { title, owner, dueDate }, ct);

    /// <summary>Marks an action item (a task of the project) done: 100 %.</summary>
    public Task<ApiResult<ProjectTask>> CompleteTaskAsync(string project, string task, CancellationToken ct = default) =>
        PmoSendAsync<ProjectTask>(HttpMethod.Patch, $"api/projects/{Uri.EscapeDataString(project)}/tasks/{Uri.EscapeDataString(task)}",
            new { percentDone = 100 }, ct);

    /// <summary>Open action items across the projects the caller sees; <paramref name="owner"/>: only theirs; overdue only.</summary>
    public Task<ApiResult<Page<ActionItem>>> ActionItemsAsync(string? owner, bool overdueOnly, string? cursor, CancellationToken ct = default)
    {
        var url = "api/meetings/action-items?limit=100" + Cursor(cursor);
        if (!string.IsNullOrEmpty(owner)) url += $"&owner={Uri.EscapeDataString(owner)}";
        if (overdueOnly) url += "&overdue=true";
        return GetAsync<Page<ActionItem>>(url, ct);
    }
}
