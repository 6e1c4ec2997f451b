using System.Diagnostics;
using System.Threading.Channels;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Platform.Messaging.Inbox;

/// <summary>Group commit of consumed messages, bound from the "Inbox" configuration section.</summary>
public sealed class InboxBatchOptions
{
    /// <summary>Most messages applied in one transaction.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Transactions a process runs at once (each a database connection).</summary>
    public int Workers { get; set; } = 1;
}

/// <summary>
/// Group commit for a service's consumers: the messages its consumers hold at the same time are applied in one
/// transaction (one <c>BEGIN</c>, one inbox insert for all of them, one save, one durable commit) instead of one each,
/// and every consumer is answered only after that commit, so a message is still acknowledged only once its effects
/// are durable. Nothing waits for a batch to fill: a worker takes whatever arrived while the previous transaction ran
/// (one message when the service is quiet, dozens under load).
/// <para>
/// Each message keeps its own idempotency: its inbox row (message id, consumer) is claimed with
/// <c>INSERT … ON CONFLICT DO NOTHING</c> as before, and a message already applied, or named twice in one batch, is a
/// no-op. A batch that fails is rolled back and its messages are applied again one per transaction, so that only the one
/// that fails by itself fails, and it alone is retried or parked as <see cref="ConsumerRetry"/> says; a batch refused by
/// an unavailable database fails every message at once (each is retried through the outage).
/// </para>
/// </summary>
public sealed partial class InboxBatcher<TDbContext> : IDisposable
    where TDbContext : DbContext
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _log;
    private readonly InboxBatchOptions _options;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _start = new();
    private Task[]? _workers;
    private string? _claimSql; // the batch's inbox insert, with the names TDbContext's model maps

    public InboxBatcher(IServiceScopeFactory scopes, ILogger<InboxBatcher<TDbContext>> log, IOptions<InboxBatchOptions> options)
    {
        _scopes = scopes;
        _log = log;
        _options = options.Value; // checked at start-up (AddInboxBatching)
    }

    /// <summary>
    /// Applies <paramref name="apply"/> once for the delivered message, in a transaction it may share with other
    /// messages held at the same time. <paramref name="apply"/> gets the transaction's scope (resolve the DbContext and
    /// whatever uses it from there, never from the consumer's own scope) and must not call SaveChanges. Completes when
    /// the transaction has committed; throws what the message's own application threw.
    /// </summary>
    public Task ApplyOnceAsync<TMessage>(ConsumeContext<TMessage> context, string consumer, Func<IServiceProvider, CancellationToken, Task> apply)
        where TMessage : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId.");
        MessagingTelemetry.ContinueTraceState(context);
        return ApplyOnceAsync(messageId, consumer, EventTypes.NameOf(typeof(TMessage)), apply, context.CancellationToken);
    }

    /// <inheritdoc cref="ApplyOnceAsync{TMessage}"/>
    public Task ApplyOnceAsync(Guid messageId, string consumer, string messageType, Func<IServiceProvider, CancellationToken, Task> apply,
        CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var item = new Item(messageId, consumer, messageType, apply, Activity.Current, ct);
        StartWorkers();
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(item), this);
        return item.Done.Task.WaitAsync(ct);
    }

    private void StartWorkers()
    {
        if (_workers is not null) return;
        lock (_start)
        {
            if (_workers is not null) return;
            // Not on the first consumer's execution context: its activity and logging scope would stay with the worker.
            using (ExecutionContext.SuppressFlow())
                _workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(WorkAsync)).ToArray();
        }
    }

    private async Task WorkAsync()
    {
        var batch = new List<Item>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_disposed.Token))
            {
                batch.Clear();
                while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var item))
                    if (item.Cancellation.IsCancellationRequested) item.Done.TrySetCanceled(item.Cancellation); // its consumer gave up: the message is back in its queue
                    else batch.Add(item);
                if (batch.Count > 0) await RunAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }

        // Disposed (the host is gone): a message still waiting was not applied, and its consumer hears so.
        while (_queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled();
    }

    private async Task RunAsync(List<Item> batch)
    {
        try
        {
            await ApplyAsync(batch);
            return;
        }
        catch (Exception e) when (batch.Count == 1 || ProblemExceptionHandler.IsDatabaseUnavailable(e) || e is OperationCanceledException)
        {
            // The message's own failure, an outage every message would meet, or a stop: each consumer gets it.
            foreach (var item in batch) Fail(item, e);
            return;
        }
        catch (Exception e)
        {
            BatchFailed(_log, e, batch.Count);
        }

        foreach (var item in batch)
        {
            try { await ApplyAsync([item]); }
            catch (Exception e) { Fail(item, e); }
        }
    }

    private static void Fail(Item item, Exception e)
    {
        if (e is OperationCanceledException && item.Cancellation.IsCancellationRequested) item.Done.TrySetCanceled(item.Cancellation);
        else item.Done.TrySetException(e);
    }

    /// <summary>One transaction: the inbox rows of all the messages, each new message's effects, one save, one commit.</summary>
    private async Task ApplyAsync(List<Item> items)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource([.. items.Select(i => i.Cancellation), _disposed.Token]);
        var ct = cancellation.Token;
        // The batch's own statements (inbox claim, save, commit) are traced under the first message's span.
        Activity.Current = items[0].Activity;
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var fresh = await ClaimAsync(db, transaction, items, ct);

        foreach (var item in items)
        {
            // A message already applied, or named again later in this batch (a redelivery), changes nothing.
            if (!fresh.Remove((item.MessageId, item.Consumer))) continue;
            Activity.Current = item.Activity; // the consumer's span: its trace context goes with what it writes
            await item.Apply(scope.ServiceProvider, ct);
        }

        Activity.Current = items[0].Activity;

        // One save for the whole batch without a savepoint of its own: whatever fails in it fails the batch.
        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var item in items) item.Done.TrySetResult();
    }

    /// <summary>
    /// Inserts the messages' inbox rows in one statement and returns those it inserted: the messages not applied yet.
    /// A row another transaction holds uncommitted makes this wait for it (committed: not returned; rolled back:
    /// inserted here).
    /// </summary>
    private async Task<HashSet<(Guid, string)>> ClaimAsync(DbContext db, IDbContextTransaction transaction, List<Item> items, CancellationToken ct)
    {
        await using var command = RawCommand.Create(db, transaction, _claimSql ??= ClaimStatement(db),
            ("ids", items.Select(i => i.MessageId).ToArray()),
            ("consumers", items.Select(i => i.Consumer).ToArray()),
            ("types", items.Select(i => i.MessageType).ToArray()),
            ("at", DateTimeOffset.UtcNow));
        var fresh = new HashSet<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) fresh.Add((reader.GetGuid(0), reader.GetString(1)));
        return fresh;
    }

    /// <summary>The inbox insert of a batch, returning the rows it inserted.</summary>
    private static string ClaimStatement(DbContext db)
    {
        var inbox = InboxTable.Of(db);
        return $"INSERT INTO {inbox.Table} ({inbox.MessageId}, {inbox.Consumer}, {inbox.MessageType}, {inbox.ProcessedAt}) " +
               "SELECT m.id, m.consumer, m.type, @at FROM unnest(@ids, @consumers, @types) AS m(id, consumer, type) " +
               $"ON CONFLICT DO NOTHING RETURNING {inbox.MessageId}, {inbox.Consumer}";
    }

    [LoggerMessage(LogLevel.Information, "A batch of {Count} messages failed; applying them one by one")]
    private static partial void BatchFailed(ILogger log, Exception e, int count);

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _disposed.Cancel(); // not disposed: a worker may still be reading its token
    }

    private sealed record Item(Guid MessageId, string Consumer, string MessageType, Func<IServiceProvider, CancellationToken, Task> Apply,
        Activity? Activity, CancellationToken Cancellation)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

public static class InboxBatchingExtensions
{
    /// <summary>Registers <see cref="InboxBatcher{TDbContext}"/> for the service's database, with the "Inbox" settings.</summary>
    public static IHostApplicationBuilder AddInboxBatching<TDbContext>(this IHostApplicationBuilder builder) where TDbContext : DbContext
    {
        // Checked at start-up: a bad setting stops the service instead of failing (and parking) every message.
        builder.AddSettings<InboxBatchOptions>("Inbox",
            (o => o.BatchSize >= 1 && o.Workers >= 1, "Inbox:BatchSize and Inbox:Workers must be at least 1."));
        builder.Services.AddSingleton<InboxBatcher<TDbContext>>();
        return builder;
    }
}
