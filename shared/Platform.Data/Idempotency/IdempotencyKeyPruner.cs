using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Platform.Data;

/// <summary>
/// Deletes idempotency keys older than <see cref="IdempotencyOptions.Retention"/>, in batches, every
/// <see cref="IdempotencyOptions.PruneInterval"/>. Safe with several replicas (SKIP LOCKED); a key the middleware is
/// taking over right now is left to it. Expired rows the pruner has not reached yet are already treated as absent.
/// </summary>
public sealed partial class IdempotencyKeyPruner<TDbContext>(
    IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyKeyPruner<TDbContext>> logger)
    : PollingWorker where TDbContext : DbContext
{
    private const int Batch = 1000;

    protected override TimeProvider Clock => clock;

    protected override TimeSpan Interval => options.Value.PruneInterval;

    protected override async Task<PollOutcome> RunPassAsync(CancellationToken ct)
    {
        await PruneAsync(ct);
        return PollOutcome.Idle;
    }

    /// <summary>Deletes the expired keys; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        int deleted, total = 0;
        do
        {
            deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM idempotency_keys WHERE (caller, key) IN (
                    SELECT caller, key FROM idempotency_keys WHERE created_at < {cutoff} LIMIT {Batch} FOR UPDATE SKIP LOCKED)
                """, ct);
            total += deleted;
        }
        while (deleted == Batch);

        return total;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning idempotency keys failed; trying again at the next interval")]
    protected override partial void LogFailed(Exception exception);
}
