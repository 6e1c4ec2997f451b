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
/// <remarks>
/// A pass raises its notices in chunks: one scope, one query each for the tickets, their policies, the escalation
/// queues and the loads of those queues' members, and one transaction for the whole chunk (about 6 round trips per
/// chunk instead of 5 per notice). When the chunk's transaction fails on the key or on a ticket changed meanwhile,
/// nothing of it is written and each of its tickets is tried alone, so the key still decides every notice.
/// </remarks>
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

            foreach (var chunk in ids.Chunk(ChunkSize))
                raised += await RaiseChunkAsync(chunk, kind, ct);
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

    /// <summary>Notices raised in one transaction; after a conflict each of them is tried in a transaction of its own.</summary>
    private const int ChunkSize = 50;

    private static SlaClockKind ClockOf(SlaNoticeKind kind) =>
        kind is SlaNoticeKind.FirstResponseWarning or SlaNoticeKind.FirstResponseBreached ? SlaClockKind.FirstResponse : SlaClockKind.Resolution;

    private static bool IsBreach(SlaNoticeKind kind) => kind is SlaNoticeKind.FirstResponseBreached or SlaNoticeKind.ResolutionBreached;

    /// <summary>Whether the ticket's clock is (still) past the notice's time: it may have been answered, paused or resolved since the candidates were listed.</summary>
    private static bool StillDue(Ticket? ticket, SlaNoticeKind kind, DateTimeOffset now) =>
        ticket?.Clock(ClockOf(kind)) is { IsRunning: true } slaClock
        && (IsBreach(kind) ? slaClock.DueAt <= now : slaClock.WarnAt <= now && slaClock.DueAt > now);

    /// <summary>
    /// Applies the notice to a tracked ticket: a warning, or a breach with the policy's escalation. A ticket handed to
    /// a second-line queue goes to the agent its rule picks from <paramref name="loads"/>, which this keeps current
    /// for the next ticket of the same chunk.
    /// </summary>
    private static void Apply(TicketingDbContext db, Ticket ticket, SlaNoticeKind kind, DateTimeOffset now,
        SlaPolicy? policy, TicketQueue? queue, Dictionary<string, int> loads)
    {
        db.Set<SlaNotice>().Add(new SlaNotice { TicketId = ticket.Id, Kind = kind, RaisedAt = now });
        if (!IsBreach(kind))
        {
            ticket.WarnSla(ClockOf(kind), now);
            return;
        }

        var previousQueue = ticket.Queue;
        ticket.BreachSla(ClockOf(kind), policy, now, queue?.TeamLead);
        if (queue is null || ticket.Queue == previousQueue || !TicketWorkflow.CanAssign(ticket.Status)
            || queue.NextAssignee(loads) is not { } agent) return;
        var previous = ticket.Assignee;
        ticket.Assign(agent, Ticket.System, now);
        if (previous == agent) return;
        loads[agent] = loads.GetValueOrDefault(agent) + 1;
        if (previous is not null && loads.TryGetValue(previous, out var held) && held > 0) loads[previous] = held - 1;
    }

    private static bool IsConflict(DbUpdateException ex) => ex is DbUpdateConcurrencyException
        || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "sla_notices" };

    /// <summary>Raises the chunk's notices in one transaction; on a conflict, each alone. Returns how many were raised.</summary>
    private async Task<int> RaiseChunkAsync(Guid[] ids, SlaNoticeKind kind, CancellationToken ct)
    {
        if (await TryRaiseAsync(ids, kind, ct) is { } together) return together;
        var raised = 0;
        foreach (var id in ids)
            raised += await TryRaiseAsync([id], kind, ct) ?? 0; // a conflict now: raised first elsewhere, or the next pass looks again
        return raised;
    }

    /// <summary>
    /// Raises the notices of these tickets that are still due in one transaction; how many, or null when the save met
    /// another checker's notice or a ticket an agent changed meanwhile (then nothing of it was written).
    /// </summary>
    private async Task<int?> TryRaiseAsync(Guid[] ids, SlaNoticeKind kind, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TicketingDbContext>();
        var now = clock.GetUtcNow();
        var tickets = (await db.Tickets.Where(t => ids.Contains(t.Id)).ToListAsync(ct)).Where(t => StillDue(t, kind, now)).ToList();
        if (tickets.Count == 0) return 0;

        Dictionary<Guid, SlaPolicy> policies = [];
        Dictionary<string, TicketQueue> queues = new(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, int> loads = [];
        if (IsBreach(kind))
        {
            var policyIds = tickets.Where(t => t.SlaPolicyId is not null).Select(t => t.SlaPolicyId!.Value).Distinct().ToList();
            policies = await db.SlaPolicies.AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var keys = policies.Values.Select(p => p.EscalateToQueue).OfType<string>().Distinct().ToList();
            if (keys.Count > 0)
            {
                foreach (var q in await db.Queues.Include(q => q.Members).Where(q => keys.Contains(q.Key)).ToListAsync(ct))
                    queues[q.Key] = q;
                loads = await Features.Queues.QueueLoads.OpenTicketsAsync(db, queues.Values.SelectMany(q => q.Members).Select(m => m.Agent).Distinct(), ct);
            }
        }

        foreach (var ticket in tickets)
        {
            var policy = ticket.SlaPolicyId is { } pid ? policies.GetValueOrDefault(pid) : null;
            var queue = policy?.EscalateToQueue is { } key ? queues.GetValueOrDefault(key) : null;
            Apply(db, ticket, kind, now, policy, queue, loads);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return tickets.Count;
        }
        catch (DbUpdateException ex) when (IsConflict(ex))
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "SLA check failed; retrying at the next interval")]
    protected override partial void LogFailed(Exception ex);
}
