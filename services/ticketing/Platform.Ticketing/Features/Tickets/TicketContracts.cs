namespace Platform.Ticketing.Features.Tickets;

/// <summary>The requester is the signed-in caller; agents may open a ticket on someone else's behalf.</summary>
public sealed record CreateTicketRequest(
    string? Title, string? Description, string? Requester, string? Category, Impact? Impact, Urgency? Urgency, string? AssetTag = null);

public sealed record RateTicketRequest(int? Rating, string? Comment);

public sealed record LinkAssetRequest(string? AssetTag);

public sealed record Satisfaction(int Rating, string? Comment, DateTimeOffset RatedAt);

public sealed record AssignTicketRequest(string? Assignee);

public sealed record ChangePriorityRequest(Impact? Impact, Urgency? Urgency);

public sealed record MajorIncidentRequest(string? Reason);

public sealed record MajorIncidentView(string Reason, string DeclaredBy, DateTimeOffset DeclaredAt);

public sealed record TransitionRequest(TicketAction? Action, string? Comment);

/// <summary>The author is the signed-in caller; internal notes are for agents and PMO only.</summary>
public sealed record AddCommentRequest(string? Body, bool Internal = false);

/// <summary>Give the project by key (PRJ-1) or by id.</summary>
public sealed record PromoteTicketRequest(string? ProjectKey, Guid? ProjectId);

public sealed record ProjectLink(Guid ProjectId, string ProjectKey, Guid? IssueId, string? IssueKey, string? Href);

/// <param name="Code">A system comment's kind (null for people's comments and system comments written before codes):
/// with <paramref name="Args"/> a client words it in its reader's language; <paramref name="Body"/> is the English.</param>
/// <param name="Args">The system comment's named values (keys, user ids, priorities, ISO 8601 timestamps).</param>
public sealed record CommentResponse(Guid Id, string Author, string Body, CommentKind Kind, DateTimeOffset CreatedAt,
    string? Code = null, IReadOnlyDictionary<string, string>? Args = null)
{
    public static CommentResponse From(TicketComment c) => new(c.Id, c.Author, c.Body, c.Kind, c.CreatedAt, c.Code, c.Args);

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
    IReadOnlyList<CommentResponse>? Comments,
    string? Queue = null,
    SlaView? Sla = null,
    string? AssetTag = null,
    Satisfaction? Satisfaction = null,
    MajorIncidentView? MajorIncident = null,
    AssetSummary? Asset = null,
    AlertView? Alert = null)
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
        withComments ? CommentResponse.List(t, internalNotes) : null,
        t.Queue, null, t.AssetTag,
        t.SatisfactionRating is { } rating ? new Satisfaction(rating, t.SatisfactionComment, t.RatedAt!.Value) : null,
        t.MajorIncident ? new MajorIncidentView(t.MajorIncidentReason!, t.MajorIncidentDeclaredBy!, t.MajorIncidentDeclaredAt!.Value) : null);
}

/// <summary>
/// One SLA clock as a person reads it: business minutes allowed, used and left, when it falls due, the share of the
/// target used at which it warns, and whether it is counting now (running, within the calendar's business hours).
/// <c>CountingChangesAt</c>: for a running clock, when it next starts counting (the desk opens) or stops (it closes),
/// within a week; null when neither happens by then (a desk open round the clock) or the clock is stopped. A screen
/// counting down reads the clock again then.
/// </summary>
public sealed record SlaClockView(
    int TargetMinutes, int ElapsedMinutes, int RemainingMinutes, DateTimeOffset? DueAt, DateTimeOffset? StoppedAt, SlaState State,
    int WarningPercent, bool Counting, DateTimeOffset? CountingChangesAt);

public sealed record SlaView(Guid PolicyId, Guid CalendarId, bool Paused, SlaClockView FirstResponse, SlaClockView Resolution);

/// <summary>Reads tickets' SLA clocks against their calendars at one instant.</summary>
public sealed class SlaReader(IReadOnlyDictionary<Guid, BusinessCalendar> calendars, DateTimeOffset now)
{
    public static async Task<SlaReader> LoadAsync(TicketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var reference = await db.Reference.GetAsync(db, ct);
        return new SlaReader(reference.Calendars, clock.GetUtcNow());
    }

