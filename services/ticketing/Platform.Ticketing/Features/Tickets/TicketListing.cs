using System.Globalization;
using static Platform.Ticketing.Data.Configurations.TicketConfiguration;

namespace Platform.Ticketing.Features.Tickets;

/// <summary>What the ticket list and the ticket search share: their common filters and their answer, a keyset page.</summary>
public static class TicketListing
{
    /// <summary>?sort=slaDue: tickets with a running SLA clock, the soonest due first (the agents' "breaching soon").</summary>
    public const string SortSlaDue = "slaDue";

    public const string SortNewest = "newest";

    public static Validator ValidStatusAndPriority(this Validator v, TicketStatus? status, Priority? priority) => v
        .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<TicketStatus>())}.")
        .Check(priority is null || Enum.IsDefined(priority.Value), "priority", "'priority' must be one of: P1, P2, P3, P4.");

    public static Validator ValidQueueView(this Validator v, string? sort, bool? unassigned, string? assignee) => v
        .Check(sort is null or SortNewest or SortSlaDue, "sort", $"'sort' must be one of: {SortNewest}, {SortSlaDue}.")
        .Check(unassigned != true || string.IsNullOrWhiteSpace(assignee), "unassigned", "'unassigned' and 'assignee' cannot be asked together.");

    /// <summary>Status, priority, queue and assignee: each filter given narrows the query.</summary>
    public static IQueryable<Ticket> Filtered(this IQueryable<Ticket> query, TicketStatus? status, Priority? priority, string? queue, string? assignee)
    {
        if (status is not null) query = query.Where(t => t.Status == status);
        if (priority is not null) query = query.Where(t => t.Priority == priority);
        if (!string.IsNullOrWhiteSpace(queue)) query = query.Where(t => t.Queue == queue);
        if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(t => t.Assignee == assignee);
        return query;
    }

    /// <summary>
    /// The agents' queue views: a category, nobody assigned, an SLA clock at warning or breach now (a running clock
    /// whose warning time has passed: <see cref="SlaWarnAt"/>).
    /// </summary>
    public static IQueryable<Ticket> QueueViewFiltered(this IQueryable<Ticket> query, string? category, bool? unassigned, bool? slaAtRisk,
        DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(category)) query = query.Where(t => t.Category == category.Trim());
        if (unassigned is { } none) query = none ? query.Where(t => t.Assignee == null) : query.Where(t => t.Assignee != null);
        if (slaAtRisk is { } risk)
            query = risk
                ? query.Where(t => EF.Property<DateTimeOffset?>(t, SlaWarnAt) <= now)
                : query.Where(t => EF.Property<DateTimeOffset?>(t, SlaWarnAt) == null || EF.Property<DateTimeOffset?>(t, SlaWarnAt) > now);
        return query;
    }

    /// <summary>
    /// ?myQueues=true: the tickets of the queues the caller works in (a member or the team lead), "my team's queues";
    /// false: the tickets of every other queue and of none.
    /// </summary>
    public static IQueryable<Ticket> InCallersQueues(this IQueryable<Ticket> query, TicketingDbContext db, bool? myQueues, string caller)
    {
        if (myQueues is not { } mine) return query;
        var queues = db.Queues.Where(q => q.TeamLead == caller || q.Members.Any(m => m.Agent == caller)).Select(q => q.Key);
        return mine
            ? query.Where(t => t.Queue != null && queues.Contains(t.Queue))
            : query.Where(t => t.Queue == null || !queues.Contains(t.Queue));
    }

    /// <summary>The page of tickets (newest first, one row beyond the page to know whether more follow), SLA clocks read now.</summary>
    public static async Task<Page<TicketResponse>> RespondAsync(
        this Keyset page, List<Ticket> rows, TicketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var sla = await SlaReader.LoadAsync(db, clock, ct);
        return page.ToPage(rows, t => t.Number, t => TicketResponse.From(t) with { Sla = sla.For(t) });
    }

    /// <summary>
    /// A keyset page in SLA due order: only tickets with a running clock (<see cref="SlaDueAt"/>, the sooner of the
    /// running clocks' due times, a generated column with an index), then by number; the cursor is (due, number).
    /// </summary>
    public static async Task<Page<TicketResponse>> SlaDuePageAsync(
        this IQueryable<Ticket> query, int take, SlaDueCursor? after, TicketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        query = query.Where(t => EF.Property<DateTimeOffset?>(t, SlaDueAt) != null);
        if (after is { } a)
        {
            var due = a.Due;
            var number = a.Number;
            query = query.Where(t => EF.Property<DateTimeOffset?>(t, SlaDueAt) > due
                || (EF.Property<DateTimeOffset?>(t, SlaDueAt) == due && t.Number > number));
        }
        var rows = await query.OrderBy(t => EF.Property<DateTimeOffset?>(t, SlaDueAt)).ThenBy(t => t.Number)
            .Select(t => new { Ticket = t, Due = EF.Property<DateTimeOffset?>(t, SlaDueAt) })
            .Take(take + 1).ToListAsync(ct);
        var sla = await SlaReader.LoadAsync(db, clock, ct);
        var items = rows.Take(take).Select(r => TicketResponse.From(r.Ticket) with { Sla = sla.For(r.Ticket) }).ToList();
        var next = rows.Count > take ? new SlaDueCursor(rows[take - 1].Due!.Value, rows[take - 1].Ticket.Number).ToString() : null;
        return new Page<TicketResponse>(items, next);
    }

    /// <summary>GET /api/tickets/counts: the tickets the caller may see, by status, and the open major incidents.</summary>
    public static async Task<Ok<TicketCounts>> Counts(TicketingDbContext db, HttpContext http, CancellationToken ct, string? assignee = null)
    {
        var caller = Caller.Of(http);
        var query = db.Tickets.AsNoTracking();
        if (!caller.SeesAllTickets) query = query.Where(t => t.Requester == caller.Id);
        if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(t => t.Assignee == assignee);
        var byStatus = await query.GroupBy(t => t.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var majorIncidents = await query.CountAsync(t => t.MajorIncident && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed, ct);
        return TypedResults.Ok(new TicketCounts(
            Enum.GetValues<TicketStatus>().ToDictionary(s => s.ToString(), s => byStatus.FirstOrDefault(b => b.Status == s)?.Count ?? 0),
            majorIncidents));
    }
}

/// <summary>Tickets by status (every status named, zero included) and the open major incidents.</summary>
public sealed record TicketCounts(IReadOnlyDictionary<string, int> ByStatus, int OpenMajorIncidents);

/// <summary>The cursor of the SLA due order: the last row's due time (microseconds since 1970, UTC) and number.</summary>
public readonly record struct SlaDueCursor(DateTimeOffset Due, long Number)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Due.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}.{Number}");

    public static SlaDueCursor? From(Validator v, string? cursor)
    {
        if (cursor is null) return null;
        var parts = cursor.Split('.');
        var ok = parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            && micros is > -62_135_596_800_000_000 and < 253_402_300_799_000_000;
        v.Check(ok, "cursor", "'cursor' is not a cursor this API returned.");
        if (!ok) return null;
        return new SlaDueCursor(DateTimeOffset.UnixEpoch.AddTicks(long.Parse(parts[0], CultureInfo.InvariantCulture) * 10),
            long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
