using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Projects.Domain;

/// <summary>
/// One version of a PMO standard (a project template): what every project started from it gets. Versions are
/// immutable; a change is a new version under the same key, and a project records the version it started from.
/// </summary>
public sealed class ProjectTemplate
{
    private ProjectTemplate() { }

    public Guid Id { get; private init; }

    /// <summary>The template's key ("it-rollout"): lower-case letters, digits and dashes.</summary>
    public string Key { get; private init; } = "";
    public int Version { get; private init; }
    public string Name { get; private init; } = "";
    public string Description { get; private init; } = "";

    /// <summary>The <see cref="TemplateDefinition"/> as JSON (jsonb).</summary>
    public string Definition { get; private init; } = "{}";
    public string CreatedBy { get; private init; } = "";
    public DateTimeOffset CreatedAt { get; private init; }

    /// <summary>When the PMO withdrew the template (every version): no new project starts from it.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public static ProjectTemplate Publish(string key, int version, string name, string description, TemplateDefinition definition,
        string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), Key = key, Version = version, Name = name, Description = description,
        Definition = JsonSerializer.Serialize(definition, TemplateDefinition.JsonOptions), CreatedBy = by, CreatedAt = now,
    };

    public TemplateDefinition Read() => JsonSerializer.Deserialize<TemplateDefinition>(Definition, TemplateDefinition.JsonOptions) ?? TemplateDefinition.Empty;

    public void Retire(DateTimeOffset now) => RetiredAt ??= now;

    public void Reinstate() => RetiredAt = null;

    public static bool IsKey(string? value) =>
        value is { Length: >= 2 and <= Lengths.Key } && value.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') && value[0] != '-' && value[^1] != '-';
}

/// <summary>What a template holds; every item has a <c>Ref</c> unique in the template, by which compliance follows it.</summary>
public sealed record TemplateDefinition(
    IReadOnlyList<TemplatePhase> Phases,
    IReadOnlyList<TemplateDeliverable> Deliverables,
    IReadOnlyList<TemplateRisk> Risks,
    IReadOnlyList<TemplateMeetingSeries> Meetings,
    string? KitProfile)
{
    public static readonly TemplateDefinition Empty = new([], [], [], [], null);

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public IEnumerable<TemplateMilestone> Milestones => Phases.SelectMany(p => p.Milestones);

    /// <summary>Every item as compliance lists it, in template order.</summary>
    public IEnumerable<(string Ref, StandardItemKind Kind, string? Phase, string Name)> Items()
    {
        foreach (var phase in Phases)
            foreach (var m in phase.Milestones) yield return (m.Ref, StandardItemKind.Milestone, phase.Name, m.Name);
        foreach (var d in Deliverables) yield return (d.Ref, StandardItemKind.Deliverable, PhaseOf(d.Milestone), d.Name);
        foreach (var r in Risks) yield return (r.Ref, StandardItemKind.Risk, null, r.Title);
        foreach (var s in Meetings) yield return (s.Ref, StandardItemKind.Meeting, null, s.Title);
    }

    private string? PhaseOf(string? milestone) =>
        milestone is null ? null : Phases.FirstOrDefault(p => p.Milestones.Any(m => m.Ref == milestone))?.Name;
}

/// <summary>A standard phase ("Design") and the milestones that close it.</summary>
public sealed record TemplatePhase(string Name, IReadOnlyList<TemplateMilestone> Milestones);

/// <summary>A milestone due <see cref="OffsetDays"/> after the project's start, after the milestones named in <see cref="After"/>.</summary>
public sealed record TemplateMilestone(string Ref, string Name, int OffsetDays, IReadOnlyList<string>? After = null);

/// <summary>A standard deliverable: due with its milestone, or <see cref="OffsetDays"/> after the start.</summary>
public sealed record TemplateDeliverable(string Ref, string Name, string? Description, IReadOnlyList<string> AcceptanceCriteria,
    string? Milestone = null, int? OffsetDays = null);

/// <summary>A risk every such project starts its register with (scored 1–5 × 1–5).</summary>
public sealed record TemplateRisk(string Ref, string Title, string? Description, int Probability, int Impact, string? Mitigation = null);

/// <summary>
/// A standard meeting series ("Weekly status"): <see cref="Occurrences"/> meetings every <see cref="EveryWeeks"/> weeks from
/// <see cref="FirstOffsetDays"/> after the start, at <see cref="Time"/> (HH:mm) in <see cref="TimeZone"/>, none after the project's end.
/// </summary>
public sealed record TemplateMeetingSeries(string Ref, string Title, int EveryWeeks, int FirstOffsetDays, string Time, int Occurrences,
    IReadOnlyList<string>? Agenda = null, string? TimeZone = null);

