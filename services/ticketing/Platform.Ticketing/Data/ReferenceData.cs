using Platform.Data.Reference;

namespace Platform.Ticketing.Data;

/// <summary>
/// Ticketing's reference data as one read: every category, SLA policy and business calendar (the calendars already
/// built for counting). Creating a ticket needs its category, the policies of its priority and its calendar, and
/// reading a ticket needs its calendar; they were four queries per created ticket, now none while the snapshot is held
/// (<see cref="ReferenceCache{TSnapshot}"/>: cached per process, dropped on every change in any replica).
/// </summary>
public sealed class ReferenceSnapshot(
    IReadOnlyDictionary<string, TicketCategory> categories, IReadOnlyList<SlaPolicy> policies,
    IReadOnlyDictionary<Guid, BusinessCalendar> calendars)
{
    public TicketCategory? Category(string key) => categories.GetValueOrDefault(key);

    public IReadOnlyList<SlaPolicy> Policies => policies;

    public IReadOnlyDictionary<Guid, BusinessCalendar> Calendars => calendars;

    public BusinessCalendar CalendarOrAlwaysOpen(Guid id) => calendars.GetValueOrDefault(id) ?? BusinessCalendar.AlwaysOpen();

    /// <summary>The notification channel of changes to this data.</summary>
    public const string Channel = "ticketing_reference";

    /// <summary>Whether a saved entity is reference data (its change must reach every replica's cache).</summary>
    public static bool Holds(object entity) => entity is TicketCategory or SlaPolicy or SlaCalendar;

    public static async Task<ReferenceSnapshot> ReadAsync(DbContext context, CancellationToken ct)
    {
        var db = (TicketingDbContext)context;
        var categories = await db.Categories.AsNoTracking().ToListAsync(ct);
        var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(ct);
        var calendars = await db.Calendars.AsNoTracking().ToListAsync(ct);
        return new(categories.ToDictionary(c => c.Key, StringComparer.Ordinal), policies,
            calendars.ToDictionary(c => c.Id, c => c.ToBusinessCalendar()));
    }
}
