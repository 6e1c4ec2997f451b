using System.Text.Json;
using Platform.Contracts;
using Platform.Messaging;

namespace Platform.Notifications.Domain;

/// <summary>
/// What the rules and filters look at in an event, read from its JSON the same way for every type (so event types
/// added to the catalogue later, such as the assets ones, are filtered and forwarded without code here), with a
/// few type-specific readings: SLA breaches name the team lead among <c>notify</c>, an escalation's
/// <c>notifyUsers</c> are the manager and then the sponsor, a status change's <c>to</c> is its status, an agent's
/// public comment has the status "PublicReply"; escalations, declared major incidents, P1 and Critical are urgent.
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
    public static EventFacts Read(string type, string domain, JsonElement data)
    {
        string? Str(string name) =>
            data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool Bool(string name) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        Guid? Id(string name) => Guid.TryParse(Str(name), out var g) ? g : null;
        IReadOnlyList<string> List(string name) =>
            data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0).ToList()
                : [];

        var assignee = Str("assignee");
        var notify = List("notify");
        var ticketId = Id("ticketId") ?? Id("sourceTicketId");
        var subject = type switch
        {
            _ when Str("escalationKey") is { } k => k,
            _ when Str("ticketKey") is { } k => k,
            _ when Str("issueKey") is { } k => k,
            _ when Str("riskKey") is { } k => k,
            _ when Str("assetTag") is { } k => k,
            _ when Str("licenceKey") is { } k => k,
            _ when Str("requestKey") is { } k => k,
            _ when Str("milestoneName") is { } k => k,
            _ => Str("projectKey") ?? Str("userId"),
        };
        var severity = Str("severity");
        var priority = Str("priority");
        return new EventFacts(
            type, domain, subject, severity, Id("projectId"), Str("projectKey"), priority, Str("category"),
            type switch
            {
                "TicketStatusChanged" => Str("to"),
                // A public comment by an agent is the reply a requester waits for.
                "TicketCommented" => Str("kind") == "Public" && Bool("byAgent") ? "PublicReply" : Str("kind"),
                _ => Str("status"),
            },
            ticketId, Str("requester"), assignee, Str("userId"),
            notify.Where(u => !string.Equals(u, assignee, StringComparison.Ordinal)).ToList(),
            List("notifyRoles"), List("notifyUsers"),
            Urgent: type == "ProjectEscalationRaised" || (type == "MajorIncidentDeclared" && Bool("declared"))
                || string.Equals(priority, "P1", StringComparison.OrdinalIgnoreCase)
                || string.Equals(severity, "Critical", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The event catalogue as notifications sees it: short names ("ProjectEscalationRaised"), domains, CloudEvents types.</summary>
public static class EventCatalog
{
    public static readonly IReadOnlyDictionary<string, Type> ByName = EventTypes.All
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
}
