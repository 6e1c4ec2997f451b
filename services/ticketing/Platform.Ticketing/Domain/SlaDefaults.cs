namespace Platform.Ticketing.Domain;

/// <summary>
/// The calendars and policies a new help desk starts with, seeded by the SlaPolicies migration (edit them through
/// /api/calendars and /api/sla-policies). Calendars: "24x7" (UTC, round the clock) and "Paris office hours"
/// (Europe/Paris, Monday–Friday 08:00–18:00, French public holidays 2026–2027). Policies, ITIL-ish: P1 counts
/// round the clock, 1 h to answer and 4 h to resolve; the others count office hours (a business day is 10 h):
/// P2 2 h / 1 day, P3 4 h / 3 days, P4 1 day / 5 days. P1 and P2 breaches go to second line
/// (service-desk-l2) and tell bob, the demo directory's agent, who leads both service desk queues (SeededPeople
/// migration); P2 and P3 breaches raise the priority one step (once, see <see cref="Ticket.BreachSla"/>).
/// </summary>
public static class SlaDefaults
{
    public static readonly Guid AlwaysOpenId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    public static readonly Guid ParisOfficeId = Guid.Parse("0193a000-0000-7000-8000-000000000002");
}
