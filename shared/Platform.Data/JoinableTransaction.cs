using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.Data;

/// <summary>
/// A transaction an endpoint needs for its own reasons (a lock held across statements, numbers and rows that go
/// together), which joins the one already open on the DbContext instead of failing (EF Core cannot nest them): an
/// <c>Idempotency-Key</c> request runs the whole endpoint in a transaction that also holds its key. When joined,
/// commit and dispose do nothing; the owner commits or rolls back everything.
/// </summary>
public sealed class JoinableTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _owned;

    private JoinableTransaction(IDbContextTransaction? owned) => _owned = owned;

    /// <summary>True when this began the transaction (none was open).</summary>
    public bool Owned => _owned is not null;

    public static async Task<JoinableTransaction> BeginAsync(DatabaseFacade database, CancellationToken ct) =>
        new(database.CurrentTransaction is null ? await database.BeginTransactionAsync(ct) : null);

    public Task CommitAsync(CancellationToken ct) => _owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class JoinableTransactionExtensions
{
    /// <summary>Begins a transaction, or joins the one already open (see <see cref="JoinableTransaction"/>).</summary>
    public static Task<JoinableTransaction> BeginOrJoinTransactionAsync(this DatabaseFacade database, CancellationToken ct) =>
        JoinableTransaction.BeginAsync(database, ct);
}
