using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Ticketing;
using Platform.Data;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.Tests;

/// <summary>
/// A save of inserts that fits one batch goes without BEGIN and COMMIT (Platform.Data's OneBatchSaveFactory, decision 0020) and
/// stays all or nothing; a save of several batches, or one inside an explicit transaction, keeps its transaction.
/// Real PostgreSQL: what is checked is what the database kept.
/// </summary>
public sealed class OneBatchSaveTests() : IsolatedTest("msg", "onebatch")
{
    /// <summary>
    /// Counts the transactions EF Core begins on the service database from the test's own flow (the host's background
    /// services, such as the pruners, begin theirs too).
    /// </summary>
    private sealed class TransactionCounter : DbTransactionInterceptor
    {
        public static readonly AsyncLocal<bool> Counting = new();
        public int Started;

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Counting.Value) Interlocked.Increment(ref Started);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Counts from here on in the calling test's flow (an async local set by an awaited method would not reach it).</summary>
    private static void CountTransactions() => TransactionCounter.Counting.Value = true;

    private readonly TransactionCounter _counter = new();

    private Task<MessagingHost> HostAsync() => MessagingHost.StartAsync(Servers, Database, dispatcher: false,
        services: s => s.AddSingleton(new ServiceDatabaseInterceptor(_counter)));

    private static Task<List<string>> TextsAsync(MessagingHost host) =>
        host.WithDbAsync(db => db.Notes.AsNoTracking().OrderBy(n => n.Text).Select(n => n.Text).ToListAsync());

    /// <summary>Saves a note called "first" (its id is then taken) and counts the transactions from zero again.</summary>
    private async Task<Guid> FirstNoteAsync(MessagingHost host)
    {
        var id = Guid.NewGuid();
        await host.WithDbAsync(db => { db.Notes.Add(new Note { Id = id, Text = "first" }); return db.SaveChangesAsync(); });
        _counter.Started = 0;
        return id;
    }

    private static Task<int> OutboxAsync(MessagingHost host) => host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync());

    [Fact]
    public async Task A_save_of_one_batch_commits_its_rows_and_event_without_a_transaction_of_its_own()
    {
        await using var host = await HostAsync();
        CountTransactions(); // after the start: the host's background services run in the flow they started in
        await host.WithDbAsync(async db =>
        {
            db.Notes.Add(new Note { Text = "a" });
            db.Notes.Add(new Note { Text = "b" });
            db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-1", "t", "alice", "hardware", "P3", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });

        _counter.Started.ShouldBe(0);
        (await TextsAsync(host)).ShouldBe(["a", "b"]);
        (await OutboxAsync(host)).ShouldBe(1);
    }

    [Fact]
    public async Task A_batch_whose_last_statement_fails_leaves_nothing_written()
    {
        await using var host = await HostAsync();
        CountTransactions(); // after the start: the host's background services run in the flow they started in
        var taken = await FirstNoteAsync(host);

        var failure = await Should.ThrowAsync<DbUpdateException>(() => host.WithDbAsync(async db =>
        {
            db.Notes.Add(new Note { Text = "x" });
            db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-2", "t", "alice", "hardware", "P3", DateTimeOffset.UtcNow));
            db.Notes.Add(new Note { Id = taken, Text = "duplicate" }); // the key is taken: the batch fails at this row
            return await db.SaveChangesAsync();
        }));

        failure.InnerException.ShouldBeOfType<PostgresException>().SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        _counter.Started.ShouldBe(0); // one batch, so no explicit transaction was what rolled it back
        (await TextsAsync(host)).ShouldBe(["first"]);
        (await OutboxAsync(host)).ShouldBe(0);
    }

    [Fact]
    public async Task A_batch_whose_update_finds_its_row_gone_keeps_its_transaction_and_writes_nothing()
    {
        await using var host = await HostAsync();
        CountTransactions(); // after the start: the host's background services run in the flow they started in
        var gone = await FirstNoteAsync(host);

        // PostgreSQL runs an UPDATE that matches no row without an error; EF Core finds out from the row count, in the
        // client, after the batch ran. Only a transaction of its own lets it take back the insert beside it.
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => host.WithDbAsync(async db =>
        {
            var note = await db.Notes.SingleAsync(n => n.Id == gone);
            await host.WithDbAsync(other => other.Notes.Where(n => n.Id == gone).ExecuteDeleteAsync()); // someone else deletes it
            db.Entry(note).Property(n => n.Text).CurrentValue = "changed";
            db.Entry(note).Property(n => n.Text).IsModified = true;
            db.Notes.Add(new Note { Text = "beside" });
            return await db.SaveChangesAsync();
        }));

        _counter.Started.ShouldBe(1);
        (await TextsAsync(host)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_save_of_several_batches_keeps_its_transaction_and_stays_all_or_nothing()
    {
        await using var host = await HostAsync();
        CountTransactions(); // after the start: the host's background services run in the flow they started in
        var taken = await FirstNoteAsync(host);

        // More rows than one batch holds (1,000 commands, Npgsql's default): EF Core splits the save in two.
        await Should.ThrowAsync<DbUpdateException>(() => host.WithDbAsync(async db =>
        {
            for (var i = 0; i < 1200; i++) db.Notes.Add(new Note { Text = $"n{i:D4}" });
            db.Notes.Add(new Note { Id = taken, Text = "duplicate" });
            return await db.SaveChangesAsync();
        }));

        _counter.Started.ShouldBe(1);
        (await TextsAsync(host)).ShouldBe(["first"]);

        await host.WithDbAsync(async db =>
        {
            for (var i = 0; i < 1200; i++) db.Notes.Add(new Note { Text = $"n{i:D4}" });
            return await db.SaveChangesAsync();
        });
        _counter.Started.ShouldBe(2);
        (await TextsAsync(host)).Count.ShouldBe(1201);
    }

    [Fact]
    public async Task A_save_inside_an_explicit_transaction_is_rolled_back_with_it()
    {
        await using var host = await HostAsync();
        CountTransactions(); // after the start: the host's background services run in the flow they started in
        await host.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Text = "a" });
            db.Notes.Add(new Note { Text = "b" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });

        _counter.Started.ShouldBe(1);
        (await TextsAsync(host)).ShouldBeEmpty();
    }
}
