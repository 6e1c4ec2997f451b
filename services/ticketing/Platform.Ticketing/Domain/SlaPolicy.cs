namespace Platform.Ticketing.Domain;

/// <summary>A named business calendar as stored: IANA time zone, working periods per weekday, holidays.</summary>
public sealed class SlaCalendar
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>IANA time zone id, for example Europe/Paris.</summary>
    public required string TimeZone { get; set; }

    public List<WorkingPeriod> WorkingPeriods { get; set; } = [];
    public List<DateOnly> Holidays { get; set; } = [];

    public uint Version { get; private set; }

    public BusinessCalendar ToBusinessCalendar() =>
        new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone), WorkingPeriods, Holidays);

    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}

/// <summary>
/// SLA targets for tickets of one priority (and, optionally, one category; a category-specific policy wins over
/// the priority's general one), counted in business time on a calendar, with what happens on a breach.
/// </summary>
public sealed class SlaPolicy
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public Priority Priority { get; set; }

    /// <summary>Null: every category of the priority without a policy of its own.</summary>
    public string? Category { get; set; }

    public Guid CalendarId { get; set; }
    public int FirstResponseMinutes { get; set; }
    public int ResolutionMinutes { get; set; }

    /// <summary>Share of a target (percent) at which TicketSlaWarning is raised.</summary>
    public int WarningPercent { get; set; } = 80;

    /// <summary>On a breach: the queue (second line) the ticket is handed to, if any.</summary>
    public string? EscalateToQueue { get; set; }

    /// <summary>On a breach: raise the ticket's priority one step (P3 → P2…).</summary>
    public bool RaisePriorityOnBreach { get; set; }

    /// <summary>On a breach: who is told (the team lead), carried by the TicketSlaBreached event.</summary>
    public string? NotifyOnBreach { get; set; }

    public uint Version { get; private set; }

    /// <summary>The policy for a ticket: the priority's policy for its category, else the priority's general one.</summary>
    public static SlaPolicy? For(IEnumerable<SlaPolicy> policies, Priority priority, string? category) =>
        policies.Where(p => p.Priority == priority && (p.Category is null || string.Equals(p.Category, category, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(p => p.Category is null ? 1 : 0)
            .FirstOrDefault();
}
