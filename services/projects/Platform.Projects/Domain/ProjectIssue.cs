namespace Platform.Projects.Domain;

public enum IssueSeverity { Critical, High, Medium, Low }

public enum IssueStatus { Open, InProgress, Resolved, Closed }

public enum IssueAction { Start, Resolve, Reopen, Close }

/// <summary>Issue workflow: Open → In progress → Resolved → Closed; Resolved can be reopened.</summary>
public static class IssueWorkflow
{
    private static readonly Workflow<IssueStatus, IssueAction> Transitions = new("an issue", new Dictionary<(IssueStatus, IssueAction), IssueStatus>
    {
        [(IssueStatus.Open, IssueAction.Start)] = IssueStatus.InProgress,
        [(IssueStatus.Open, IssueAction.Resolve)] = IssueStatus.Resolved,
        [(IssueStatus.InProgress, IssueAction.Resolve)] = IssueStatus.Resolved,
        [(IssueStatus.Resolved, IssueAction.Reopen)] = IssueStatus.InProgress,
        [(IssueStatus.Resolved, IssueAction.Close)] = IssueStatus.Closed,
    });

    public static IssueStatus Next(IssueStatus from, IssueAction action) => Transitions.Next(from, action);

    public static IReadOnlyList<IssueAction> AllowedActions(IssueStatus from) => Transitions.AllowedActions(from);

    /// <summary>A ticket's priority as the severity of the issue born from it.</summary>
    public static IssueSeverity SeverityFromPriority(string priority) => priority switch
    {
        "P1" => IssueSeverity.Critical,
        "P2" => IssueSeverity.High,
        "P3" => IssueSeverity.Medium,
        _ => IssueSeverity.Low,
    };
}

/// <summary>An entry of a project's issue log (ISS-12), possibly born from a help desk ticket.</summary>
public sealed class ProjectIssue : ProjectRecord
{
    public const string KeyPrefix = "ISS-";

    private ProjectIssue() { }

    private ProjectIssue(long number, Project project) : base(number, project) { }

    protected override string KeyPrefixOfType => KeyPrefix;

    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public IssueSeverity Severity { get; private set; }
    public IssueStatus Status { get; private set; }
    public string? Owner { get; private set; }

    /// <summary>When the issue should be resolved by; past it and still open, the issue is overdue.</summary>
    public DateOnly? DueDate { get; private set; }
    public Guid? SourceTicketId { get; private init; }
    public string? SourceTicketKey { get; private init; }
    public string? Resolution { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public uint Version { get; private set; }

    public static ProjectIssue Open(
        long number, Project project, string title, string description, IssueSeverity severity, string? owner,
        Guid? sourceTicketId, string? sourceTicketKey, DateTimeOffset now, DateOnly? dueDate = null)
    {
        var issue = new ProjectIssue(number, project)
        {
            Title = title,
            Description = description,
            Severity = severity,
            Status = IssueStatus.Open,
            Owner = owner,
            DueDate = dueDate,
            SourceTicketId = sourceTicketId,
            SourceTicketKey = sourceTicketKey,
            CreatedAt = now,
            UpdatedAt = now,
        };
        issue.Raise(new ProjectIssueCreated(issue.Id, issue.Key, project.Id, project.Key, title, severity.ToString(),
            sourceTicketId, sourceTicketKey, now));
        return issue;
    }

    /// <summary>Open (not resolved or closed) past its due date, as of <paramref name="today"/>.</summary>
    public bool IsOverdue(DateOnly today) => DueDate < today && Status is IssueStatus.Open or IssueStatus.InProgress;

    /// <summary>Re-triage: title, description, severity, owner and due date; null leaves a field as it is, "" clears owner.</summary>
    public void Update(string? title, string? description, IssueSeverity? severity, string? owner, DateOnly? dueDate, bool clearDueDate,
        DateTimeOffset now)
    {
        if (title is not null) Title = title;
        if (description is not null) Description = description;
        if (severity is not null) Severity = severity.Value;
        if (owner is not null) Owner = owner.Length == 0 ? null : owner;
        if (clearDueDate) DueDate = null;
        else if (dueDate is not null) DueDate = dueDate;
        UpdatedAt = now;
    }

    public void Apply(IssueAction action, string? note, string by, DateTimeOffset now)
    {
        var next = IssueWorkflow.Next(Status, action);
        Status = next;
        UpdatedAt = now;
        switch (action)
        {
            case IssueAction.Resolve:
                Resolution = note ?? "Resolved.";
                ResolvedAt = now;
                Raise(new ProjectIssueResolved(Id, Key, ProjectId, ProjectKey, SourceTicketId, Resolution, by, now));
                break;
            case IssueAction.Reopen:
                ResolvedAt = null;
                Raise(new ProjectIssueReopened(Id, Key, ProjectId, ProjectKey, SourceTicketId, note ?? "Reopened.", by, now));
                break;
        }
    }
}
