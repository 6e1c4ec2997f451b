namespace Platform.Projects.Domain;

public enum DeliverableStatus { Draft, InReview, Accepted, Rejected }

public enum DeliverableAction { Submit, Accept, Reject, Reopen }

/// <summary>Draft → In review → Accepted or Rejected (with reasons); a rejected deliverable is reworked and resubmitted; an accepted one can be reopened to draft.</summary>
public static class DeliverableWorkflow
{
    private static readonly Workflow<DeliverableStatus, DeliverableAction> Transitions = new("a deliverable", new Dictionary<(DeliverableStatus, DeliverableAction), DeliverableStatus>
    {
        [(DeliverableStatus.Draft, DeliverableAction.Submit)] = DeliverableStatus.InReview,
        [(DeliverableStatus.InReview, DeliverableAction.Accept)] = DeliverableStatus.Accepted,
        [(DeliverableStatus.InReview, DeliverableAction.Reject)] = DeliverableStatus.Rejected,
        [(DeliverableStatus.Rejected, DeliverableAction.Submit)] = DeliverableStatus.InReview,
        [(DeliverableStatus.Accepted, DeliverableAction.Reopen)] = DeliverableStatus.Draft,
    });

    public static DeliverableStatus Next(DeliverableStatus from, DeliverableAction action) => Transitions.Next(from, action);

    public static IReadOnlyList<DeliverableAction> AllowedActions(DeliverableStatus from) => Transitions.AllowedActions(from);

    /// <summary>Accepting and rejecting is the reviewers' (PMO, the project's manager); the rest is the team's.</summary>
    public static bool IsReview(DeliverableAction action) => action is DeliverableAction.Accept or DeliverableAction.Reject;
}

/// <summary>Something the project hands over (DLV-5), judged against its acceptance criteria.</summary>
public sealed class Deliverable : NumberedEntity
{
    public const string KeyPrefix = "DLV-";
    private readonly List<DeliverableReview> _reviews = [];

    private Deliverable() { }

    private Deliverable(long number, Project project) : base(number) => ProjectId = project.Id;

    protected override string KeyPrefixOfType => KeyPrefix;

    public Guid ProjectId { get; private init; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<string> AcceptanceCriteria { get; private set; } = [];
    public string? Owner { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DeliverableStatus Status { get; private set; }

    /// <summary>The vendor contract that owes it (null: the project's own deliverable).</summary>
    public Guid? ContractId { get; private init; }
    public string? RejectionReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<DeliverableReview> Reviews => _reviews;

    public static Deliverable Define(long number, Project project, string name, string description, IReadOnlyList<string> criteria,
        string? owner, DateOnly? due, DateTimeOffset now, Guid? contractId = null) => new(number, project)
    {
        Name = name, Description = description, ContractId = contractId,
        AcceptanceCriteria = [.. criteria], Owner = owner, DueDate = due, Status = DeliverableStatus.Draft, CreatedAt = now, UpdatedAt = now,
    };

    public void Edit(string? name, string? description, IReadOnlyList<string>? criteria, string? owner, DateOnly? due, DateTimeOffset now)
    {
        if (Status is DeliverableStatus.InReview or DeliverableStatus.Accepted && (criteria is not null || name is not null))
            throw new DomainException("under-review", $"{Key} is {Status}; its name and acceptance criteria are frozen.");
        if (name is not null) Name = name;
        if (description is not null) Description = description;
        if (criteria is not null) AcceptanceCriteria = [.. criteria];
        if (owner is not null) Owner = owner.Length == 0 ? null : owner;
        if (due is not null) DueDate = due;
        UpdatedAt = now;
    }

    public void Apply(DeliverableAction action, string? reason, string by, DateTimeOffset now)
    {
        if (action == DeliverableAction.Reject && string.IsNullOrWhiteSpace(reason))
            throw new DomainException("reason-required", "A rejection says why.");
        if (action == DeliverableAction.Submit && AcceptanceCriteria.Count == 0)
            throw new DomainException("no-acceptance-criteria", $"{Key} has no acceptance criteria to be reviewed against.");
        Status = DeliverableWorkflow.Next(Status, action);
        RejectionReason = action == DeliverableAction.Reject ? reason : action == DeliverableAction.Submit ? RejectionReason : null;
        UpdatedAt = now;
        _reviews.Add(new DeliverableReview { DeliverableId = Id, Action = action.ToString(), Reason = reason, By = by, At = now });
    }
}

public sealed class DeliverableReview
{
    public long Id { get; init; }
    public Guid DeliverableId { get; init; }
    public required string Action { get; init; }
    public string? Reason { get; init; }
    public required string By { get; init; }
    public DateTimeOffset At { get; init; }
}
