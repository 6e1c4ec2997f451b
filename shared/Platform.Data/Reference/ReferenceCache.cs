using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Data.Reference;

/// <summary>
/// A service's reference data (the rows nearly every request or message reads and almost none writes: ticketing's
/// categories, SLA policies and calendars; notifications' rules and webhook subscriptions) held in this process as one
/// snapshot, kept true across replicas: every save that adds, changes or removes such a row sends
/// <c>NOTIFY &lt;channel&gt;</c> when it commits (<see cref="ReferenceChangeInterceptor{TSnapshot}"/>, or
/// <see cref="ReferenceNotice"/> for a bulk statement), and <see cref="ReferenceListener{TSnapshot}"/> in each replica
/// drops the snapshot when it hears one. The snapshot is used only while the listener is connected (a replica that
/// cannot hear changes reads the database each time), and kept at most <see cref="MaxAge"/>: the bound on staleness
/// should a process die between its commit and its NOTIFY.
/// </summary>
public sealed class ReferenceCache<TSnapshot>(TimeProvider clock, string channel, Func<DbContext, CancellationToken, Task<TSnapshot>> read)
    where TSnapshot : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private (TSnapshot Data, DateTimeOffset ReadAt)? _snapshot;
    private long _generation;

    /// <summary>The PostgreSQL notification channel of this data's changes.</summary>
    public string Channel { get; } = channel;

    /// <summary>Whether changes are heard (the listener is connected): only then is a snapshot kept.</summary>
    public bool Listening { get; private set; }

    public async ValueTask<TSnapshot> GetAsync(DbContext db, CancellationToken ct)
    {
        if (Listening && _snapshot is { } held && clock.GetUtcNow() - held.ReadAt < MaxAge) return held.Data;
        var generation = Interlocked.Read(ref _generation);
        var readAt = clock.GetUtcNow();
        var data = await read(db, ct);
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

public static class ReferenceCacheRegistration
{
    /// <summary>
    /// Registers a <see cref="ReferenceCache{TSnapshot}"/> read by <paramref name="read"/> and its listener on
    /// <paramref name="channel"/> over the connection string <paramref name="connectionName"/>. The configuration key
    /// <paramref name="switchKey"/> set to false keeps the cache off (every use reads the database: the A/B switch of
    /// tools/bench/cpu-per-ticket.sh, and a way out should the cache ever be suspected).
    /// </summary>
    public static IServiceCollection AddReferenceCache<TSnapshot>(this IServiceCollection services, string channel, string connectionName,
        string switchKey, Func<DbContext, CancellationToken, Task<TSnapshot>> read)
        where TSnapshot : class
    {
        services.AddSingleton(sp => new ReferenceCache<TSnapshot>(sp.GetService<TimeProvider>() ?? TimeProvider.System, channel, read));
        services.AddHostedService(sp => new ReferenceListener<TSnapshot>(sp.GetRequiredService<ReferenceCache<TSnapshot>>(),
            sp.GetRequiredService<IConfiguration>(), connectionName, switchKey, sp.GetRequiredService<ILogger<ReferenceListener<TSnapshot>>>()));
        return services;
    }

    /// <summary>The context's application's cache of <typeparamref name="TSnapshot"/>.</summary>
    public static ReferenceCache<TSnapshot> ReferenceCache<TSnapshot>(this DbContext db) where TSnapshot : class =>
        db.GetService<ReferenceCache<TSnapshot>>();
}

/// <summary>
/// Listens on the cache's channel with a connection of its own; drops the snapshot on each notice, and turns the cache
/// off while it is not connected (reconnecting after a second).
/// </summary>
public sealed partial class ReferenceListener<TSnapshot>(ReferenceCache<TSnapshot> cache, IConfiguration configuration, string connectionName,
    string switchKey, ILogger<ReferenceListener<TSnapshot>> log) : BackgroundService
    where TSnapshot : class
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrEmpty(connectionString)) return; // no database configured: the cache stays off
        if (!configuration.GetValue(switchKey, true)) return;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => cache.Invalidate();
                await using (var listen = new NpgsqlCommand($"LISTEN {cache.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.SetListening(true);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LostConnection(log, cache.Channel, e.Message);
            }
            finally
            {
                cache.SetListening(false);
            }

            try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reference data listener on {Channel} lost its connection ({Error}); reading that data from the database until it is back")]
    private static partial void LostConnection(ILogger logger, string channel, string error);
}

/// <summary>
/// Sends the change notice after a save that touched reference data (an entity <paramref name="isReference"/> accepts
/// added, changed or deleted), and forgets this process's snapshot at once. A save inside an explicit transaction is
/// not visible to other connections until the commit, so a read begun meanwhile could take the old rows for new: the
/// snapshot is forgotten once more when that transaction commits (its notice reaches the other replicas then too).
/// </summary>
public sealed class ReferenceChangeInterceptor<TSnapshot>(Func<object, bool> isReference) : SaveChangesInterceptor, IDbTransactionInterceptor
    where TSnapshot : class
{
    /// <summary>Contexts (pooled, reused) whose save in progress touches reference data.</summary>
    private readonly ConditionalWeakTable<DbContext, object> _touched = new();

    /// <summary>Contexts whose transaction holds a saved change of reference data, not yet committed.</summary>
    private readonly ConditionalWeakTable<DbContext, object> _uncommitted = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } db)
        {
            ReferenceNotice.SendAsync<TSnapshot>(db, CancellationToken.None).GetAwaiter().GetResult();
            HoldUntilCommit(db);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } db)
        {
            await ReferenceNotice.SendAsync<TSnapshot>(db, cancellationToken);
            HoldUntilCommit(db);
        }

        return result;
    }

    private void HoldUntilCommit(DbContext db)
    {
        if (db.Database.CurrentTransaction is not null) _uncommitted.AddOrUpdate(db, this);
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommitted.TryGetValue(context, out _) && _uncommitted.Remove(context))
            context.ReferenceCache<TSnapshot>().Invalidate();
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is not null) _uncommitted.Remove(eventData.Context);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
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

    private void Mark(DbContextEventData save)
    {
        if (save.Context is not { } context) return;
        var touched = SaveScan.Entries(save).Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && isReference(e.Entity));
        if (touched) _touched.AddOrUpdate(context, this);
    }

    /// <summary>
    /// The context if its save was marked, unmarked. Every save of the service ends here, and nearly none touched
    /// reference data: the lock-free lookup answers those, and only a marked context takes the table's lock to be removed
    /// (ticketing's profile showed the lock contended when every save removed).
    /// </summary>
    private DbContext? Take(DbContext? context) =>
        context is not null && _touched.TryGetValue(context, out _) && _touched.Remove(context) ? context : null;
}

/// <summary>The change notice itself: this process forgets at once; the others when they hear it.</summary>
public static class ReferenceNotice
{
    /// <summary>
    /// Sends the notice of <typeparamref name="TSnapshot"/>'s channel: within the caller's transaction if there is one
    /// (PostgreSQL delivers it when it commits), else on its own. Call it after a bulk statement, which passes no
    /// interceptor.
    /// </summary>
    public static async Task SendAsync<TSnapshot>(DbContext db, CancellationToken ct) where TSnapshot : class
    {
        var cache = db.ReferenceCache<TSnapshot>();
        cache.Invalidate();
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({cache.Channel}, '')", ct);
    }
}
