using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId.");
        var consumer = ConsumerName;
        MessagingTelemetry.ContinueTraceState(context);

        if (await Db.Set<InboxMessage>().AnyAsync(
                m => m.MessageId == messageId && m.Consumer == consumer, context.CancellationToken))
            return;

        await using var transaction = await Db.Database.BeginTransactionAsync(context.CancellationToken);
        await HandleAsync(context.Message, context);

        Db.Set<InboxMessage>().Add(new InboxMessage
        {
            MessageId = messageId,
            Consumer = consumer,
            MessageType = EventTypes.NameOf(typeof(TMessage)),
            ProcessedAt = DateTimeOffset.UtcNow,
        });

        try
        {
            await Db.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (IsInboxDuplicate(ex))
        {
            // Another delivery of the same message committed first: its effects stand, ours are discarded (the
            // transaction rolls back when it is disposed).
            Db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Applies the message to the service's data, inside the consumer's transaction. Do not call SaveChanges; the
    /// base class does. SQL run through <c>Db.Database</c> here joins the transaction.
    /// </summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    private static bool IsInboxDuplicate(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
        && pg.TableName == "inbox_messages";
}
