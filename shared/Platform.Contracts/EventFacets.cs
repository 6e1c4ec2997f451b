namespace Platform.Contracts;

// What several events have in common, as interfaces their records implement with the properties they already
// have (implicitly, so the JSON on the wire is unchanged). A consumer that reads "the ticket an event is about"
// or "the people it names" uses these instead of property names: renaming a field then fails the build, not the
// consumer. See ContractShapeTests (tests/Platform.Notifications.Tests) for the wire shape itself.

/// <summary>An event about one help desk ticket.</summary>
public interface ITicketEvent
{
    Guid TicketId { get; }
    string TicketKey { get; }
}

/// <summary>A project issue that may have been born from a help desk ticket.</summary>
public interface ITicketBorn
{
    Guid? SourceTicketId { get; }
}

/// <summary>An event about one project.</summary>
public interface IProjectEvent
{
    Guid ProjectId { get; }
    string ProjectKey { get; }
}

/// <summary>An event that may name a project (an asset given for a project, a reopened ticket that had been promoted).</summary>
public interface IMayNameProject
{
    Guid? ProjectId { get; }
    string? ProjectKey { get; }
}

/// <summary>
/// An event that may name an asset by its tag (a ticket about a laptop): the outbox marks one that names none, so the
/// assets service is not sent it (decision 0023, Platform.Messaging's EventRouting).
/// </summary>
public interface IMayNameAnAsset
{
    string? AssetTag { get; }
}

/// <summary>An event about one person (a member, the holder of an asset or a kit, the over-allocated person).</summary>
public interface IPersonEvent
{
    string? UserId { get; }
}

/// <summary>A ticket event that names the ticket's requester.</summary>
public interface IHasRequester
{
    string? Requester { get; }
}

/// <summary>A ticket event that names the ticket's assignee (if any).</summary>
public interface IHasAssignee
{
    string? Assignee { get; }
}

/// <summary>A ticket event carrying the ticket's priority (P1–P4).</summary>
public interface IHasPriority
{
    string? Priority { get; }
}

/// <summary>A project event with a severity (Low, Medium, High or Critical).</summary>
public interface IHasSeverity
{
    string Severity { get; }
}

/// <summary>An event about one project escalation.</summary>
public interface IEscalationEvent : IProjectEvent
{
    Guid EscalationId { get; }
    string EscalationKey { get; }
}

/// <summary>An event about one project issue.</summary>
public interface IProjectIssueEvent : IProjectEvent
{
    Guid IssueId { get; }
    string IssueKey { get; }
}

/// <summary>An event about one piece of hardware.</summary>
public interface IAssetEvent
{
    Guid AssetId { get; }
    string AssetTag { get; }
}

/// <summary>An event about one software licence.</summary>
public interface ILicenceEvent
{
    Guid LicenceId { get; }
    string LicenceKey { get; }
    string Product { get; }
}

/// <summary>An event about one assets request (kitting, return, procurement).</summary>
public interface IRequestEvent
{
    Guid RequestId { get; }
    string RequestKey { get; }
}
