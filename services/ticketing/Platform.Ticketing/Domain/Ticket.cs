using Platform.Contracts.Ticketing;
using Platform.Messaging.Outbox;

namespace Platform.Ticketing.Domain;

public enum CommentKind { Public, Internal, System }

public sealed class TicketComment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TicketId { get; init; }
    public required string Author { get; init; }
    public required string Body { get; init; }
    public CommentKind Kind { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>A system comment's kind (<see cref="SystemText"/>): clients word it in their reader's language from
    /// this and <see cref="Args"/>; <see cref="Body"/> keeps the English. Null for people's comments and older ones.</summary>
    public string? Code { get; init; }

    /// <summary>The named values of a system comment (keys, people's ids, priorities, timestamps in ISO 8601).</summary>
    public IReadOnlyDictionary<string, string>? Args { get; init; }
}

/// <summary>
/// What a system comment says: a stable code with named values for a client to word in its reader's language, and
/// the English sentence kept as the comment's body (for integrators and for clients that do not know the code).
/// </summary>
public sealed record SystemText(string Code, string English, IReadOnlyDictionary<string, string> Args)
{
    public static SystemText Of(string code, string english, params (string Name, string? Value)[] args) =>
        new(code, english, args.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value!, StringComparer.Ordinal));
}

/// <summary>A help desk ticket. Every state change goes through a method here, which raises its event.</summary>
public sealed class Ticket : AggregateRoot
{
    public const string KeyPrefix = "HD-";
    public const string System = "system";

    private readonly List<TicketComment> _comments = [];

    private Ticket() { }

    public Guid Id { get; private init; }

    /// <summary>Sequence number, the human key is HD-{Number}.</summary>
    public long Number { get; private set; }

    public string Key => KeyPrefix + Number;

    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Requester { get; private set; } = "";
    public string Category { get; private set; } = "";
    public Impact Impact { get; private set; }
    public Urgency Urgency { get; private set; }
    public Priority Priority { get; private set; }
    public TicketStatus Status { get; private set; }
    public string? Assignee { get; private set; }

    /// <summary>The queue (group) that holds the ticket, by key (service-desk-l1, network…).</summary>
    public string? Queue { get; private set; }

    public Guid? ProjectId { get; private set; }
    public string? ProjectKey { get; private set; }
    public Guid? ProjectIssueId { get; private set; }
    public string? ProjectIssueKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>The SLA policy the ticket was opened under (null: none applied), and the calendar its clocks count on.</summary>
    public Guid? SlaPolicyId { get; private set; }
    public Guid? SlaCalendarId { get; private set; }

    /// <summary>The first public reply by an agent (or the resolution, if that came first).</summary>
    public DateTimeOffset? FirstRespondedAt { get; private set; }

    /// <summary>The asset the ticket is about, by tag (AST-00031); a reference kept until the assets service answers for it.</summary>
    public string? AssetTag { get; private set; }

    /// <summary>The requester's rating of the resolution, 1 to 5.</summary>
    public int? SatisfactionRating { get; private set; }
    public string? SatisfactionComment { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }

    /// <summary>Declared a major incident (above P1), why, by whom and when; null reason while none is declared.</summary>
    public bool MajorIncident { get; private set; }
    public string? MajorIncidentReason { get; private set; }
    public string? MajorIncidentDeclaredBy { get; private set; }
    public DateTimeOffset? MajorIncidentDeclaredAt { get; private set; }

    public SlaClock FirstResponse { get; private set; } = new();
    public SlaClock Resolution { get; private set; } = new();

    public IReadOnlyList<TicketComment> Comments => _comments;

    /// <param name="matrix">How impact and urgency make the priority (the ITIL default when null).</param>
    public static Ticket Open(
        long number, string title, string description, string requester, string category,
        Impact impact, Urgency urgency, DateTimeOffset now, PriorityMatrix? matrix = null, string? assetTag = null)
    {
        var ticket = new Ticket
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            Title = title,
            Description = description,
            Requester = requester,
            Category = category,
            Impact = impact,
            Urgency = urgency,
            Priority = (matrix ?? PriorityMatrix.Default).For(impact, urgency),
            AssetTag = NormalTag(assetTag),
            Status = TicketStatus.New,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ticket.Raise(new TicketCreated(ticket.Id, ticket.Key, title, requester, category, ticket.Priority.ToString(), now, ticket.AssetTag));
        return ticket;
    }

