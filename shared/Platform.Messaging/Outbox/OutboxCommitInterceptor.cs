using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Data;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Moves events raised by tracked <see cref="AggregateRoot"/>s into the outbox before SaveChanges writes, and
/// signals the dispatcher once outbox rows are committed: right after SaveChanges when it ran in its own
/// transaction, or when the surrounding explicit transaction commits.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();

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
        SignalIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        SignalPending(eventData.Context);

    public Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SignalPending(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is not null) _pending.Remove(eventData.Context);
    }

    public Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Track(DbContextEventData save)
    {
        if (save.Context is not { } context) return;
        foreach (var aggregate in SaveScan.Entries<AggregateRoot>(save).Select(e => e.Entity))
        {
            foreach (var @event in aggregate.DequeueEvents()) context.AddIntegrationEvent(@event);
        }

        foreach (var entry in SaveScan.Entries<OutboxMessage>(save))
        {
            if (entry.State == EntityState.Added)
            {
                _pending.AddOrUpdate(context, Marker);
                return;
            }
        }
    }

    private void SignalIfCommitted(DbContext? context)
    {
        // Inside an explicit transaction the rows are not visible yet: wait for TransactionCommitted.
        if (context is null || context.Database.CurrentTransaction is not null) return;
        SignalPending(context);
    }

    private void SignalPending(DbContext? context)
    {
        if (context is not null && _pending.Remove(context)) signal.Wake();
    }
}
