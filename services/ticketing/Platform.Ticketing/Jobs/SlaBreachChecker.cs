using Npgsql;

namespace Platform.Ticketing.Jobs;

/// <summary>Breach checker settings ("Sla:Checker").</summary>
public sealed class SlaCheckerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How often the checker looks for clocks past their warning or due time.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tickets handled per kind of notice and pass.</summary>
    public int BatchSize { get; set; } = 200;
}

/// <summary>What the checker raised for one ticket; the key (ticket, kind) makes each notice happen once.</summary>
public sealed class SlaNotice
{
    public Guid TicketId { get; init; }
    public SlaNoticeKind Kind { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}

public enum SlaNoticeKind { FirstResponseWarning, FirstResponseBreached, ResolutionWarning, ResolutionBreached }

/// <summary>
/// Raises TicketSlaWarning and TicketSlaBreached (with the policy's escalation) for running clocks past their
/// warning or due time. Each notice is a row in sla_notices keyed by (ticket, kind), inserted in the same transaction
/// as the ticket's change and the event's outbox row: with several replicas (or after a restart) the second attempt
/// hits the key and rolls back, so every warning and breach is raised exactly once.
/// </summary>
public sealed partial class SlaBreachChecker(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<SlaCheckerOptions> options, ILogger<SlaBreachChecker> logger)
    : PollingWorker
{
    private readonly SlaCheckerOptions _options = options.Value;

    protected override bool Enabled => _options.Enabled;

    protected override TimeProvider Clock => clock;

    protected override TimeSpan Interval => _options.CheckInterval;

    protected override async Task<PollOutcome> RunPassAsync(CancellationToken ct)
    {
        await CheckOnceAsync(ct);
        return PollOutcome.Idle;
    }

    /// <summary>One pass: every notice due now. Returns how many this instance raised. Public for tests.</summary>
    public async Task<int> CheckOnceAsync(CancellationToken ct)
    {
        var raised = 0;
        foreach (var kind in Enum.GetValues<SlaNoticeKind>())
        {
            var now = clock.GetUtcNow();
            List<Guid> ids;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<TicketingDbContext>();
                ids = await Candidates(db, kind, now).Take(_options.BatchSize).ToListAsync(ct);
            }

            foreach (var id in ids)
                if (await RaiseAsync(id, kind, ct)) raised++;
        }

        return raised;
    }

    private static IQueryable<Guid> Candidates(TicketingDbContext db, SlaNoticeKind kind, DateTimeOffset now)
    {
        var notices = db.Set<SlaNotice>();
        var tickets = db.Tickets.AsNoTracking().Where(t => !notices.Any(n => n.TicketId == t.Id && n.Kind == kind));
        return kind switch
        {
            SlaNoticeKind.FirstResponseWarning => tickets
                .Where(t => t.FirstResponse.RunningSince != null && t.FirstResponse.WarnAt <= now && t.FirstResponse.DueAt > now)
                .OrderBy(t => t.FirstResponse.WarnAt).Select(t => t.Id),
            SlaNoticeKind.FirstResponseBreached => tickets
                .Where(t => t.FirstResponse.RunningSince != null && t.FirstResponse.DueAt <= now)
                .OrderBy(t => t.FirstResponse.DueAt).Select(t => t.Id),
            SlaNoticeKind.ResolutionWarning => tickets
                .Where(t => t.Resolution.RunningSince != null && t.Resolution.WarnAt <= now && t.Resolution.DueAt > now)
                .OrderBy(t => t.Resolution.WarnAt).Select(t => t.Id),
            _ => tickets
                .Where(t => t.Resolution.RunningSince != null && t.Resolution.DueAt <= now)
                .OrderBy(t => t.Resolution.DueAt).Select(t => t.Id),
        };
    }

    /// <summary>Raises one notice in its own transaction; false when another checker raised it first or it no longer applies.</summary>
    private async Task<bool> RaiseAsync(Guid ticketId, SlaNoticeKind kind, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TicketingDbContext>();
        var now = clock.GetUtcNow();
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        var clockKind = kind is SlaNoticeKind.FirstResponseWarning or SlaNoticeKind.FirstResponseBreached
            ? SlaClockKind.FirstResponse : SlaClockKind.Resolution;
        var breach = kind is SlaNoticeKind.FirstResponseBreached or SlaNoticeKind.ResolutionBreached;
        // Re-read: the ticket may have been answered, paused or resolved since the candidates were listed.
        if (ticket?.Clock(clockKind) is not { IsRunning: true } slaClock) return false;
        if (breach ? slaClock.DueAt > now : slaClock.WarnAt > now || slaClock.DueAt <= now) return false;

        db.Set<SlaNotice>().Add(new SlaNotice { TicketId = ticketId, Kind = kind, RaisedAt = now });
        if (breach)
        {
            var policy = await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == ticket.SlaPolicyId, ct);
            var queue = policy?.EscalateToQueue is { } key
                ? await db.Queues.Include(q => q.Members).FirstOrDefaultAsync(q => q.Key == key, ct)
                : null;
            var previousQueue = ticket.Queue;
            ticket.BreachSla(clockKind, policy, now, queue?.TeamLead);
            // Handed to a second-line queue: its rule picks the agent who takes over.
            if (queue is not null && ticket.Queue != previousQueue
                && queue.NextAssignee(await Features.Queues.QueueLoads.OpenTicketsAsync(db, queue.Members.Select(m => m.Agent), ct)) is { } agent)
                ticket.Assign(agent, Ticket.System, now);
        }
        else
        {
            ticket.WarnSla(clockKind, now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException
            || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "sla_notices" })
        {
            // Another checker raised it first (or an agent changed the ticket meanwhile: the next pass looks again).
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "SLA check failed; retrying at the next interval")]
    protected override partial void LogFailed(Exception ex);
}
