using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

#pragma warning disable EF1001 // Npgsql's batch and factory are internal API: pinned by Directory.Packages.props, covered by OneBatchSaveTests

namespace Platform.Data;

/// <summary>
/// SaveChanges without BEGIN and COMMIT when all it writes are inserts that go in one batch (decision 0020). EF Core
/// wraps a save of more than one statement in a transaction of its own, because on some databases the statements of
/// one batch are not atomic together. On PostgreSQL they are: Npgsql sends a batch's statements with one Sync, and
/// PostgreSQL runs everything before a Sync in one implicit transaction, committed when the last statement succeeds
/// and rolled back entirely when any fails. For inserts, the explicit COMMIT was a round trip of its own (a ticket's
/// create: nextval, the batch, COMMIT) that bought nothing. A batch with an update or a delete keeps the transaction
/// (<see cref="OneBatchSave.RequiresTransaction"/>), as does a save EF Core splits into several batches and every save
/// inside an explicit transaction.
/// </summary>
public sealed class OneBatchSaveFactory : NpgsqlModificationCommandBatchFactory
{
    private readonly ModificationCommandBatchFactoryDependencies _dependencies;
    private readonly int _maxBatchSize;

    public OneBatchSaveFactory(ModificationCommandBatchFactoryDependencies dependencies, IDbContextOptions options)
        : base(dependencies, options)
    {
        _dependencies = dependencies;
        // Npgsql's own factory reads the same setting, with the same default.
        _maxBatchSize = options.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.MaxBatchSize ?? 1000;
    }

    public override ModificationCommandBatch Create() => new OneBatchSave(_dependencies, _maxBatchSize);
}

/// <summary>Npgsql's batch, which asks for no explicit transaction when it only inserts (see <see cref="OneBatchSaveFactory"/>).</summary>
public sealed class OneBatchSave(ModificationCommandBatchFactoryDependencies dependencies, int maxBatchSize)
    : NpgsqlModificationCommandBatch(dependencies, maxBatchSize)
{
    /// <summary>
    /// Not when every command inserts: the batch's statements are one implicit transaction, and an insert either
    /// writes its row or fails, which rolls the whole batch back. An update or a delete can succeed on PostgreSQL's
    /// side and still fail EF Core's check afterwards (no row matched its key and concurrency token: someone else
    /// changed or deleted it first); that check runs in the client once the implicit transaction has committed, so
    /// such a batch keeps EF Core's transaction, which it rolls back. EF Core also begins one whenever a second batch
    /// follows, whatever this says.
    /// </summary>
    public override bool RequiresTransaction =>
        base.RequiresTransaction && ModificationCommands.Any(c => c.EntityState != EntityState.Added);
}