    public void Assign(string assignee, string by, DateTimeOffset now)
    {
        if (!TicketWorkflow.CanAssign(Status))
            throw new DomainException("invalid-transition", $"A {Status} ticket cannot be assigned.");
        var previous = Assignee;
        Assignee = assignee;
        if (Status == TicketStatus.New) MoveTo(TicketStatus.Assigned, by, now);
        else UpdatedAt = now;
        if (previous != assignee)
            Raise(new TicketAssigned(Id, Key, previous, assignee, Queue, Requester, Priority.ToString(), by, now));
    }

    /// <summary>
    /// The assignee can no longer hold the ticket (they left, or stopped working tickets): it goes back to its queue
    /// unassigned, with a system comment saying why. Assigned and In progress go back to New; Pending and WithProject
    /// stay as they are. The SLA clocks are not touched: New, Assigned and In progress all run them, Pending and
    /// WithProject keep them paused, so no clock restarts or pauses. False (and nothing changed) when the ticket is
    /// not open or not assigned.
    /// </summary>
    public bool ReturnToQueue(SystemText reason, DateTimeOffset now)
    {
        if (Assignee is null || Status is TicketStatus.Resolved or TicketStatus.Closed) return false;
        Assignee = null;
        if (Status is TicketStatus.Assigned or TicketStatus.InProgress) MoveTo(TicketStatus.New, System, now);
        AddSystemComment(reason, now);
        return true;
    }

    /// <summary>
    /// Declares the ticket a major incident: above P1, so it becomes P1 if it was not, and everyone who must know is
    /// told at once. Only while the help desk (or a project) still works it.
    /// </summary>
    public void DeclareMajorIncident(string reason, string by, DateTimeOffset now)
    {
        if (Status is TicketStatus.Resolved or TicketStatus.Closed)
            throw new DomainException("invalid-transition", $"A {Status} ticket cannot be declared a major incident; reopen it first.");
        if (MajorIncident) throw new DomainException("already-major-incident", $"{Key} is already a major incident (declared by {MajorIncidentDeclaredBy}).");
        MajorIncident = true;
        MajorIncidentReason = reason;
        MajorIncidentDeclaredBy = by;
        MajorIncidentDeclaredAt = now;
        var before = Priority;
        var raised = Priority != Priority.P1 ? $" Priority {Priority} → P1." : "";
        Priority = Priority.P1;
        UpdatedAt = now;
        AddSystemComment(SystemText.Of("major-incident-declared", $"Declared a major incident by {by}: {reason}.{raised}",
            ("by", by), ("reason", reason), ("priorityBefore", before != Priority.P1 ? before.ToString() : null)), now);
        Raise(new MajorIncidentDeclared(Id, Key, true, Title, reason, Assignee, Queue, by, now));
    }

    /// <summary>Stands a major incident down (the priority stays where it is).</summary>
    public void StandDownMajorIncident(string reason, string by, DateTimeOffset now)
    {
        if (!MajorIncident) throw new DomainException("not-major-incident", $"{Key} is not a major incident.");
        MajorIncident = false;
        MajorIncidentReason = null;
        MajorIncidentDeclaredBy = null;
        MajorIncidentDeclaredAt = null;
        UpdatedAt = now;
        AddSystemComment(SystemText.Of("major-incident-stood-down", $"Major incident stood down by {by}: {reason}.", ("by", by), ("reason", reason)), now);
        Raise(new MajorIncidentDeclared(Id, Key, false, Title, reason, Assignee, Queue, by, now));
    }

