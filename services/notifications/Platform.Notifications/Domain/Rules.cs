namespace Platform.Notifications.Domain;

/// <summary>Who an event concerns, found from the event itself and from what earlier events told us.</summary>
public enum Relation
{
    /// <summary>The project's manager (from ProjectCreated, or the first of an escalation's notifyUsers).</summary>
    ProjectManager,

    /// <summary>The project's sponsor (the second of an escalation's notifyUsers).</summary>
    ProjectSponsor,

    /// <summary>The ticket's requester (from the event, or from the TicketCreated seen earlier).</summary>
    Requester,

    /// <summary>The ticket's assignee (from the event, or the last SLA event seen).</summary>
    Assignee,

    /// <summary>The team lead an SLA breach names.</summary>
    TeamLead,

    /// <summary>Whoever the event itself says must know (notifyRoles, notifyUsers, notify).</summary>
    EventRecipients,

    /// <summary>The person an event is about (userId: over-allocated, joined a project).</summary>
    AffectedUser,

    /// <summary>The manager of the person a people event is about (PersonJoined/PersonChanged's managerId; a leaver's last known manager).</summary>
    PersonManager,
}

public enum Channel
{
    Inbox,

    /// <summary>An e-mail now, or in the person's digest, as their preferences say.</summary>
    Email,
}

/// <summary>
/// Which events reach whom, on which channels. The built-in rules (seeded, editable, <see cref="BuiltIn"/>) cover
/// the product's flows; admins add their own.
/// </summary>
public sealed class NotificationRule
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public List<string> EventTypes { get; set; } = [];
    public Filters Filters { get; set; } = Filters.None;
    public List<string> Roles { get; set; } = [];
    public List<string> Users { get; set; } = [];
    public List<string> Relations { get; set; } = [];
    public List<string> Channels { get; set; } = [];
    public bool Enabled { get; set; } = true;
    public bool BuiltIn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; private set; }

    public bool Applies(EventFacts facts) =>
        Enabled && EventCatalog.Matches(EventTypes, facts.Type, facts.Domain) && Filters.Match(facts);

    public bool Has(Relation relation) => Relations.Contains(relation.ToString());

    public bool Has(Channel channel) => Channels.Contains(channel.ToString());

    /// <summary>The people named by the rule's relations for this event (roles are resolved from the directory elsewhere).</summary>
    public IEnumerable<string> RelatedPeople(EventFacts facts, Contacts contacts)
    {
        if (Has(Relation.ProjectManager) && contacts.Manager is { } manager) yield return manager;
        if (Has(Relation.ProjectSponsor) && contacts.Sponsor is { } sponsor) yield return sponsor;
        if (Has(Relation.Requester) && contacts.Requester is { } requester) yield return requester;
        if (Has(Relation.Assignee) && contacts.Assignee is { } assignee) yield return assignee;
        if (Has(Relation.TeamLead)) foreach (var lead in facts.TeamLeads) yield return lead;
        if (Has(Relation.AffectedUser) && facts.AffectedUser is { } affected) yield return affected;
        if (Has(Relation.PersonManager) && contacts.PersonManager is { } personManager) yield return personManager;
        if (Has(Relation.EventRecipients))
        {
            foreach (var user in facts.NotifyUsers) yield return user;
            foreach (var lead in facts.TeamLeads) yield return lead;
            if (facts.Assignee is { } a && facts.TeamLeads.Count > 0) yield return a;
        }

        foreach (var user in Users) yield return user;
    }

    public IEnumerable<string> RoleNames(EventFacts facts) =>
        Has(Relation.EventRecipients) ? Roles.Concat(facts.NotifyRoles).Distinct(StringComparer.Ordinal) : Roles;

    private static Guid Seed(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    /// <summary>The rules a fresh installation starts with.</summary>
    public static IReadOnlyList<NotificationRule> Defaults(DateTimeOffset now) =>
    [
        Default(1, "Escalations reach the PMO, the project's manager and sponsor", ["ProjectEscalationRaised"],
            [ServiceDefaults.Roles.PmoAnalyst], [Relation.EventRecipients, Relation.ProjectManager, Relation.ProjectSponsor], now),
        Default(2, "Escalation progress reaches the PMO and the project's manager", ["ProjectEscalationAcknowledged", "ProjectEscalationResolved"],
            [ServiceDefaults.Roles.PmoAnalyst], [Relation.ProjectManager], now, [Channel.Inbox]),
        Default(3, "Requesters hear that their ticket was received", ["TicketCreated"], [], [Relation.Requester], now),
        Default(4, "Requesters hear that their ticket was taken in hand (assigned)", ["TicketAssigned"], [], [Relation.Requester], now),
        Default(5, "Requesters hear that their ticket was resolved", ["TicketStatusChanged"], [], [Relation.Requester], now,
            filters: new Filters { Statuses = ["Resolved"] }),
        Default(6, "Requesters hear of an agent's public reply", ["TicketCommented"], [], [Relation.Requester], now,
            filters: new Filters { Statuses = ["PublicReply"] }),
        Default(7, "SLA warnings and breaches reach the assignee and the team lead", ["TicketSlaWarning", "TicketSlaBreached"],
            [], [Relation.Assignee, Relation.TeamLead], now),
        Default(8, "Major incidents reach every agent and the assignee at once", ["MajorIncidentDeclared"],
            [ServiceDefaults.Roles.Agent], [Relation.Assignee], now),
        Default(9, "Requesters hear when the project issue born from their ticket is resolved or reopened",
            ["ProjectIssueResolved", "ProjectIssueReopened"], [], [Relation.Requester], now),
        Default(10, "Overdue milestones reach the project's manager", ["MilestoneOverdue"], [], [Relation.ProjectManager], now),
        Default(11, "Over-allocation reaches the person and the project's manager", ["ResourceOverAllocated"],
            [], [Relation.AffectedUser, Relation.ProjectManager], now),
        Default(12, "Asset and licence alerts, kitting and return requests reach PSO staff",
            ["LicenceOverused", "LicenceExpiring", "WarrantyExpiring", "KittingRequested", "ReturnRequested"], [ServiceDefaults.Roles.PsoStaff], [], now),
        Default(13, "Managers hear, in their inbox, when someone joins or leaves their team", ["PersonJoined", "PersonLeft"],
            [], [Relation.PersonManager], now, [Channel.Inbox]),
    ];

    private static NotificationRule Default(int n, string name, List<string> types, List<string> roles, List<Relation> relations,
        DateTimeOffset now, List<Channel>? channels = null, Filters? filters = null) => new()
    {
        Id = Seed(n),
        Name = name,
        EventTypes = types,
        Roles = roles,
        Relations = relations.Select(r => r.ToString()).ToList(),
        Channels = (channels ?? [Channel.Inbox, Channel.Email]).Select(c => c.ToString()).ToList(),
        Filters = filters ?? Filters.None,
        BuiltIn = true,
        CreatedAt = now,
        UpdatedAt = now,
    };
}

/// <summary>A ticket's or project's people as the events told us (<see cref="TicketContact"/>, <see cref="ProjectContact"/>), and a people event's person's manager.</summary>
public sealed record Contacts(string? Requester, string? Assignee, string? Manager, string? Sponsor, string? PersonManager = null);
