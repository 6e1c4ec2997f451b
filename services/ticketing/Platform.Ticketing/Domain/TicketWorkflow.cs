namespace Platform.Ticketing.Domain;

public enum TicketStatus
{
    New,
    Assigned,
    InProgress,
    /// <summary>Waiting for the requester or a third party.</summary>
    Pending,
    /// <summary>Handed to a project: the ticket follows its project issue.</summary>
    WithProject,
    Resolved,
    Closed,
}

/// <summary>What an agent may do to a ticket's status (assigning and promoting have their own calls).</summary>
public enum TicketAction { Start, Pend, Resume, Resolve, Close, Reopen }

/// <summary>The help desk workflow: New → Assigned → In progress ⇄ Pending → Resolved → Closed, and reopen.</summary>
public static class TicketWorkflow
{
    private static readonly Workflow<TicketStatus, TicketAction> Transitions = new("a ticket", new Dictionary<(TicketStatus, TicketAction), TicketStatus>
    {
        [(TicketStatus.Assigned, TicketAction.Start)] = TicketStatus.InProgress,
        [(TicketStatus.Assigned, TicketAction.Resolve)] = TicketStatus.Resolved,
        [(TicketStatus.InProgress, TicketAction.Pend)] = TicketStatus.Pending,
        [(TicketStatus.InProgress, TicketAction.Resolve)] = TicketStatus.Resolved,
        [(TicketStatus.Pending, TicketAction.Resume)] = TicketStatus.InProgress,
        [(TicketStatus.Pending, TicketAction.Resolve)] = TicketStatus.Resolved,
        [(TicketStatus.Resolved, TicketAction.Close)] = TicketStatus.Closed,
        // Reopen returns the ticket to its agent; the target is adjusted to New when nobody is assigned.
        [(TicketStatus.Resolved, TicketAction.Reopen)] = TicketStatus.Assigned,
    });

    /// <summary>The status an action leads to; throws a DomainException (409) naming the allowed actions.</summary>
    public static TicketStatus Next(TicketStatus from, TicketAction action) => Transitions.Next(from, action);

    public static IReadOnlyList<TicketAction> AllowedActions(TicketStatus from) => Transitions.AllowedActions(from);

    public static bool CanAssign(TicketStatus status) =>
        status is TicketStatus.New or TicketStatus.Assigned or TicketStatus.InProgress or TicketStatus.Pending or TicketStatus.WithProject;

    public static bool CanPromote(TicketStatus status) =>
        status is TicketStatus.New or TicketStatus.Assigned or TicketStatus.InProgress or TicketStatus.Pending;
}