    /// <summary>
    /// An agent re-assesses impact and urgency: the priority follows the matrix (a major incident stays P1), with a
    /// system comment saying what changed. The SLA clocks keep the policy chosen when the ticket was opened.
    /// </summary>
    public void ChangePriority(Impact impact, Urgency urgency, PriorityMatrix matrix, string by, DateTimeOffset now)
    {
        if (Status is TicketStatus.Resolved or TicketStatus.Closed)
            throw new DomainException("invalid-transition", $"A {Status} ticket's priority cannot be changed; reopen it first.");
        if (impact == Impact && urgency == Urgency) return;
        var before = Priority;
        Impact = impact;
        Urgency = urgency;
        Priority = MajorIncident ? Priority.P1 : matrix.For(impact, urgency);
        UpdatedAt = now;
        AddSystemComment(SystemText.Of("priority-changed", $"Impact {impact}, urgency {urgency}: priority {before} → {Priority} (by {by}).",
            ("impact", impact.ToString()), ("urgency", urgency.ToString()), ("priorityBefore", before.ToString()),
            ("priority", Priority.ToString()), ("by", by)), now);
    }

    /// <summary>Hands the ticket to a queue, and to one of its agents when the queue's rule picked one.</summary>
    public void Route(string queue, string? assignee, string by, DateTimeOffset now)
    {
        if (!TicketWorkflow.CanAssign(Status))
            throw new DomainException("invalid-transition", $"A {Status} ticket cannot be routed to a queue.");
        Queue = queue;
        UpdatedAt = now;
        if (assignee is not null) Assign(assignee, by, now);
    }

    public void LinkAsset(string? assetTag, DateTimeOffset now)
    {
        var previous = AssetTag;
        AssetTag = NormalTag(assetTag);
        UpdatedAt = now;
        if (previous != AssetTag)
            Raise(new TicketAssetLinked(Id, Key, previous, AssetTag, Title, Status.ToString(), Priority.ToString(), now));
    }

    private static string? NormalTag(string? tag) => string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToUpperInvariant();

    public const int LowestRating = 1;
    public const int HighestRating = 5;
    public const string OnlyTheRequesterRates = "Only the requester rates the resolution.";

    /// <summary>A satisfaction rating is <see cref="LowestRating"/> to <see cref="HighestRating"/>.</summary>
    public static bool IsRating(int? rating) => rating is >= LowestRating and <= HighestRating;

    /// <summary>Only the requester rates the resolution.</summary>
    public bool MayBeRatedBy(string who) => who == Requester;

    /// <summary>The requester rates the resolution (once, on a resolved or closed ticket).</summary>
    public void Rate(string by, int rating, string? comment, DateTimeOffset now)
    {
        if (!MayBeRatedBy(by)) throw new DomainException("not-requester", OnlyTheRequesterRates);
        if (Status is not (TicketStatus.Resolved or TicketStatus.Closed))
            throw new DomainException("not-resolved", $"{Key} is {Status}; rate it once it is resolved.");
        if (SatisfactionRating is not null) throw new DomainException("already-rated", $"{Key} was already rated.");
        if (!IsRating(rating)) throw new ArgumentOutOfRangeException(nameof(rating), $"A rating is {LowestRating} to {HighestRating}.");
        SatisfactionRating = rating;
        SatisfactionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RatedAt = now;
        UpdatedAt = now;
    }

    /// <param name="reopenWindow">How long after its resolution a ticket may be reopened (null: no limit).</param>
    /// <param name="comment">A public comment that goes with the action (written before the move, see the overload below).</param>
    public void Apply(TicketAction action, string by, DateTimeOffset now, TimeSpan? reopenWindow, string? comment = null, bool byAgent = false)
    {
        if (action == TicketAction.Reopen && Status == TicketStatus.Resolved && reopenWindow is { } window && ResolvedAt + window < now)
            throw new DomainException("reopen-window-passed",
                $"{Key} was resolved more than {window.TotalDays:0} days ago; open a new ticket instead.");
        Apply(action, by, now, comment, byAgent);
    }

