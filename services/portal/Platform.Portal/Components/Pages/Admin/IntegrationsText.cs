using Microsoft.Extensions.Localization;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Admin;

/// <summary>Words for the integration pages built from API values (filters, a rule's recipients).</summary>
public static class IntegrationsText
{
    public static string Filters(IStringLocalizer L, EventFilters? filters)
    {
        if (filters is null || filters.IsEmpty) return L["Integrations.Filters.None"];
        var parts = new List<string>();
        void Add(string key, IReadOnlyList<string>? values)
        {
            if (values is { Count: > 0 }) parts.Add($"{L[$"Integrations.Filter.{key}"]}: {string.Join(", ", values)}");
        }
        Add("Severities", filters.Severities);
        Add("ProjectKeys", filters.ProjectKeys);
        Add("Priorities", filters.Priorities);
        Add("Categories", filters.Categories);
        Add("Statuses", filters.Statuses);
        return string.Join("; ", parts);
    }

    /// <summary>An event type pattern in words: "*" is every event, "projects.*" every event of a domain.</summary>
    public static string EventType(IStringLocalizer L, string pattern) =>
        pattern == "*" ? L["Integrations.Events.All"]
        : pattern.EndsWith(".*", StringComparison.Ordinal) ? L["Integrations.Events.Domain", pattern[..^2]]
        : pattern;

    /// <summary>A role by its name in the person's language where known (roles are free names in a rule).</summary>
    public static string Role(IStringLocalizer L, string role) => L.OrElse($"Integrations.Role.{role}", role);

    /// <summary>An attempt's outcome (Delivered, Failed, CircuitOpen) in the person's language where known.</summary>
    public static string Outcome(IStringLocalizer L, string outcome) =>
        L.OrElse($"Integrations.Outcome.{outcome}", outcome);
}
