using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Reference;
using Platform.Notifications.Data;

namespace Platform.Notifications.Tests;

/// <summary>
/// The people directory copy and the notification preferences every fan-out reads are held per process
/// (PeopleSnapshot): a person's own preference saved through the API applies to the next event at once, and every
/// statement that changes either table, from wherever, is heard through the trigger's notice.
/// </summary>
[Collection(nameof(NotificationsCollection))]
public sealed class PeopleCacheTests(NotificationsFixture f)
{
    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private Task<bool> ListeningAsync() =>
        Task.FromResult(f.Service.Services.GetRequiredService<ReferenceCache<PeopleSnapshot>>().Listening);

    /// <summary>
    /// Publishes a ticket <paramref name="requester"/> opened, waits until it is fanned out, and counts the inbox items
    /// <paramref name="recipient"/> (by default the requester) got of it.
    /// </summary>
    private async Task<int> ItemsForNextTicketAsync(string requester, string? recipient = null)
    {
        var eventId = await f.PublishAsync(new TicketCreated(Guid.NewGuid(), "HD-" + Random.Shared.Next(1, 99_999), "Held", requester, "Hardware", "P3",
            DateTimeOffset.UtcNow));
        await Eventually.GetAsync(() => f.CountAsync(db => db.Events.CountAsync(e => e.Id == eventId)), n => n == 1);
        var who = recipient ?? requester;
        return await f.CountAsync(db => db.Inbox.CountAsync(i => i.UserId == who && i.EventId == eventId));
    }

    /// <summary>A statement run as a replicating session would, which fires no trigger: a change nobody hears of.</summary>
    private Task UnheardAsync(FormattableString sql) => f.WithDbAsync(async db =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
        var changed = await db.Database.ExecuteSqlAsync(sql);
        await transaction.CommitAsync();
        return changed;
    });

    [Fact]
    public async Task People_and_preferences_are_held_and_every_change_to_them_is_heard()
    {
        await Eventually.GetAsync(ListeningAsync, listening => listening); // the cache is on
        var user = await f.JoinAsync(Id("held"), ["requester"]);
        (await ItemsForNextTicketAsync(user)).ShouldBe(1);

        // The person's own preference, saved through the API, applies to the next event at once.
        var me = f.As(user, "requester");
        (await me.PutAsync("/api/notification-preferences", JsonContent.Create(new { inbox = false }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ItemsForNextTicketAsync(user)).ShouldBe(0);

        // Changed underneath with no notice at all: this process still holds what it read (it is a cache).
        await UnheardAsync($"UPDATE notification_preferences SET inbox = true WHERE user_id = {user}");
        (await ItemsForNextTicketAsync(user)).ShouldBe(0);

        // Any statement that changes the directory copy (another replica, identity's event, a hand) sends the notice
        // through the trigger: the snapshot is read again, with the preference above.
        await f.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE directory_people SET email = 'held@example.test' WHERE user_id = {user}"));
        (await Eventually.GetAsync(() => ItemsForNextTicketAsync(user), n => n == 1, TimeSpan.FromSeconds(10))).ShouldBe(1);

        // So does a change of the preferences themselves, and someone who left hears nothing more.
        await f.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE notification_preferences SET inbox = false WHERE user_id = {user}"));
        (await Eventually.GetAsync(() => ItemsForNextTicketAsync(user), n => n == 0, TimeSpan.FromSeconds(10))).ShouldBe(0);
        await f.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE notification_preferences SET inbox = true WHERE user_id = {user}"));
        (await Eventually.GetAsync(() => ItemsForNextTicketAsync(user), n => n == 1, TimeSpan.FromSeconds(10))).ShouldBe(1);
        await f.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE directory_people SET active = false WHERE user_id = {user}"));
        (await Eventually.GetAsync(() => ItemsForNextTicketAsync(user), n => n == 0, TimeSpan.FromSeconds(10))).ShouldBe(0);
    }

    [Fact]
    public async Task A_role_given_by_identity_counts_from_the_next_event()
    {
        await Eventually.GetAsync(ListeningAsync, listening => listening);
        var role = Id("role");
        var person = await f.JoinAsync(Id("roled"), ["agent"]);
        var rule = await f.Http.PostJsonAsync("/api/notification-rules", new
        {
            name = Id("by-role"), eventTypes = new[] { "TicketCreated" }, roles = new[] { role }, users = Array.Empty<string>(),
            channels = new[] { "Inbox" },
        });
        rule.StatusCode.ShouldBe(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());
        var requester = Id("req");

        (await ItemsForNextTicketAsync(requester, person)).ShouldBe(0); // the snapshot is read, without the role
        await f.ChangeAsync(person, ["agent", role]); // committed in the people consumer's transaction
        (await ItemsForNextTicketAsync(requester, person)).ShouldBe(1);
        await f.ChangeAsync(person, ["agent"]);
        (await ItemsForNextTicketAsync(requester, person)).ShouldBe(0);
    }
}