    /// <param name="comment">
    /// A public comment that goes with the action. It is written before the move, once the move is known to be
    /// allowed, so that every allowed action takes one: closing with a last word included (a closed ticket refuses
    /// comments).
    /// </param>
    /// <param name="byAgent">The author works the help desk (see <see cref="AddComment"/>).</param>
    public void Apply(TicketAction action, string by, DateTimeOffset now, string? comment = null, bool byAgent = false)
    {
        if (Status == TicketStatus.WithProject)
            throw new DomainException("with-project",
                $"{Key} is with project {ProjectKey}{(ProjectIssueKey is null ? "" : $" as {ProjectIssueKey}")}; it follows that issue and cannot be moved by hand.");
        var next = TicketWorkflow.Next(Status, action);
        if (action == TicketAction.Start && Assignee is null)
            throw new DomainException("not-assigned", "Assign the ticket before starting work on it.");
        if (comment is not null) AddComment(by, comment, CommentKind.Public, now, byAgent);
        if (action == TicketAction.Reopen) Reopen(by, comment ?? "Reopened.", now);
        else MoveTo(next, by, now);
    }

    /// <summary>
    /// Reopens a resolved ticket. One that went to a project goes back to it (WithProject), not to the help desk, so
    /// that ticket and issue never split: TicketReopened asks projects to reopen the issue, whose status flows back as
    /// usual (an issue that is already open again leaves both open; one that cannot be reopened answers
    /// ProjectIssueReopenRefused, see <see cref="ReopenRefusedByProject"/>). Any other ticket returns to its agent, or
    /// to New when nobody is assigned.
    /// </summary>
    private void Reopen(string by, string reason, DateTimeOffset now)
    {
        var withProject = ProjectIssueId is not null;
        MoveTo(withProject ? TicketStatus.WithProject : Assignee is null ? TicketStatus.New : TicketStatus.Assigned, by, now);
        Raise(new TicketReopened(Id, Key, by, reason, ProjectId, ProjectKey, ProjectIssueId, ProjectIssueKey, now));
        if (withProject)
            AddSystemComment(SystemText.Of("reopened-to-project",
                $"Reopened by {by}: it goes back to project {ProjectKey}, which is asked to reopen {ProjectIssueKey}.",
                ("by", by), ("project", ProjectKey), ("issue", ProjectIssueKey)), now);
    }

    /// <summary>Projects could not reopen the issue (closed, or gone): the help desk takes the reopened ticket back.</summary>
    public void ReopenRefusedByProject(string? issueKey, string reason, DateTimeOffset now)
    {
        if (Status != TicketStatus.WithProject || ProjectIssueKey is null || (issueKey is not null && issueKey != ProjectIssueKey)) return;
        MoveTo(Assignee is null ? TicketStatus.New : TicketStatus.Assigned, System, now);
        AddSystemComment(SystemText.Of("project-reopen-refused",
            $"Project {ProjectKey} did not reopen {ProjectIssueKey}: {reason}. The help desk takes the ticket back.",
            ("project", ProjectKey), ("issue", ProjectIssueKey), ("reason", reason)), now);
    }

    /// <param name="byAgent">The author works the help desk: a public reply of theirs is the first response.</param>
    public TicketComment AddComment(string author, string body, CommentKind kind, DateTimeOffset now, bool byAgent = false) =>
        AddComment(author, body, kind, now, byAgent, null);

    /// <summary>A system comment: its English as the body, its code and values for clients to word it.</summary>
    private void AddSystemComment(SystemText text, DateTimeOffset now) =>
        AddComment(System, text.English, CommentKind.System, now, false, text);

    private TicketComment AddComment(string author, string body, CommentKind kind, DateTimeOffset now, bool byAgent, SystemText? text)
    {
        if (Status == TicketStatus.Closed && kind != CommentKind.System)
            throw new DomainException("ticket-closed", $"{Key} is closed; open a new ticket instead.");
        var comment = new TicketComment
        {
            TicketId = Id, Author = author, Body = body, Kind = kind, CreatedAt = now,
            Code = text?.Code, Args = text?.Args,
        };
        _comments.Add(comment);
        UpdatedAt = now;
        if (byAgent && kind == CommentKind.Public) FirstRespondedAt ??= now;
        Raise(new TicketCommented(Id, Key, comment.Id, author, kind.ToString(), byAgent,
            body.Length <= 280 ? body : body[..279] + "…", Requester, Assignee, now));
        return comment;
    }

