using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging.Inbox;
using Platform.ServiceDefaults;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes outbox rows, by two paths (decision 0022). The rows a transaction of this process committed are handed to
/// the dispatcher in memory (<see cref="OutboxSignal.HandOff"/>): it publishes them with publisher confirms, keeping the
/// row id as MessageId, and marks the published ones dispatched with one statement of its own, without claiming them
/// first. Every other row (written by another replica or process, left by a crash, a failed publish, a full hand-off)
/// is claimed every poll interval with FOR UPDATE SKIP LOCKED inside a transaction, once older than the hand-off grace,
/// published, and marked in the same transaction. Several replicas can run side by side: a claimed row is locked by one
/// claimer until it commits. A crash after publishing but before the marking, or a handed-off row still unmarked after
/// the grace, re-publishes the row later (at-least-once; the inbox makes that harmless).
/// </summary>
public sealed partial class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopeFactory,
    IBus bus,
    OutboxSignal signal,
    PublishHealth health,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TDbContext>> logger) : PollingWorker
    where TDbContext : DbContext
{
    private readonly OutboxOptions _options = options.Value;

    /// <summary>Publishes given up on after the timeout that have not finished yet (see <see cref="PublishAsync"/>).</summary>
    private readonly List<Task> _abandoned = [];
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;
    private DateTimeOffset _nextClaim = DateTimeOffset.MinValue;

    protected override TimeSpan Interval => _options.PollInterval;

    /// <summary>Full batches follow each other at once; after failures the wait doubles, up to MaxBackoff.</summary>
    protected override TimeSpan FailureBackoff(TimeSpan previous) => TimeSpan.FromTicks(Math.Min(previous.Ticks * 2, _options.MaxBackoff.Ticks));

    protected override Task StartingAsync(CancellationToken ct)
    {
        signal.Accepting = true;
        return WaitForBusAsync(ct);
    }

    protected override Task WaitAsync(TimeSpan wait, CancellationToken ct) => PauseAsync(wait, ct);

    /// <summary>
    /// The rows handed off since the last pass, then, once per poll interval (at once after a full batch), the claim of
    /// the rows older than the grace.
    /// </summary>
    protected override async Task<PollOutcome> RunPassAsync(CancellationToken ct)
    {
        var handedOff = await DispatchHandedOffAsync(ct);
        if (handedOff.Failed == 0 && handedOff.Claimed == _options.BatchSize) return PollOutcome.More;
        var claimed = new BatchResult(0, 0);
        if (DateTimeOffset.UtcNow >= _nextClaim)
        {
            claimed = await DispatchBatchAsync(ct);
            var full = claimed.Failed == 0 && claimed.Claimed == _options.BatchSize;
            _nextClaim = full ? DateTimeOffset.MinValue : DateTimeOffset.UtcNow + _options.PollInterval;
            if (full) return PollOutcome.More;
        }
        await CleanupAsync(ct);
        return handedOff.Failed + claimed.Failed == 0 ? PollOutcome.Idle : PollOutcome.Failed;
    }

    /// <summary>
    /// Until the next pass: a commit's signal or the poll interval; after failures, the back-off — but while the bus
    /// is disconnected, only until it is connected again, so a backlog goes out as soon as the broker is back.
    /// </summary>
    private async Task PauseAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= _options.PollInterval || bus is not IBusControl control || BusConnected())
        {
            await signal.WaitAsync(wait, stoppingToken);
            return;
        }

        await UntilHealthyAsync(control, wait, stoppingToken);
    }

    /// <summary>
    /// This dispatcher starts before the bus does (hosted services start in registration order, and the bus starts in
    /// the background). A restarted service has rows waiting, and publishing them into a bus that is still connecting
    /// only ran into the publish timeout. So the first pass waits until the bus reports healthy (at most three publish
    /// timeouts; after that it goes on and the back-off takes over).
    /// </summary>
    private async Task WaitForBusAsync(CancellationToken stoppingToken)
    {
        if (bus is not IBusControl control) return;
        try { await UntilHealthyAsync(control, 3 * _options.PublishTimeout, stoppingToken); }
        catch (OperationCanceledException) { }
    }

    private bool BusConnected() => bus is not IBusControl control || control.CheckHealth().Status == BusHealthStatus.Healthy;

    /// <summary>Returns when the bus reports healthy or after <paramref name="limit"/>, whichever comes first.</summary>
    private static async Task UntilHealthyAsync(IBusControl control, TimeSpan limit, CancellationToken stoppingToken)
    {
        var until = DateTimeOffset.UtcNow + limit;
        while (control.CheckHealth().Status != BusHealthStatus.Healthy && DateTimeOffset.UtcNow < until)
            await Task.Delay(50, stoppingToken);
    }

    /// <summary>
    /// False (and the publish health failed) while publishes given up on earlier still hang and the broker is away:
    /// starting more only piles them up. Once the bus is connected again they are forgotten: a publish begun on a
    /// connection that died can hang for good (seen in the fault suite: ticketing published nothing for minutes after
    /// the broker's return, its thousands of rows held back by one such publish). Their rows were counted as failed and
    /// go out again now; should a forgotten publish still complete, the consumers' inbox absorbs the second copy (same
    /// MessageId).
    /// </summary>
    private bool MayPublish()
    {
        lock (_abandoned)
        {
            _abandoned.RemoveAll(t => t.IsCompleted);
            if (_abandoned.Count == 0) return true;
            if (!BusConnected())
            {
                health.Failed();
                return false;
            }
            LogAbandonedForgotten(_abandoned.Count);
            _abandoned.Clear();
            return true;
        }
    }

    /// <summary>
    /// Publishes the rows handed off by this process's commits and marks the published ones, one statement outside any
    /// transaction (a row another dispatcher marked meanwhile stays as it is). While the bus is disconnected the rows
    /// are left to the claim, which backs off.
    /// </summary>
    private async Task<BatchResult> DispatchHandedOffAsync(CancellationToken cancellationToken)
    {
        if (signal.Waiting == 0) return new BatchResult(0, 0);
        if (!BusConnected() || !MayPublish())
        {
            signal.Take(int.MaxValue);
            return new BatchResult(0, 0);
        }

        var rows = signal.Take(_options.BatchSize);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        return await PublishAndMarkAsync(db, null, rows, cancellationToken);
    }

    /// <summary>
    /// Claims, publishes and marks one batch of the rows older than the hand-off grace.
    /// </summary>
    private async Task<BatchResult> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        if (!MayPublish()) return new BatchResult(0, 1);

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var rows = await ClaimAsync(db, transaction, cancellationToken);
        if (rows.Count == 0)
        {
            health.Published(); // nothing waits: nothing is stuck
            return new BatchResult(0, 0);
        }

        var result = await PublishAndMarkAsync(db, transaction, rows, cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    /// <summary>Publishes the rows, then marks the published ones and counts the attempt of the failed ones.</summary>
    private async Task<BatchResult> PublishAndMarkAsync(TDbContext db, IDbContextTransaction? transaction, List<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        var outcomes = await Task.WhenAll(rows.Select(row => PublishAsync(row, cancellationToken)));

        var now = DateTimeOffset.UtcNow;
        var published = new List<Guid>(rows.Count);
        var failedIds = new List<Guid>();
        var errors = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i] is not { } error)
            {
                published.Add(rows[i].Id);
                continue;
            }
            failedIds.Add(rows[i].Id);
            errors.Add(error[..Math.Min(error.Length, 2000)]);
        }

        // Marking must happen even when the host is stopping: the rows were published. One statement marks every
        // published row of the batch, one more counts the attempt of every failed one (rare).
        if (published.Count > 0)
            await ExecuteAsync(db, transaction,
                "UPDATE outbox_messages SET dispatched_at = @now, last_error = NULL WHERE id = ANY(@ids) AND dispatched_at IS NULL",
                ("now", now), ("ids", published.ToArray()));
        if (failedIds.Count > 0)
            await ExecuteAsync(db, transaction,
                "UPDATE outbox_messages AS o SET attempts = o.attempts + 1, last_error = f.error FROM unnest(@ids, @errors) AS f(id, error) WHERE o.id = f.id AND o.dispatched_at IS NULL",
                ("ids", failedIds.ToArray()), ("errors", errors.ToArray()));
        var failed = failedIds.Count;
        if (failed > 0) LogBatchPartlyFailed(failed, rows.Count);
        if (failed < rows.Count) health.Published();
        else health.Failed();
        return new BatchResult(rows.Count, failed);
    }

    /// <summary>
    /// The oldest pending rows older than the hand-off grace (younger ones are on their way from memory), locked for
    /// this transaction (SKIP LOCKED: another claimer takes the next ones). Plain ADO.NET, as the marking below: when
    /// the claim ran on every commit's wake-up, EF Core's query pipeline (building and looking up the query,
    /// materialising) cost more than the statement's own work in the profile.
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimAsync(TDbContext db, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = RawCommand.Create(db, transaction, """
            SELECT id, type, body, trace_parent, trace_state, created_at, attempts FROM outbox_messages
            WHERE dispatched_at IS NULL AND attempts < @max AND created_at < @cutoff
            ORDER BY created_at
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """, ("max", _options.MaxAttempts), ("cutoff", DateTimeOffset.UtcNow - _options.HandOffGrace), ("limit", _options.BatchSize));
        var rows = new List<OutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new OutboxMessage
            {
                Id = reader.GetGuid(0),
                Type = reader.GetString(1),
                Body = reader.GetString(2),
                TraceParent = reader.IsDBNull(3) ? null : reader.GetString(3),
                TraceState = reader.IsDBNull(4) ? null : reader.GetString(4),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(5),
                Attempts = reader.GetInt32(6),
            });
        return rows;
    }

    private static async Task ExecuteAsync(TDbContext db, IDbContextTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = RawCommand.Create(db, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private async Task<string?> PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        using var activity = MessagingTelemetry.Source.StartActivity(
            $"outbox publish {row.Type}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id);
        try
        {
            var type = EventTypes.Resolve(row.Type);
            var message = JsonSerializer.Deserialize(row.Body, type, EventTypes.Json)
                ?? throw new InvalidOperationException("Outbox body is null.");
            // The publish itself is never cancelled by our timeout: RabbitMQ.Client 7 can leave a channel's
            // publisher-confirmation state broken when a publish is cancelled mid-way, and every later publish on that
            // channel then timed out too (a restarted service published nothing for 50 s). Past the timeout the row is
            // only given up on for this pass; the publish finishes or fails on its own, and a late success is
            // published again later under the same MessageId, which the consumers' inbox absorbs.
            var publish = bus.Publish(message, type, context =>
            {
                context.MessageId = row.Id;
                EventRouting.Apply(context, message);
                if (!string.IsNullOrEmpty(row.TraceState)) context.Headers.Set(MessagingTelemetry.TraceStateHeader, row.TraceState);
            }, CancellationToken.None);
            try
            {
                await publish.WaitAsync(_options.PublishTimeout, cancellationToken);
            }
            catch (Exception) when (!publish.IsCompleted)
            {
                lock (_abandoned) _abandoned.Add(publish.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default));
                throw;
            }

            return null;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now < _nextCleanup) return;
        _nextCleanup = now.AddHours(1);

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = now - _options.Retention;
        await db.Set<OutboxMessage>()
            .Where(m => m.DispatchedAt != null && m.DispatchedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        await db.Set<InboxMessage>().Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed; retrying with back-off")]
    protected override partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} publishes given up on while the broker was away never finished; the bus is connected again, so their rows are published anew")]
    private partial void LogAbandonedForgotten(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} of {Claimed} outbox messages could not be published; they stay pending")]
    private partial void LogBatchPartlyFailed(int failed, int claimed);
}

public readonly record struct BatchResult(int Claimed, int Failed);
