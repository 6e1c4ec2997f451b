using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

#pragma warning disable EF1001 // Npgsql's batch and factory are internal API: pinned by Directory.Packages.props, covered by OneBatchSaveTests

namespace Platform.Data;

/// <summary>
/// SaveChanges without BEGIN and COMMIT when all it writes goes in one batch (decision 0020). EF Core wraps a save of
/// more than one statement in a transaction of its own, because on some databases the statements of one batch are not
/// atomic together. On PostgreSQL they are: Npgsql sends a batch's statements with one Sync, and PostgreSQL runs
/// everything before a Sync in one implicit transaction, committed when the last statement succeeds and rolled back
/// entirely when any fails. So the explicit COMMIT was a round trip of its own (a ticket's create: nextval, the
/// batch, COMMIT) that bought nothing. A save EF Core splits into several batches still gets its transaction, and so
/// does every save inside an explicit one.
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

/// <summary>Npgsql's batch, which never asks for an explicit transaction (see <see cref="OneBatchSaveFactory"/>).</summary>
public sealed class OneBatchSave(ModificationCommandBatchFactoryDependencies dependencies, int maxBatchSize)
    : NpgsqlModificationCommandBatch(dependencies, maxBatchSize)
{
    /// <summary>
    /// Never: EF Core still begins a transaction when a save has a second batch, and the statements of this one are
    /// one implicit transaction (a batch of several statements sets the base's flag).
    /// </summary>
    public override bool RequiresTransaction => false;
}