    /// <summary>Puts the ticket under an SLA policy; its clocks start at the next <see cref="SyncSla"/>.</summary>
    public void ApplySla(SlaPolicy policy)
    {
        SlaPolicyId = policy.Id;
        SlaCalendarId = policy.CalendarId;
        FirstResponse.Configure(TimeSpan.FromMinutes(policy.FirstResponseMinutes), policy.WarningPercent);
        Resolution.Configure(TimeSpan.FromMinutes(policy.ResolutionMinutes), policy.WarningPercent);
    }

    /// <summary>Statuses in which the help desk has the ball: the SLA clocks run. Pending and WithProject pause them.</summary>
    public static bool ClocksRun(TicketStatus status) =>
        status is TicketStatus.New or TicketStatus.Assigned or TicketStatus.InProgress;

    /// <summary>
    /// Brings the SLA clocks in line with the ticket: run while the help desk has the ball, pause while Pending or
    /// with a project, stop the first-response clock at the first public agent reply (or the resolution), stop the
    /// resolution clock on resolve and restart it on reopen. Idempotent; run before every save (Data/SlaClockInterceptor.cs does).
    /// </summary>
    public void SyncSla(BusinessCalendar calendar, DateTimeOffset now)
    {
        if (SlaPolicyId is null) return;
        var resolved = Status is TicketStatus.Resolved or TicketStatus.Closed;
        var run = ClocksRun(Status);

        if (!FirstResponse.IsStopped)
        {
            if (FirstRespondedAt is { } answered) FirstResponse.Stop(answered, calendar);
            else if (resolved) FirstResponse.Stop(ResolvedAt ?? now, calendar);
            else if (run) FirstResponse.Run(now, calendar);
            else FirstResponse.Pause(now, calendar);
        }

        if (resolved)
        {
            Resolution.Stop(ResolvedAt ?? now, calendar);
        }
        else
        {
            if (Resolution.IsStopped) Resolution.Restart();
            if (run) Resolution.Run(now, calendar);
            else Resolution.Pause(now, calendar);
        }
    }

    /// <summary>Hands the ticket to a project; the projects service answers with the issue it opened.</summary>
    public void PromoteTo(Guid projectId, string projectKey, string by, DateTimeOffset now)
    {
        if (ProjectId is not null)
            throw new DomainException("already-promoted", $"{Key} was already promoted to {ProjectKey}.");
        if (!TicketWorkflow.CanPromote(Status))
            throw new DomainException("invalid-transition", $"A {Status} ticket cannot be promoted to a project.");
        ProjectId = projectId;
        ProjectKey = projectKey;
        Raise(new TicketPromotedToProject(Id, Key, projectId, projectKey, Title, Description, Priority.ToString(),
            Requester, by, now));
        MoveTo(TicketStatus.WithProject, by, now);
        AddSystemComment(SystemText.Of("promoted", $"Promoted to project {projectKey} by {by}.", ("project", projectKey), ("by", by)), now);
    }

    public void LinkProjectIssue(Guid projectId, string projectKey, Guid issueId, string issueKey, DateTimeOffset now)
    {
        if (ProjectIssueId == issueId) return;
        ProjectId = projectId;
        ProjectKey = projectKey;
        ProjectIssueId = issueId;
        ProjectIssueKey = issueKey;
        AddSystemComment(SystemText.Of("issue-opened", $"Project {projectKey} opened issue {issueKey} for this ticket.",
            ("project", projectKey), ("issue", issueKey)), now);
    }

    public void ResolveFromProject(string issueKey, string resolution, DateTimeOffset now)
    {
        var text = $"Project issue {issueKey} was resolved: \"{resolution}\".";
        var code = "issue-resolved";
        if (Status == TicketStatus.WithProject)
        {
            MoveTo(TicketStatus.Resolved, System, now);
            text += " The ticket is resolved with it.";
            code = "issue-resolved-ticket-resolved";
        }

        AddSystemComment(SystemText.Of(code, text, ("issue", issueKey), ("resolution", resolution)), now);
    }

