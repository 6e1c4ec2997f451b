using Platform.Messaging.Inbox;

namespace Platform.Notifications.Tests;

/// <summary>A fixture of its own: this test leaves a message in an _error queue of its virtual host.</summary>
public sealed class PoisonEventFixture : NotificationsFixture;

public sealed class PoisonEventTests(PoisonEventFixture f) : IClassFixture<PoisonEventFixture>
{
    private const string ErrorQueue = "notifications-ticket-created_error";

    [Fact]
    public async Task An_event_that_cannot_be_applied_is_parked_alone_and_the_events_beside_it_land()
    {
        var requester = "poison-" + Guid.NewGuid().ToString("N")[..8];
        // PostgreSQL's jsonb takes no NUL character: this event's log row can never be written.
        var poison = NotificationsFixture.Ticket(Guid.NewGuid(), "HD-POISON", requester) with { Title = "bad \0 title" };
        var published = Enumerable.Range(0, 30).Select(i => f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), $"HD-P{i}", requester))).ToList();
        published.Insert(15, f.PublishAsync(poison));
        var ids = await Task.WhenAll(published);
        var poisonId = ids[15];
        var good = ids.Where(id => id != poisonId).ToList();

        await Eventually.GetAsync(() => f.CountAsync(db => db.Set<InboxMessage>().CountAsync(m => good.Contains(m.MessageId))),
            n => n == good.Count, TimeSpan.FromSeconds(60));
        // After its retries the poison event is parked in the _error queue, and it alone: none of the events consumed
        // beside it (at the same time, from the same queue) is faulted with it.
        var parked = await Eventually.GetAsync(() => f.Servers.Servers.PeekMessageIdsAsync(f.Servers.VirtualHost, ErrorQueue),
            p => p.Contains(poisonId), TimeSpan.FromSeconds(90));
        parked.ShouldBe([poisonId]);
        (await f.CountAsync(db => db.Events.CountAsync(e => e.Id == poisonId))).ShouldBe(0);
        (await f.CountAsync(db => db.Events.CountAsync(e => good.Contains(e.Id)))).ShouldBe(good.Count);
        (await f.CountAsync(db => db.Inbox.CountAsync(i => good.Contains(i.EventId)))).ShouldBe(good.Count, "the requester hears of each good ticket once");
    }
}
