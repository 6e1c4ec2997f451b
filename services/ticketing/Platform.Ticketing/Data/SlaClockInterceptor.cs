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
        if (eventData.Context is TicketingDbContext db && TicketsUnderSla(db) is { Count: > 0 } tickets)
        {
            var ids = tickets.Select(t => t.SlaCalendarId!.Value).Distinct().ToList();
            var calendars = db.Calendars.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionary(c => c.Id, c => c.ToBusinessCalendar());
            Sync(tickets, id => calendars.GetValueOrDefault(id) ?? BusinessCalendar.AlwaysOpen());
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TicketingDbContext db && TicketsUnderSla(db) is { Count: > 0 } tickets)
            Sync(tickets, (await db.Reference.GetAsync(db, cancellationToken)).CalendarOrAlwaysOpen);
        return result;
    }

    private static List<Ticket> TicketsUnderSla(TicketingDbContext db) => db.ChangeTracker.Entries<Ticket>()
        .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.SlaCalendarId is not null)
        .Select(e => e.Entity).ToList();

    private static void Sync(List<Ticket> tickets, Func<Guid, BusinessCalendar> calendarOf)
    {
        foreach (var ticket in tickets) ticket.SyncSla(calendarOf(ticket.SlaCalendarId!.Value), ticket.UpdatedAt);
    }
}