    public void ReopenFromProject(string issueKey, string reason, DateTimeOffset now)
    {
        var text = $"Project issue {issueKey} was reopened: \"{reason}\".";
        var code = "issue-reopened";
        if (Status == TicketStatus.Resolved && ProjectIssueKey == issueKey)
        {
            MoveTo(TicketStatus.WithProject, System, now);
            text += " The ticket is reopened and stays with the project.";
            code = "issue-reopened-ticket-reopened";
        }
        else if (Status == TicketStatus.Closed)
        {
            text += " The ticket is already closed and stays closed.";
            code = "issue-reopened-ticket-closed";
        }

        AddSystemComment(SystemText.Of(code, text, ("issue", issueKey), ("reason", reason)), now);
    }

    public void RejectPromotion(string reason, DateTimeOffset now)
    {
        if (Status != TicketStatus.WithProject || ProjectIssueId is not null) return;
        var project = ProjectKey;
        ProjectId = null;
        ProjectKey = null;
        MoveTo(Assignee is null ? TicketStatus.New : TicketStatus.Assigned, System, now);
        AddSystemComment(SystemText.Of("promotion-rejected", $"Project {project} did not accept this ticket: {reason}",
            ("project", project), ("reason", reason)), now);
    }

    /// <summary>A monitoring tool reports the alert behind this ticket again: note it, and reopen a resolved ticket.</summary>
    public void AlertRepeated(string source, string text, DateTimeOffset now)
    {
        if (Status == TicketStatus.Closed)
            throw new DomainException("ticket-closed", $"{Key} is closed; a repeated alert opens a new ticket.");
        if (Status == TicketStatus.Resolved)
        {
            Reopen(source, $"{source} reports the alert again.", now);
            AddSystemComment(SystemText.Of("alert-repeated-reopened", $"{source} reports the alert again; the ticket is reopened. {text}".TrimEnd(),
                ("source", source), ("text", text.Length > 0 ? text : null)), now);
            return;
        }

        AddSystemComment(SystemText.Of("alert-repeated", $"{source} reports the alert again. {text}".TrimEnd(),
            ("source", source), ("text", text.Length > 0 ? text : null)), now);
    }

    /// <summary>A monitoring tool reports the alert behind this ticket resolved: the ticket is resolved with it.</summary>
    public void AlertResolved(string source, DateTimeOffset now)
    {
        if (Status is TicketStatus.New or TicketStatus.Assigned or TicketStatus.InProgress or TicketStatus.Pending)
        {
            MoveTo(TicketStatus.Resolved, source, now);
            AddSystemComment(SystemText.Of("alert-resolved", $"{source} reports the alert resolved; the ticket is resolved with it.",
                ("source", source)), now);
        }
        else if (Status != TicketStatus.Closed)
        {
            AddSystemComment(SystemText.Of("alert-resolved-ignored", $"{source} reports the alert resolved (the ticket is {Status}).",
                ("source", source), ("status", Status.ToString())), now);
        }
    }

    public SlaClock Clock(SlaClockKind kind) => kind == SlaClockKind.FirstResponse ? FirstResponse : Resolution;

    /// <summary>Announces that a running clock used its warning share (the breach checker calls this once).</summary>
    public void WarnSla(SlaClockKind kind, DateTimeOffset now)
    {
        var clock = Clock(kind);
        Raise(new TicketSlaWarning(Id, Key, kind.ToString(), Priority.ToString(), Assignee, Queue, SlaPolicyId ?? Guid.Empty,
            (int)clock.Target.TotalMinutes, clock.WarningPercent, clock.DueAt ?? now, now));
    }

