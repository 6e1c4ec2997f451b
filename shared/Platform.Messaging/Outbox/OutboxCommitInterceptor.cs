using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Data;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Moves events raised by tracked <see cref="AggregateRoot"/>s into the outbox before SaveChanges writes, and hands the
/// outbox rows of a commit to the dispatcher once they are committed (<see cref="OutboxSignal.HandOff"/>, decision
/// 0022): right after SaveChanges when it ran in its own transaction, or when the surrounding explicit transaction
/// commits. Rows whose fate is not certain are never handed off, only left to the dispatcher's claim: those of a save
/// that failed, of a transaction rolled back (also to a savepoint) or ended without a commit.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>What a context wrote to its outbox and has not committed yet.</summary>
    private sealed class Pending
    {
        /// <summary>The rows the save under way adds (taken in SavingChanges, kept when it succeeds).</summary>
        public List<OutboxMessage>? Saving;

        /// <summary>
        /// The explicit transaction <see cref="Rows"/> were saved in, by EF Core's id for it (unique per transaction;
        /// Npgsql reuses its DbTransaction object on a connection, so that object does not tell two transactions apart).
        /// </summary>
        public Guid? Transaction;

        /// <summary>Saved inside <see cref="Transaction"/>, waiting for its commit.</summary>
        public List<OutboxMessage> Rows = [];
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Track(eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Track(eventData);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Committed(eventData.Context, eventData.TransactionId);

    public Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context, eventData.TransactionId);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // Which rows a rollback to a savepoint undid is not known here: none of the transaction's rows is handed off, the
    // claim publishes the committed ones.
    public void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData) => Forget(eventData.Context);

    public Task RolledBackToSavepointAsync(
        DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Track(DbContextEventData save)
    {
        if (save.Context is not { } context) return;
        foreach (var aggregate in SaveScan.Entries<AggregateRoot>(save).Select(e => e.Entity))
        {
            foreach (var @event in aggregate.DequeueEvents()) context.AddIntegrationEvent(@event);
        }

        List<OutboxMessage>? added = null;
        foreach (var entry in SaveScan.Entries<OutboxMessage>(save))
        {
            if (entry.State == EntityState.Added) (added ??= []).Add(entry.Entity);
        }

        if (added is not null) _pending.GetOrCreateValue(context).Saving = added;
        else if (_pending.TryGetValue(context, out var pending)) pending.Saving = null;
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Saving is not { } saved) return;
        pending.Saving = null;
        if (context.Database.CurrentTransaction is not { } current)
        {
            signal.HandOff(saved); // committed with the save
            return;
        }

        // Inside an explicit transaction the rows are not visible yet: they wait for its commit. Rows of an earlier
        // transaction that ended without a commit or rollback this interceptor saw (disposed) are dropped here.
        var transaction = current.TransactionId;
        if (pending.Transaction != transaction)
        {
            pending.Transaction = transaction;
            pending.Rows = [];
        }
        pending.Rows.AddRange(saved);
    }

    private void Failed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending)) pending.Saving = null;
    }

    private void Committed(DbContext? context, Guid transaction)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        if (pending.Transaction == transaction && pending.Rows.Count > 0) signal.HandOff(pending.Rows);
        pending.Transaction = null;
        pending.Rows = [];
    }

    private void Forget(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        pending.Transaction = null;
        pending.Rows = [];
    }
}
