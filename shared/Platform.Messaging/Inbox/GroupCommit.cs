using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Inbox;

/// <summary>
/// Group commit for consumers: the deliveries of one consumer that are in hand at the same time share one transaction
/// and one commit (one WAL flush), each message still applied once and each delivery acknowledged only after its
/// commit. There is no waiting window: while one group commits, the deliveries that arrive meanwhile gather and form
/// the next group, so a lone message goes straight through and a busy queue commits up to its concurrency limit of
/// messages at a time.
/// <para>
/// Each delivery stays MassTransit's own (acknowledged, retried or faulted alone). Should a group fail as a whole (a
/// concurrent delivery of one of its messages committed first, a deadlock, a message that cannot be applied), it is
/// rolled back and every delivery of it applies its message alone with <see cref="InboxGuard.ApplyOnceAsync"/>, in its
/// own scope: the good ones commit, and only the bad one fails, is retried and, at worst, is parked in _error.
/// </para>
/// </summary>
public sealed partial class GroupCommit<TDbContext>(IServiceScopeFactory scopes, ILogger<GroupCommit<TDbContext>> logger)
    where TDbContext : DbContext
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Most messages in one group.</summary>
    public int MaxGroup { get; set; } = 64;

    /// <summary>
    /// Applies <paramref name="context"/>'s message once under <paramref name="consumer"/>'s inbox name, in a group with
    /// the other deliveries of that consumer in hand. <paramref name="apply"/> runs the message's effects with the
    /// group's scope (its DbContext is the one whose transaction commits the group); it must not save.
    /// <paramref name="order"/> orders a group (stable), so that rows several consumers lock are locked in one order.
    /// </summary>
    public async Task ApplyAsync<TMessage>(ConsumeContext<TMessage> context, string consumer,
        Func<IServiceProvider, ConsumeContext<TMessage>, Task> apply, Func<TMessage, Guid?>? order = null)
        where TMessage : class
    {
        var lane = _lanes.GetOrAdd(consumer, static _ => new Lane());
        var item = new Item(context, services => apply(services, context), order?.Invoke(context.Message));
        bool lead;
        lock (lane)
        {
            lane.Pending.Add(item);
            lead = !lane.Running;
            lane.Running = true;
        }

        if (lead) _ = Task.Run(() => LeadAsync(lane, consumer, typeof(TMessage)));

        if (await item.Done.Task) return; // committed with its group (or found in the inbox)

        // The group failed: this delivery applies its message on its own, in its own scope and transaction.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await InboxGuard.ApplyOnceAsync(db, context, consumer, () => apply(scope.ServiceProvider, context));
    }

    /// <summary>Commits the lane's pending deliveries group after group until none is left.</summary>
    private async Task LeadAsync(Lane lane, string consumer, Type messageType)
    {
        while (true)
        {
            List<Item> group;
            lock (lane)
            {
                if (lane.Pending.Count == 0)
                {
                    lane.Running = false;
                    return;
                }
                var take = Math.Min(lane.Pending.Count, Math.Max(1, MaxGroup));
                group = lane.Pending.GetRange(0, take);
                lane.Pending.RemoveRange(0, take);
            }

            try
            {
                await CommitAsync(group, consumer, messageType);
                foreach (var item in group) item.Done.TrySetResult(true);
            }
            catch (Exception ex)
            {
                if (group.Count > 1) GroupFailed(logger, ex, group.Count, consumer);
                foreach (var item in group) item.Done.TrySetResult(false);
            }
        }
    }

    private async Task CommitAsync(List<Item> group, string consumer, Type messageType)
    {
        // A message delivered twice into one group (a redelivery beside its first copy) is applied once: the copy is
        // acknowledged with it.
        var seen = new HashSet<Guid>();
        var pending = new List<Item>(group.Count);
        foreach (var item in group.OrderBy(i => i.Order))
            if (seen.Add(item.Context.MessageId ?? throw new InvalidOperationException($"{messageType.Name} arrived without a MessageId.")))
                pending.Add(item);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var ids = seen.ToList();
        var done = await db.Set<InboxMessage>().Where(m => m.Consumer == consumer && ids.Contains(m.MessageId))
            .Select(m => m.MessageId).ToListAsync();
        if (done.Count > 0) pending.RemoveAll(i => done.Contains(i.Context.MessageId!.Value));
        if (pending.Count == 0) return;

        await using var transaction = await db.Database.BeginTransactionAsync();
        var type = EventTypes.NameOf(messageType);
        foreach (var item in pending)
        {
            using (MessagingTelemetry.StartConsume(item.Context, consumer))
                await item.Apply(scope.ServiceProvider);
            db.Set<InboxMessage>().Add(new InboxMessage
            {
                MessageId = item.Context.MessageId!.Value, Consumer = consumer, MessageType = type, ProcessedAt = DateTimeOffset.UtcNow,
            });
        }

        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A group of {Count} {Consumer} messages failed as a whole; each is applied alone")]
    private static partial void GroupFailed(ILogger logger, Exception exception, int count, string consumer);

    private sealed class Lane
    {
        public readonly List<Item> Pending = [];
        public bool Running;
    }

    private sealed record Item(ConsumeContext Context, Func<IServiceProvider, Task> Apply, Guid? Order)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