    /// <summary>
    /// A clock breached: escalate as the policy says (hand to the second-line queue, raise the priority one step),
    /// leave a system comment, and announce who must be told (the checker calls this once per ticket and clock).
    /// </summary>
    /// <remarks>
    /// The escalation ladder: a breach raises the priority at most one step above the priority of the policy the
    /// ticket is under, and never above P1. A P4 ticket under a raising policy becomes P3 at its first breach
    /// (first response or resolution, whichever comes first) and stays P3 at the second: the other clock's breach
    /// still hands the ticket on and tells everyone, but does not climb again. A ticket already above its policy's
    /// priority (raised by an earlier breach, or declared a major incident) keeps its priority.
    /// </remarks>
    public void BreachSla(SlaClockKind kind, SlaPolicy? policy, DateTimeOffset now, string? teamLead = null)
    {
        var clock = Clock(kind);
        var previousPriority = Priority;
        var previousQueue = Queue;
        var steps = new List<string>();
        if (policy?.RaisePriorityOnBreach == true && Priority > Priority.P1 && Priority >= policy.Priority)
        {
            Priority -= 1;
            steps.Add($"priority {previousPriority} → {Priority}");
        }

        if (policy?.EscalateToQueue is { } queue && !string.Equals(Queue, queue, StringComparison.OrdinalIgnoreCase))
        {
            Queue = queue;
            steps.Add($"handed to {queue}");
        }

        var notify = new[] { policy?.NotifyOnBreach, teamLead, Assignee }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var what = kind == SlaClockKind.FirstResponse ? "first-response" : "resolution";
        AddSystemComment(SystemText.Of("sla-breached", $"SLA {what} target breached (due {clock.DueAt:yyyy-MM-dd HH:mm} UTC)."
                + (steps.Count > 0 ? $" Escalated: {string.Join(", ", steps)}." : "")
                + (notify.Count > 0 ? $" Notified: {string.Join(", ", notify)}." : ""),
            ("clock", kind.ToString()), ("dueAt", clock.DueAt?.ToString("O", global::System.Globalization.CultureInfo.InvariantCulture)),
            ("priorityBefore", Priority != previousPriority ? previousPriority.ToString() : null),
            ("priority", Priority != previousPriority ? Priority.ToString() : null),
            ("queue", Queue != previousQueue ? Queue : null),
            ("notified", notify.Count > 0 ? string.Join(",", notify) : null)), now);
        Raise(new TicketSlaBreached(Id, Key, kind.ToString(), previousPriority.ToString(), Priority.ToString(), Assignee,
            previousQueue, Queue, policy?.Id ?? SlaPolicyId ?? Guid.Empty, policy?.Name ?? "", (int)clock.Target.TotalMinutes,
            clock.DueAt ?? now, notify, now));
    }

    private void MoveTo(TicketStatus next, string by, DateTimeOffset now)
    {
        var previous = Status;
        Status = next;
        UpdatedAt = now;
        if (next == TicketStatus.Resolved) ResolvedAt = now;
        if (next == TicketStatus.Closed) ClosedAt = now;
        if (previous == TicketStatus.Resolved && next != TicketStatus.Closed) ResolvedAt = null;
        Raise(new TicketStatusChanged(Id, Key, previous.ToString(), next.ToString(), by, now, Requester, Assignee, Priority.ToString(), AssetTag));
    }
}

/// <summary>Ticketing's copy of the projects it may promote to, kept from ProjectCreated events.</summary>
public sealed class KnownProject
{
    public Guid Id { get; init; }
    public required string Key { get; init; }
    public required string Name { get; set; }
}

/// <summary>
/// Ticketing's summary of an asset that tickets may name, kept from the assets service's events (see
/// <see cref="Consumers.AssetConsumer{TMessage}"/>); the assets service stays the owner of the record.
/// </summary>
public sealed class KnownAsset
{
    public required string Tag { get; init; }
    public Guid AssetId { get; init; }
    public string? Kind { get; init; }
    public string? Model { get; init; }
    public string? Status { get; init; }
    public DateTimeOffset? StatusAt { get; init; }
    public string? AssignedTo { get; init; }
    public string? ProjectKey { get; init; }
    public DateTimeOffset? HolderAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
