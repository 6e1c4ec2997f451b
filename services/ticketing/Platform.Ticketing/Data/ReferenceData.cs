using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Runtime.CompilerServices;

namespace Platform.Ticketing.Data;

/// <summary>
/// Ticketing's reference data as one read: every category, SLA policy and business calendar (the calendars already
/// built for counting). Creating a ticket needs its category, the policies of its priority and its calendar, and
/// reading a ticket needs its calendar; they were four queries per created ticket, now none.
/// </summary>
public sealed class ReferenceSnapshot(
    IReadOnlyDictionary<string, TicketCategory> categories, IReadOnlyList<SlaPolicy> policies,
    IReadOnlyDictionary<Guid, BusinessCalendar> calendars)
{
    public TicketCategory? Category(string key) => categories.GetValueOrDefault(key);

    public IReadOnlyList<SlaPolicy> Policies => policies;

    public IReadOnlyDictionary<Guid, BusinessCalendar> Calendars => calendars;

    public BusinessCalendar CalendarOrAlwaysOpen(Guid id) => calendars.GetValueOrDefault(id) ?? BusinessCalendar.AlwaysOpen();

    public static async Task<ReferenceSnapshot> ReadAsync(TicketingDbContext db, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().ToListAsync(ct);
        var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(ct);
        var calendars = await db.Calendars.AsNoTracking().ToListAsync(ct);
        return new(categories.ToDictionary(c => c.Key, StringComparer.Ordinal), policies,
            calendars.ToDictionary(c => c.Id, c => c.ToBusinessCalendar()));
    }
}

/// <summary>
/// The reference data cached in this process, kept true across replicas: every save that adds, changes or removes a
/// category, policy or calendar sends <c>NOTIFY ticketing_reference</c> after it commits
/// (<see cref="ReferenceChangeInterceptor"/>; the bulk delete of a category sends it itself), and
/// <see cref="Jobs.ReferenceListener"/> in each replica drops the cache when it hears one. The cache is used only while the
/// listener is connected (a replica that cannot hear changes reads the database each time), and a snapshot is kept at
/// most <see cref="MaxAge"/> — the bound on staleness should a process die between its commit and its NOTIFY.
/// </summary>
public sealed class ReferenceCache(TimeProvider clock)
{
    public const string Channel = "ticketing_reference";

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private (ReferenceSnapshot Data, DateTimeOffset ReadAt)? _snapshot;
    private long _generation;

    /// <summary>Whether changes are heard (the listener is connected): only then is a snapshot kept.</summary>
    public bool Listening { get; private set; }

    public async ValueTask<ReferenceSnapshot> GetAsync(TicketingDbContext db, CancellationToken ct)
    {
        if (Listening && _snapshot is { } held && clock.GetUtcNow() - held.ReadAt < MaxAge) return held.Data;
        var generation = Interlocked.Read(ref _generation);
        var readAt = clock.GetUtcNow();
        var data = await ReferenceSnapshot.ReadAsync(db, ct);
        // Kept only if nothing changed while it was read (a change heard meanwhile may not be in it).
        lock (this)
        {
            if (Listening && Interlocked.Read(ref _generation) == generation) _snapshot = (data, readAt);
        }

        return data;
    }

    /// <summary>Forgets the snapshot: the next read goes to the database.</summary>
    public void Invalidate()
    {
        lock (this)
        {
            Interlocked.Increment(ref _generation);
            _snapshot = null;
        }
    }

    internal void SetListening(bool listening)
    {
        Invalidate();
        Listening = listening;
        Invalidate(); // a read that began before the switch is not kept either
    }
}

/// <summary>Sends the change notice after a save that touched reference data (and forgets this process's snapshot at once).</summary>
public sealed class ReferenceChangeInterceptor : SaveChangesInterceptor
{
    /// <summary>Contexts (pooled, reused) whose save in progress touches reference data.</summary>
    private readonly ConditionalWeakTable<DbContext, object> _touched = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } db) ReferenceNotice.SendAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } db) await ReferenceNotice.SendAsync(db, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    private void Mark(DbContext? context)
    {
        if (context is not TicketingDbContext db) return;
        var touched = db.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is TicketCategory or SlaPolicy or SlaCalendar);
        if (touched) _touched.AddOrUpdate(db, this);
    }

    private TicketingDbContext? Take(DbContext? context) =>
        context is TicketingDbContext db && _touched.Remove(db) ? db : null;
}

/// <summary>The change notice itself: this process forgets at once; the others when they hear it.</summary>
public static class ReferenceNotice
{
    public static async Task SendAsync(TicketingDbContext db, CancellationToken ct)
    {
        db.Reference.Invalidate();
        // Within the caller's transaction if there is one (sent when it commits), else on its own.
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{ReferenceCache.Channel}', '')", ct);
    }
}
