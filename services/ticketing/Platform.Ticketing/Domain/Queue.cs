namespace Platform.Ticketing.Domain;

public enum AssignmentRule
{
    /// <summary>Tickets wait in the queue until someone assigns them.</summary>
    Manual,
    /// <summary>Each available member in turn.</summary>
    RoundRobin,
    /// <summary>The available member with the fewest open tickets (ties in round-robin order).</summary>
    LeastLoaded,
}

/// <summary>A group of agents that takes tickets (service desk L1, L2, network, accounts…).</summary>
public sealed class TicketQueue
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Kebab-case key tickets and policies refer to (service-desk-l2).</summary>
    public required string Key { get; init; }
    public required string Name { get; set; }
    public AssignmentRule Rule { get; set; }

    /// <summary>Who is told when the queue's tickets breach (the team lead).</summary>
    public string? TeamLead { get; set; }

    /// <summary>The member the last automatic assignment went to (the round-robin position).</summary>
    public string? LastAssigned { get; set; }

    public List<QueueMember> Members { get; init; } = [];

    public uint Version { get; private set; }

    /// <summary>Picks the next agent by the queue's rule and remembers them; null when the rule is manual or nobody is available.</summary>
    public string? NextAssignee(IReadOnlyDictionary<string, int> openTickets)
    {
        var picked = AssignmentRules.Pick(Rule, Members, LastAssigned, openTickets);
        if (picked is not null) LastAssigned = picked;
        return picked;
    }

    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 100 && key[0] is >= 'a' and <= 'z'
        && key.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') && !key.EndsWith('-') && !key.Contains("--");
}

public sealed class QueueMember
{
    public Guid QueueId { get; init; }
    public required string Agent { get; init; }

    /// <summary>Unavailable members (away, off shift) get no automatic assignments.</summary>
    public bool Available { get; set; } = true;
}

/// <summary>The assignment rules, pure: who among a queue's members gets the next ticket.</summary>
public static class AssignmentRules
{
    public static string? Pick(AssignmentRule rule, IEnumerable<QueueMember> members, string? lastAssigned,
        IReadOnlyDictionary<string, int> openTickets)
    {
        var available = members.Where(m => m.Available).Select(m => m.Agent).Distinct().Order(StringComparer.Ordinal).ToList();
        if (rule == AssignmentRule.Manual || available.Count == 0) return null;

        // Round-robin order: the members after the last one assigned, then from the start.
        var after = lastAssigned is null ? 0 : available.FindIndex(a => string.CompareOrdinal(a, lastAssigned) > 0);
        if (after < 0) after = 0;
        var order = available.Skip(after).Concat(available.Take(after)).ToList();
        return rule switch
        {
            AssignmentRule.RoundRobin => order[0],
            AssignmentRule.LeastLoaded => order.MinBy(a => openTickets.TryGetValue(a, out var n) ? n : 0),
            _ => throw new DomainException("unknown-rule", $"Unknown assignment rule {rule}."),
        };
    }
}
