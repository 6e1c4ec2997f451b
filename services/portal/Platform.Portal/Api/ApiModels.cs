using System.Text.Json.Serialization;

namespace Platform.Portal.Api;

// The shapes of the platform's API that the portal reads (see each service's OpenAPI document at /openapi/{service}.json).
// Only what the screens use; unknown members are ignored. Enums travel as strings.

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record Category(Guid Id, string Key, string Name, string? DefaultImpact = null, string? DefaultUrgency = null,
    string? TemplateTitle = null, string? TemplateDescription = null, string? DefaultQueue = null);

/// <param name="Code">A system comment's kind, with <paramref name="Args"/> worded by Desk/SystemComments.cs; null for people's.</param>
public sealed record Comment(Guid Id, string Author, string Body, string Kind, DateTimeOffset CreatedAt,
    string? Code = null, IReadOnlyDictionary<string, string>? Args = null)
{
    public bool IsInternal => Kind == "Internal";

    public bool IsSystem => Kind == "System";
}

public sealed record ProjectLink(Guid ProjectId, string ProjectKey, Guid? IssueId, string? IssueKey, string? Href);

public sealed record Ticket(
    Guid Id, string Key, string Title, string Description, string Requester, string Category, string Impact, string Urgency,
    string Priority, string Status, string? Assignee, ProjectLink? Project, IReadOnlyList<string> AllowedActions,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<Comment>? Comments, string? Queue = null,
    SlaView? Sla = null, string? AssetTag = null, SatisfactionView? Satisfaction = null, MajorIncidentView? MajorIncident = null, AssetSummary? Asset = null,
    AlertView? Alert = null);

public sealed record Person(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Department, bool Active);

public sealed record TicketDraft(string? Title, string? Description, string? Category, string? Impact, string? Urgency);

/// <summary>An RFC 9457 problem as the services answer it: <see cref="Errors"/> per field for validation problems.</summary>
public sealed class Problem
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public int? Status { get; set; }

    public string? Detail { get; set; }

    public Dictionary<string, string[]>? Errors { get; set; }

    /// <summary>The messages for one field (the API's camelCase name), or null.</summary>
    public string? For(string field) =>
        Errors?.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages)
            : null;

    /// <summary>What is not about one of the given fields: the detail, the title, and errors of other fields.</summary>
    public IEnumerable<string> General(params string[] fields)
    {
        var others = Errors?.Where(e => !fields.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(e => e.Value) ?? [];
        return new[] { Detail ?? Title }.Concat(others).Where(p => !string.IsNullOrWhiteSpace(p))!;
    }
}

/// <summary>An answer of the API: a value, or a problem (with the HTTP status).</summary>
public sealed record ApiResult<T>(T? Value, Problem? Problem, int Status)
{
    [JsonIgnore]
    public bool Ok => Problem is null && Value is not null;

    public bool NotFound => Status == 404;

    public bool Unauthorized => Status == 401;
}