    public SlaView? For(Ticket t)
    {
        if (t.SlaPolicyId is not { } policy || t.SlaCalendarId is not { } calendarId) return null;
        var calendar = calendars.TryGetValue(calendarId, out var c) ? c : BusinessCalendar.AlwaysOpen();
        return new SlaView(policy, calendarId, !Ticket.ClocksRun(t.Status) && !t.Resolution.IsStopped,
            View(t.FirstResponse, calendar), View(t.Resolution, calendar));
    }

    /// <summary>How far ahead a clock's next start or stop of counting is told (a week: a desk's longest usual break).</summary>
    private static readonly TimeSpan CountingChangeHorizon = TimeSpan.FromDays(8);

    private SlaClockView View(SlaClock clock, BusinessCalendar calendar)
    {
        var elapsed = clock.ElapsedAt(now, calendar);
        var target = (int)clock.Target.TotalMinutes;
        var used = (int)Math.Floor(elapsed.TotalMinutes);
        return new SlaClockView(target, used, target - used, clock.IsRunning ? clock.DueAt : null, clock.StoppedAt,
            clock.StateAt(now, calendar), clock.WarningPercent, clock.IsRunning && calendar.IsWorkingTime(now),
            clock.IsRunning ? calendar.NextChange(now, CountingChangeHorizon) : null);
    }
}

public static class TicketResponses
{
    /// <summary>The ticket as answered to a caller, SLA clocks read now.</summary>
    public static async Task<TicketResponse> RespondAsync(this TicketingDbContext db, Ticket t, TimeProvider clock,
        CancellationToken ct, bool withComments = false, bool internalNotes = true) =>
        TicketResponse.From(t, withComments, internalNotes) with
        {
            Sla = (await SlaReader.LoadAsync(db, clock, ct)).For(t),
            Asset = await AssetSummary.ForAsync(db, t, internalNotes, ct),
        };
}

/// <summary>
/// The monitoring alert a ticket stands for (tickets opened by /hooks/{source}): how many deliveries it counted (the
/// first one included; repeats without news are counted here rather than commented), the alert's last status and when
/// it was first and last seen. Null for other tickets.
/// </summary>
public sealed record AlertView(string Source, string AlertId, int Deliveries, string LastStatus, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt)
{
    public static async Task<AlertView?> ForAsync(TicketingDbContext db, Guid ticketId, CancellationToken ct) =>
        await db.Set<Hooks.InboundAlert>().AsNoTracking().Where(a => a.TicketId == ticketId)
            .Select(a => new AlertView(a.Source, a.AlertId, a.Deliveries, a.LastStatus, a.FirstSeenAt, a.LastSeenAt))
            .FirstOrDefaultAsync(ct);
}

/// <summary>
/// The asset a ticket names, as ticketing last heard of it from the assets service: what it is, where it stands in its
/// lifecycle and (for agents) who holds it and how many other open tickets name it. <see cref="Known"/> false: the
/// assets service has not announced this tag (a typo, or an asset outside the inventory).
/// </summary>
public sealed record AssetSummary(
    string Tag, bool Known, string? Kind, string? Model, string? Status, string? AssignedTo, string? ProjectKey,
    int? OtherOpenTickets, DateTimeOffset? AsOf, string Href)
{
    public static async Task<AssetSummary?> ForAsync(TicketingDbContext db, Ticket t, bool agentView, CancellationToken ct)
    {
        if (t.AssetTag is not { } tag) return null;
        var asset = await db.KnownAssets.AsNoTracking().FirstOrDefaultAsync(a => a.Tag == tag, ct);
        int? others = agentView
            ? await db.Tickets.CountAsync(o => o.AssetTag == tag && o.Id != t.Id
                && o.Status != TicketStatus.Resolved && o.Status != TicketStatus.Closed, ct)
            : null;
        return new AssetSummary(tag, asset is not null, asset?.Kind, asset?.Model, asset?.Status,
            agentView ? asset?.AssignedTo : null, agentView ? asset?.ProjectKey : null, others, asset?.UpdatedAt, $"/api/assets/{tag}");
    }
}

public sealed record HistoryEntry(DateTimeOffset At, string Actor, string Action, System.Text.Json.JsonElement Changes);
