using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Reference;
using Platform.Notifications.Features.Events;

namespace Platform.Notifications.Tests;

/// <summary>
/// The enabled rules and active subscriptions every fan-out reads are cached per process (FanOutReference): a change
/// through the API (or a bulk delete) applies to the next event at once, and a change another replica made is heard by
/// its NOTIFY.
/// </summary>
[Collection(nameof(NotificationsCollection))]
public sealed class ReferenceCacheTests(NotificationsFixture f)
{
    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private Task<bool> ListeningAsync() =>
        Task.FromResult(f.Service.Services.GetRequiredService<ReferenceCache<FanOutReference>>().Listening);

    private static object Rule(string category, string user) => new
    {
        name = Id("cached"), eventTypes = new[] { "TicketCreated" }, filters = new { categories = new[] { category } },
        users = new[] { user }, roles = Array.Empty<string>(), channels = new[] { "Inbox" },
    };

    /// <summary>Publishes a ticket of <paramref name="category"/>, waits until it is fanned out, and counts the inbox items <paramref name="user"/> got of it.</summary>
    private async Task<int> ItemsForNextTicketAsync(string category, string user)
    {
        var eventId = await f.PublishAsync(new TicketCreated(Guid.NewGuid(), "HD-" + Random.Shared.Next(1, 99_999), "Cached", Id("r"), category, "P3",
            DateTimeOffset.UtcNow));
        await Eventually.GetAsync(() => f.CountAsync(db => db.Events.CountAsync(e => e.Id == eventId)), n => n == 1);
        return await f.CountAsync(db => db.Inbox.CountAsync(i => i.UserId == user && i.EventId == eventId));
    }

    private async Task<Guid> CreateRuleAsync(object body)
    {
        var response = await f.Http.PostJsonAsync("/api/notification-rules", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.ReadJsonAsync()).Str("id"));
    }

    [Fact]
    public async Task Rules_and_subscriptions_changed_through_the_api_apply_to_the_next_event_at_once()
    {
        await Eventually.GetAsync(ListeningAsync, listening => listening); // the cache is on
        var watcher = await f.JoinAsync(Id("watcher"), ["agent"]);
        var category = Id("cat");
        var moved = Id("cat");

        var rule = await CreateRuleAsync(Rule(category, watcher));
        (await ItemsForNextTicketAsync(category, watcher)).ShouldBe(1);

        // Changed (a tracked save): the rule now wants another category.
        (await f.Http.PutAsync($"/api/notification-rules/{rule}", JsonContent.Create(Rule(moved, watcher)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ItemsForNextTicketAsync(category, watcher)).ShouldBe(0);
        (await ItemsForNextTicketAsync(moved, watcher)).ShouldBe(1);

        // Deleted (a bulk delete, which sends its notice itself).
        (await f.Http.DeleteAsync($"/api/notification-rules/{rule}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ItemsForNextTicketAsync(moved, watcher)).ShouldBe(0);

        // A subscription paused through the API gets no delivery of the next event.
        var tool = f.Tool(Id("tool"));
        var endpoint = Id("ep");
        var subscription = await f.SubscribeAsync(tool, endpoint, ["TicketCreated"], new { categories = new[] { category } });
        await ItemsForNextTicketAsync(category, watcher);
        (await f.CountAsync(db => db.Deliveries.CountAsync(d => d.SubscriptionId == subscription))).ShouldBe(1);
        (await tool.PostAsync($"/api/subscriptions/{subscription}/pause", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ItemsForNextTicketAsync(category, watcher);
        (await f.CountAsync(db => db.Deliveries.CountAsync(d => d.SubscriptionId == subscription))).ShouldBe(1);
    }

    [Fact]
    public async Task A_rule_changed_underneath_is_held_until_its_notice_is_heard()
    {
        await Eventually.GetAsync(ListeningAsync, listening => listening);
        var watcher = await f.JoinAsync(Id("watcher"), ["agent"]);
        var category = Id("cat");
        var rule = await CreateRuleAsync(Rule(category, watcher));
        (await ItemsForNextTicketAsync(category, watcher)).ShouldBe(1); // read, and held

        // Another process disables the rule without a notice: this one still holds what it read (it is a cache).
        await f.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE notification_rules SET enabled = false WHERE id = {rule}"));
        (await ItemsForNextTicketAsync(category, watcher)).ShouldBe(1);

        // Its notice (what another replica's save sends) reaches this one's listener: the next event reads the change.
        await f.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{FanOutReference.Channel}', '')"));
        (await Eventually.GetAsync(() => ItemsForNextTicketAsync(category, watcher), n => n == 0, TimeSpan.FromSeconds(10))).ShouldBe(0);
    }
}
