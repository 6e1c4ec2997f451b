using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications.Jobs;

namespace Platform.Notifications.Tests;

/// <summary>
/// Two replicas of notifications on one database and one broker: both consume the same queues and both dispatch
/// deliveries. Every subscribed endpoint still gets an escalation exactly once, and every delivery is recorded once.
/// </summary>
[Collection(nameof(NotificationsCollection))]
public sealed class ReplicaTests(NotificationsFixture f)
{
    [Fact]
    public async Task Two_replicas_deliver_each_webhook_exactly_once()
    {
        await using var replica = f.Service.WithWebHostBuilder(_ => { });
        replica.Services.GetRequiredService<DeliveryDispatcher>().ShouldNotBeNull(); // the second process is running

        var tool = f.Tool($"twin-{Guid.NewGuid():N}"[..12]);
        var names = Enumerable.Range(0, 60).Select(i => $"twin{i}-{Guid.NewGuid():N}"[..16]).ToList();
        foreach (var name in names) await f.SubscribeAsync(tool, name, ["ProjectEscalationRaised"], new { projectKeys = new[] { "PRJ-TWIN" } });

        // Several events, each published twice (a redelivery), while both replicas run.
        var events = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var escalation = NotificationsFixture.Escalation("PRJ-TWIN", "High");
            var id = await f.PublishAsync(escalation);
            await f.PublishAsync(escalation, id);
            events.Add(id);
        }

        var expected = names.Count * events.Count;
        await f.Receiver.WaitForAsync(r => r.All.Count(a => events.Contains(Guid.Parse(a.EventId))) >= expected, TimeSpan.FromSeconds(120), $"{expected} deliveries");
        await Eventually.GetAsync(() => f.CountAsync(db => db.Deliveries.CountAsync(d => events.Contains(d.EventId) && d.Status == DeliveryStatus.Delivered)),
            n => n >= expected, TimeSpan.FromSeconds(60));

        var received = f.Receiver.All.Where(a => events.Contains(Guid.Parse(a.EventId))).ToList();
        received.Count.ShouldBe(expected);
        received.GroupBy(a => (a.Endpoint, a.EventId)).ShouldAllBe(g => g.Count() == 1);
        (await f.CountAsync(db => db.Deliveries.CountAsync(d => events.Contains(d.EventId)))).ShouldBe(expected);
        (await f.CountAsync(db => db.Attempts.CountAsync(a => a.Outcome == "Delivered"
            && db.Deliveries.Any(d => d.Id == a.DeliveryId && events.Contains(d.EventId))))).ShouldBe(expected);
    }
}
