using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Ticketing.Data;

/// <summary>
/// Brings the SLA clocks of every ticket about to be inserted or updated in line with its status (see
/// <see cref="Ticket.SyncSla"/>): a ticket method changes the status, the clocks follow at the save, at the moment of
/// the ticket's last change. The calendars come from the reference data (<see cref="ReferenceSnapshot"/>: no query while
/// it is held); the synchronous SaveChanges reads the calendars it needs synchronously.
/// </summary>
public sealed class SlaClockInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is TicketingDbContext db && TicketsUnderSla(eventData) is { Count: > 0 } tickets)
        {
            var ids = tickets.Select(t => t.Entity.SlaCalendarId!.Value).Distinct().ToList();
            var calendars = db.Calendars.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionary(c => c.Id, c => c.ToBusinessCalendar());
            Sync(tickets, id => calendars.GetValueOrDefault(id) ?? BusinessCalendar.AlwaysOpen());
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TicketingDbContext db && TicketsUnderSla(eventData) is { Count: > 0 } tickets)
            Sync(tickets, (await db.Reference.GetAsync(db, cancellationToken)).CalendarOrAlwaysOpen);
        return result;
    }

    private static List<EntityEntry<Ticket>> TicketsUnderSla(DbContextEventData save) => SaveScan.Entries<Ticket>(save)
        .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.SlaCalendarId is not null)
        .ToList();

    /// <summary>The clocks are the ticket's own properties: their changes are detected for the interceptors after this one.</summary>
    private static void Sync(List<EntityEntry<Ticket>> tickets, Func<Guid, BusinessCalendar> calendarOf)
    {
        foreach (var entry in tickets)
        {
            entry.Entity.SyncSla(calendarOf(entry.Entity.SlaCalendarId!.Value), entry.Entity.UpdatedAt);
            SaveScan.Changed(entry);
        }
    }
}
