using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.Inbox;

/// <summary>
/// Base for every consumer: the consumer's own writes, its inbox row and any events it raises (through the
/// outbox) commit in one transaction. The transaction is opened before <see cref="HandleAsync"/>, so writes a
/// consumer makes with SQL (an <c>INSERT … ON CONFLICT</c> upsert of a row another consumer may insert at the same
/// time) belong to it too and commit, or roll back, with the inbox row. A message already in the inbox is
/// acknowledged without touching anything; two concurrent deliveries race on the inbox key and the loser becomes
/// a no-op.
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
    /// <summary>
    /// Runs <paramref name="apply"/> in a transaction that also records the message in the inbox under
    /// <paramref name="consumer"/>; a message already recorded is acknowledged without running it, and of two
    /// concurrent deliveries the one that commits second becomes a no-op.
    /// </summary>
    public static async Task ApplyOnceAsync<TMessage>(DbContext db, ConsumeContext<TMessage> context, string consumer, Func<Task> apply)
        where TMessage : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId.");
        MessagingTelemetry.ContinueTraceState(context);

        if (await db.Set<InboxMessage>().AnyAsync(
                m => m.MessageId == messageId && m.Consumer == consumer, context.CancellationToken))
            return;

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await apply();

        db.Set<InboxMessage>().Add(new InboxMessage
        {
            MessageId = messageId,
            Consumer = consumer,
            MessageType = EventTypes.NameOf(typeof(TMessage)),
            ProcessedAt = DateTimeOffset.UtcNow,
        });

        // The last save needs no savepoint of its own (two more statements per message): whatever fails in it fails the
        // whole delivery, and the transaction is rolled back. (A consumer's own saves inside apply keep theirs.)
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (IsInboxDuplicate(ex))
        {
            // Another delivery of the same message committed first: its effects stand, ours are discarded (the
            // transaction rolls back when it is disposed).
            db.ChangeTracker.Clear();
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    private static bool IsInboxDuplicate(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } pg
        && pg.TableName == "inbox_messages";
}
