namespace Platform.Notifications.Features.Filtering;

/// <summary>Filters as a client sends them; every list optional.</summary>
public sealed record FiltersRequest(
    List<string>? Severities, List<string>? ProjectKeys, List<string>? Priorities, List<string>? Categories, List<string>? Statuses)
{
    public Filters ToFilters() => new()
    {
        Severities = Clean(Severities), ProjectKeys = Clean(ProjectKeys), Priorities = Clean(Priorities),
        Categories = Clean(Categories), Statuses = Clean(Statuses),
    };

    private static List<string> Clean(List<string>? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static void Validate(Validator v, FiltersRequest? filters)
    {
        if (filters is null) return;
        foreach (var (name, list) in new[] { ("severities", filters.Severities), ("projectKeys", filters.ProjectKeys), ("priorities", filters.Priorities),
                     ("categories", filters.Categories), ("statuses", filters.Statuses) })
            v.Check(list is null || (list.Count <= 50 && list.All(x => x is null || x.Length <= 100)), $"filters.{name}",
                $"'filters.{name}' takes at most 50 values of at most 100 characters.");
    }
}

public static class EventTypeList
{
    /// <summary>Checks and normalises event type patterns ("*", "assets.*", short names or CloudEvents types).</summary>
    public static List<string> Validate(Validator v, string field, List<string>? types)
    {
        v.Check(types is { Count: > 0 and <= 100 }, field, $"'{field}' needs 1 to 100 event types (see GET /api/events/types; \"*\" for all, \"projects.*\" for a domain).");
        var normalised = new List<string>();
        foreach (var type in types ?? [])
        {
            var n = EventCatalog.Normalise(type);
            if (n is null) v.Check(false, field, $"'{type}' is not an event type of the catalogue.");
            else if (!normalised.Contains(n)) normalised.Add(n);
        }

        return normalised;
    }
}
