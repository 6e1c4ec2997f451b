using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.People;
using Platform.Data.People;
using Platform.Messaging.Inbox;

namespace Platform.Messaging.People;

/// <summary>
/// Keeps a service's copy of the people directory from identity's events, and lets the service react to a joiner,
/// a mover or a leaver in the same transaction. An event is applied only when its <c>Version</c> is newer than the
/// copy's, so the copy ends the same whatever the order of arrival, and a redelivery changes nothing (the inbox
/// drops it before that). Each service derives one consumer (one queue, <c>&lt;service&gt;-people-directory</c>)
/// and overrides the reactions it has.
/// </summary>
public abstract class PeopleDirectoryConsumer<TDbContext>(TDbContext db)
    : IConsumer<PersonJoined>, IConsumer<PersonChanged>, IConsumer<PersonLeft>
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    public Task Consume(ConsumeContext<PersonJoined> context) =>
        ApplyNewerAsync(context, context.Message.UserId, context.Message.Version, async (e, person, ct) =>
        {
            var before = person.Version > 0 && person.Active ? person.Snapshot() : null;
            Activate(person, e);
            await OnJoinedAsync(e, person, before, ct);
        });

    public Task Consume(ConsumeContext<PersonChanged> context) =>
        ApplyNewerAsync(context, context.Message.UserId, context.Message.Version, async (e, person, ct) =>
        {
            var before = person.Snapshot();
            // PersonChanged is only sent for an active person; newer than the copy, it may have overtaken their PersonJoined.
            Activate(person, e);
            await OnChangedAsync(e, person, before, ct);
        });

    public Task Consume(ConsumeContext<PersonLeft> context) =>
        ApplyNewerAsync(context, context.Message.UserId, context.Message.Version, async (e, person, ct) =>
        {
            person.UserName = e.UserName;
            person.DisplayName = e.DisplayName;
            person.Department = e.Department;
            person.Active = false;
            person.LeftOn = e.LeftOn;
            person.Version = e.Version;
            person.UpdatedAt = e.OccurredAt;
            await OnLeftAsync(e, person, ct);
        });

    /// <summary>
    /// The one step of every event: once per message (the inbox), lock the person's copy and apply the event only when
    /// it is newer than the copy.
    /// </summary>
    private Task ApplyNewerAsync<TEvent>(ConsumeContext<TEvent> context, string userId, long version,
        Func<TEvent, DirectoryPerson, CancellationToken, Task> apply) where TEvent : class =>
        InboxGuard.ApplyOnceAsync(Db, context, ConsumerName, async () =>
        {
            if (await LockAsync(userId, version, context.CancellationToken) is not { } person) return;
            await apply(context.Message, person, context.CancellationToken);
        });

    /// <summary>Stable name of this consumer in the inbox (defaults to the class name).</summary>
    protected virtual string ConsumerName => GetType().Name;

    /// <summary>A person joined (or came back); <paramref name="before"/> is their state if they were already active.</summary>
    protected virtual Task OnJoinedAsync(PersonJoined e, DirectoryPerson person, DirectoryPerson? before, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A person's roles, department, manager, name or e-mail changed (see <see cref="PersonChanged.Changed"/>).</summary>
    protected virtual Task OnChangedAsync(PersonChanged e, DirectoryPerson person, DirectoryPerson before, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A person left: hand back what they hold in this service, from <see cref="PersonLeft.LeftOn"/>.</summary>
    protected virtual Task OnLeftAsync(PersonLeft e, DirectoryPerson person, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The person's row, locked for this transaction (created as a placeholder first, so two events about one new
    /// person queue on the lock instead of racing to insert), or null when the event is not newer than the copy.
    /// </summary>
    private async Task<DirectoryPerson?> LockAsync(string userId, long version, CancellationToken ct)
    {
        await Db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO directory_people (user_id, user_name, display_name, roles, active, version, updated_at)
             VALUES ({userId}, {userId}, {userId}, ARRAY[]::text[], false, -1, now()) ON CONFLICT (user_id) DO NOTHING
             """, ct);
        var person = await Db.Set<DirectoryPerson>()
            .FromSql($"SELECT * FROM directory_people WHERE user_id = {userId} FOR UPDATE")
            .SingleAsync(ct);
        return person.Version >= version ? null : person;
    }

    /// <summary>The copy takes the event's state, and the person is active (again).</summary>
    private static void Activate(DirectoryPerson person, IPersonSnapshot e)
    {
        Apply(person, e);
        person.Active = true;
        person.LeftOn = null;
    }

    private static void Apply(DirectoryPerson person, IPersonSnapshot e)
    {
        person.UserName = e.UserName;
        person.DisplayName = e.DisplayName;
        person.Email = e.Email;
        person.Department = e.Department;
        person.ManagerId = e.ManagerId;
        person.Roles = [.. e.Roles];
        person.Version = e.Version;
        person.UpdatedAt = DateTimeOffset.UtcNow;
    }
}