public enum StandardItemKind { Milestone, Deliverable, Risk, Meeting }

/// <summary>Where a project stands against one standard item.</summary>
public enum ComplianceStatus { Done, OnTrack, Late, Skipped, Missing }

/// <summary>
/// A project's record of one standard item of its template: the things made for it (a milestone, a deliverable, a risk,
/// the meetings of a series), or why the project skips it. No row, or no thing left: the item is missing.
/// </summary>
public sealed class ProjectStandardItem
{
    public Guid ProjectId { get; init; }
    public required string Ref { get; init; }
    public StandardItemKind Kind { get; init; }
    public List<Guid> EntityIds { get; set; } = [];
    public string? SkippedReason { get; private set; }
    public string? SkippedBy { get; private set; }
    public DateTimeOffset? SkippedAt { get; private set; }

    public void Skip(string reason, string by, DateTimeOffset now)
    {
        SkippedReason = reason;
        SkippedBy = by;
        SkippedAt = now;
    }

    public void Unskip()
    {
        SkippedReason = null;
        SkippedBy = null;
        SkippedAt = null;
    }
}

/// <summary>The rules a template must keep: refs unique and resolvable, milestones in an order without a cycle, sane numbers.</summary>
public static class TemplateRules
{
    public const int MaxOffsetDays = 3650;
    public const int MaxItems = 200;
    public const int MaxOccurrences = 52;

    /// <summary>The first broken rule as (code, detail), or null when the definition holds together.</summary>
    public static (string Code, string Detail)? Problem(TemplateDefinition d)
    {
        var refs = d.Items().Select(i => i.Ref).ToList();
        if (refs.GroupBy(r => r, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return ("duplicate-ref", $"The ref '{twice.Key}' names two items; each item's ref is unique in the template.");

        var milestones = d.Milestones.ToDictionary(m => m.Ref, StringComparer.Ordinal);
        foreach (var m in milestones.Values)
            foreach (var before in m.After ?? [])
                if (!milestones.ContainsKey(before))
                    return ("unknown-ref", $"Milestone '{m.Ref}' comes after '{before}', which is no milestone of the template.");
        foreach (var deliverable in d.Deliverables)
            if (deliverable.Milestone is { } ms && !milestones.ContainsKey(ms))
                return ("unknown-ref", $"Deliverable '{deliverable.Ref}' is due with '{ms}', which is no milestone of the template.");

        if (Cycle(milestones) is { } cycle)
            return ("milestone-cycle", $"The milestones come after each other in a circle: {string.Join(" → ", cycle)}.");
        foreach (var m in milestones.Values)
            foreach (var before in m.After ?? [])
                if (milestones[before].OffsetDays > m.OffsetDays)
                    return ("milestone-order", $"Milestone '{m.Ref}' (day {m.OffsetDays}) comes after '{before}' but is due before it (day {milestones[before].OffsetDays}).");
        return null;
    }

    /// <summary>A circle of milestones each coming after the next (the first repeated at the end), or null.</summary>
    private static List<string>? Cycle(IReadOnlyDictionary<string, TemplateMilestone> milestones)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in milestones[node].After ?? [])
            {
                if (state.GetValueOrDefault(next) == 1) return [.. path.Skip(path.IndexOf(next)), next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in milestones.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
                return cycle;
        return null;
    }

    /// <summary>The due date of a standard item on a project starting on <paramref name="start"/> (null: none).</summary>
    public static DateOnly? DueDate(TemplateDefinition d, string itemRef, DateOnly start)
    {
        if (d.Milestones.FirstOrDefault(m => m.Ref == itemRef) is { } milestone) return start.AddDays(milestone.OffsetDays);
        if (d.Deliverables.FirstOrDefault(x => x.Ref == itemRef) is { } deliverable)
        {
            if (deliverable.Milestone is { } ms) return DueDate(d, ms, start);
            return deliverable.OffsetDays is { } days ? start.AddDays(days) : null;
        }

        return null;
    }

    /// <summary>When each meeting of a series takes place for a project from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Occurrences(TemplateMeetingSeries s, DateOnly start, DateOnly? end)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone ?? "UTC");
        var time = TimeOnly.ParseExact(s.Time, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var list = new List<DateTimeOffset>();
        for (var i = 0; i < s.Occurrences; i++)
        {
            var day = start.AddDays(s.FirstOffsetDays + i * 7 * s.EveryWeeks);
            if (end is not null && day > end) break;
            var local = day.ToDateTime(time, DateTimeKind.Unspecified);
            list.Add(new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime());
        }

        return list;
    }
}
