using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.Messaging.Inbox;

/// <summary>
/// Base for every consumer: the consumer's own writes, its inbox row and any events it raises (through the
/// outbox) commit in one transaction. The transaction is opened before <see cref="HandleAsync"/>, so writes a
/// consumer makes with SQL (an <c>INSERT … ON CONFLICT</c> upsert of a row another consumer may insert at the same
/// time) belong to it too and commit, or roll back, with the inbox row. A message already in the inbox is
/// acknowledged without touching anything; of two concurrent deliveries the second waits on the first's inbox row
/// and becomes a no-op.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TDbContext>(TDbContext db) : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    /// <summary>Stable name of this consumer in the inbox (defaults to the class name).</summary>
    protected virtual string ConsumerName => GetType().Name;

    public Task Consume(ConsumeContext<TMessage> context) =>
        Concerns(context.Message)
            ? InboxGuard.ApplyOnceAsync(Db, context, ConsumerName, () => HandleAsync(context.Message, context.CancellationToken))
            : Task.CompletedTask;

    /// <summary>
    /// Whether the message can change anything here, judged from the message alone (no database read). One that cannot
    /// is acknowledged without a transaction, an inbox check or an inbox row: applying nothing twice is still nothing.
    /// Override it where most messages of a type are not this service's business (a ticket that names no asset), so
    /// that they cost no commit.
    /// </summary>
    protected virtual bool Concerns(TMessage message) => true;

    /// <summary>
    /// Applies the message to the service's data, inside the consumer's transaction. Do not call SaveChanges; the
    /// base class does. SQL run through <c>Db.Database</c> here joins the transaction. <paramref name="ct"/> is the
    /// delivery's cancellation token.
    /// </summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken ct);
}

/// <summary>The inbox: a message's effects and its inbox row commit together, once per consumer.</summary>
public static class InboxGuard
{
    private static readonly ConcurrentDictionary<Type, string> ClaimSql = new();

    /// <summary>
    /// Runs <paramref name="apply"/> in a transaction that first records the message in the inbox under
    /// <paramref name="consumer"/> (<c>INSERT … ON CONFLICT DO NOTHING</c>, the transaction's first statement, so
    /// <c>BEGIN</c> travels with it). A message already recorded inserts nothing and is acknowledged without running
    /// <paramref name="apply"/>. Of two concurrent deliveries the second's insert waits for the first's transaction:
    /// after its commit the second inserts nothing and becomes a no-op; after its rollback the second goes on.
    /// One statement instead of a check before the transaction and an insert in its last save (one round trip and
    /// one transaction fewer per message, and no duplicate-key failure for a race).
    /// </summary>
    public static async Task ApplyOnceAsync<TMessage>(DbContext db, ConsumeContext<TMessage> context, string consumer, Func<Task> apply)
        where TMessage : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId.");
        MessagingTelemetry.ContinueTraceState(context);

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var recorded = await db.Database.ExecuteSqlRawAsync(
            ClaimSql.GetOrAdd(db.GetType(), _ => ClaimStatement(db)),
            [messageId, consumer, EventTypes.NameOf(typeof(TMessage)), DateTimeOffset.UtcNow],
            context.CancellationToken);
        if (recorded == 0) return; // already applied: the empty transaction rolls back when it is disposed

        await apply();

        // The last save needs no savepoint of its own (two more statements per message): whatever fails in it fails the
        // whole delivery, and the transaction is rolled back. (A consumer's own saves inside apply keep theirs.)
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    /// <summary>The inbox insert, with the table's and columns' names as the model maps them.</summary>
    private static string ClaimStatement(DbContext db)
    {
        var inbox = InboxTable.Of(db);
        return $"INSERT INTO {inbox.Table} ({inbox.MessageId}, {inbox.Consumer}, {inbox.MessageType}, {inbox.ProcessedAt}) " +
               "VALUES ({0}, {1}, {2}, {3}) ON CONFLICT DO NOTHING";
    }
}

/// <summary>The inbox table's and columns' names, delimited, as a service's model maps them.</summary>
internal sealed record InboxTable(string Table, string MessageId, string Consumer, string MessageType, string ProcessedAt)
{
    public static InboxTable Of(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(InboxMessage))
            ?? throw new InvalidOperationException($"{db.GetType().Name} has no inbox table (AddPlatformTables).");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        return new InboxTable(sql.DelimitIdentifier(table.Name, table.Schema), Column(nameof(InboxMessage.MessageId)),
            Column(nameof(InboxMessage.Consumer)), Column(nameof(InboxMessage.MessageType)), Column(nameof(InboxMessage.ProcessedAt)));
    }
}
