using Platform.Contracts;
using Platform.Contracts.Assets;
using Platform.Contracts.Projects;
using Platform.Contracts.Ticketing;

namespace Platform.Notifications.Domain;

/// <summary>
/// What the rules and filters look at in an event, read from the typed contract through the interfaces the event
/// records implement (<see cref="ITicketEvent"/>, <see cref="IProjectEvent"/>, <see cref="IHasRequester"/>…), so
/// event types added to the catalogue later are filtered and forwarded without code here, and a renamed contract
/// field fails the build instead of going quiet. A few type-specific readings: SLA breaches name the team lead
/// among <c>Notify</c>, an escalation's <c>NotifyUsers</c> are the manager and then the sponsor, a status change's
/// <c>To</c> is its status, an agent's public comment has the status "PublicReply"; escalations, declared major
/// incidents, P1 and Critical are urgent.
/// </summary>
public sealed record EventFacts(
    string Type,
    string Domain,
    string? Subject,
    string? Severity,
    Guid? ProjectId,
    string? ProjectKey,
    string? Priority,
    string? Category,
    string? Status,
    Guid? TicketId,
    string? Requester,
    string? Assignee,
    string? AffectedUser,
    IReadOnlyList<string> TeamLeads,
    IReadOnlyList<string> NotifyRoles,
    IReadOnlyList<string> NotifyUsers,
    bool Urgent)
{
    /// <summary>The facts of a consumed event.</summary>
    public static EventFacts Of(IIntegrationEvent e)
    {
        var (type, domain) = EventCatalog.Describe(e);
        return Of(type, domain, e);
    }

    /// <summary>
    /// The facts of a logged event: its JSON deserialised to its contract type (by its short name in the catalogue).
    /// A type no longer in the catalogue has no facts beyond its name.
    /// </summary>
    public static EventFacts Read(string type, string domain, JsonElement data) =>
        EventCatalog.Deserialize(type, data) is { } e ? Of(type, domain, e) : Of(type, domain, null);

    private static EventFacts Of(string type, string domain, IIntegrationEvent? e)
    {
        var ticketId = e switch
        {
            ITicketEvent t => t.TicketId,
            ITicketBorn b => b.SourceTicketId,
            _ => (Guid?)null,
        };
        var (projectId, projectKey) = e switch
        {
            IProjectEvent p => (p.ProjectId, p.ProjectKey),
            IMayNameProject p => (p.ProjectId, p.ProjectKey),
            _ => ((Guid?)null, (string?)null),
        };
        var userId = (e as IPersonEvent)?.UserId;
        var assignee = (e as IHasAssignee)?.Assignee;
        var severity = (e as IHasSeverity)?.Severity;
        var priority = (e as IHasPriority)?.Priority;
        var subject = e switch
        {
            IEscalationEvent x when x.EscalationKey is { } k => k,
            ITicketEvent x when x.TicketKey is { } k => k,
            IProjectIssueEvent x when x.IssueKey is { } k => k,
            ProjectRiskScoreChanged x when x.RiskKey is { } k => k,
            IAssetEvent x when x.AssetTag is { } k => k,
            LicenceSeatAssigned x when x.AssetTag is { } k => k,
            ILicenceEvent x when x.LicenceKey is { } k => k,
            IRequestEvent x when x.RequestKey is { } k => k,
            MilestoneOverdue x when x.MilestoneName is { } k => k,
            _ => projectKey ?? userId,
        };
        var status = e switch
        {
            TicketStatusChanged x => x.To,
            // A public comment by an agent is the reply a requester waits for.
            TicketCommented x => x.Kind == "Public" && x.ByAgent ? "PublicReply" : x.Kind,
            AssetRegistered x => x.Status,
            TicketAssetLinked x => x.Status,
            _ => null,
        };
        IReadOnlyList<string> notify = e is TicketSlaBreached breach ? People(breach.Notify) : [];
        var escalation = e as ProjectEscalationRaised;
        return new EventFacts(
            type, domain, subject, severity, NullIfEmpty(projectId), projectKey, priority, (e as TicketCreated)?.Category, status,
            NullIfEmpty(ticketId), (e as IHasRequester)?.Requester, assignee, userId,
            notify.Where(u => !string.Equals(u, assignee, StringComparison.Ordinal)).ToList(),
            People(escalation?.NotifyRoles), People(escalation?.NotifyUsers),
            Urgent: escalation is not null || e is MajorIncidentDeclared { Declared: true }
                || string.Equals(priority, "P1", StringComparison.OrdinalIgnoreCase)
                || string.Equals(severity, "Critical", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The names a list gives (a list left out of a partial event reads as none).</summary>
    private static List<string> People(IReadOnlyList<string>? names) =>
        names is null ? [] : names.Where(s => s is { Length: > 0 }).ToList();

    /// <summary>An id left out of a partial event reads as none.</summary>
    private static Guid? NullIfEmpty(Guid? id) => id == Guid.Empty ? null : id;
}

/// <summary>The event catalogue as notifications sees it: short names ("ProjectEscalationRaised"), domains, CloudEvents types.</summary>
public static class EventCatalog
{
    /// <summary>
    /// Every event of the catalogue but notifications' own <see cref="Platform.Contracts.Notifications.InboxItemAdded"/>:
    /// fanned out, it would write inbox items about inbox items; it names one person's inbox, not for webhooks.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Type> ByName = EventTypes.All
        .Where(t => t != typeof(Platform.Contracts.Notifications.InboxItemAdded))
        .ToDictionary(t => t.Name, t => t, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names => [.. ByName.Keys.Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Domains => [.. ByName.Values.Select(DomainOf).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>"Platform.Contracts.Projects.ProjectCreated" → "projects".</summary>
    public static string DomainOf(Type type)
    {
        var ns = type.Namespace ?? "";
        var last = ns[(ns.LastIndexOf('.') + 1)..];
        return last.Equals("Contracts", StringComparison.Ordinal) ? "platform" : last.ToLowerInvariant();
    }

    public static string CloudEventType(string domain, string name) => $"platform.{domain}.{name}";

    public static Uri Source(string domain) => new($"urn:platform:{domain}");

    /// <summary>
    /// Normalises an event type pattern: "*", a domain wildcard ("assets.*"), a short name, or a CloudEvents type
    /// ("platform.projects.ProjectEscalationRaised"). Null when it names nothing in the catalogue.
    /// </summary>
    public static string? Normalise(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return null;
        var p = pattern.Trim();
        if (p == "*") return p;
        if (p.EndsWith(".*", StringComparison.Ordinal))
        {
            var domain = p[..^2].ToLowerInvariant();
            if (domain.StartsWith("platform.", StringComparison.Ordinal)) domain = domain["platform.".Length..];
            // A domain whose events are not in the catalogue yet (assets, while it is being built) is still a valid wildcard.
            return domain.Length is > 0 and <= 50 && domain.All(char.IsAsciiLetterLower) ? domain + ".*" : null;
        }

        var name = p[(p.LastIndexOf('.') + 1)..];
        return ByName.ContainsKey(name) ? name : null;
    }

    public static bool Matches(IEnumerable<string> patterns, string type, string domain) =>
        patterns.Any(p => p == "*" || p == type || (p.EndsWith(".*", StringComparison.Ordinal) && p[..^2] == domain));

    public static (string Name, string Domain) Describe(IIntegrationEvent e) => (e.GetType().Name, DomainOf(e.GetType()));

    /// <summary>A logged event's JSON as its contract type, or null when the catalogue no longer has the type.</summary>
    public static IIntegrationEvent? Deserialize(string name, JsonElement data) =>
        ByName.TryGetValue(name, out var type) && data.ValueKind == JsonValueKind.Object
            ? (IIntegrationEvent?)data.Deserialize(type, EventTypes.Json)
            : null;
}
