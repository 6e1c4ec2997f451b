using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications.Data;

namespace Platform.Notifications.Tests;

/// <summary>A fixture of its own: this test stops the service it was given.</summary>
public sealed class RestartFixture : NotificationsFixture;

public sealed class RestartTests(RestartFixture f, ITestOutputHelper output) : IClassFixture<RestartFixture>
{
    [Fact]
    public async Task A_restart_in_the_middle_of_a_fan_out_loses_no_delivery_and_delivers_each_event_id_once_per_endpoint()
    {
        const int endpoints = 200;
        var tool = f.Tool("restart-tool");
        var names = Enumerable.Range(0, endpoints).Select(i => $"restart{i}").ToList();
        foreach (var name in names) await f.SubscribeAsync(tool, name, ["ProjectEscalationRaised"]);
        var settings = f.Settings();

        // A slow receiver, so that the fan-out is still going when the service stops. The dispatcher keeps
        // Delivery:MaxConcurrency (64) requests in flight, starting the next as one ends, until the stop; those in flight
        // finish. At 150 ms a request, 200 endpoints took about half a second, and a stop slower than that on a busy
        // machine let them all through (deploy/local/test.sh, 2026-12-04); at a second each the stop has two seconds.
        f.Receiver.Delay = TimeSpan.FromSeconds(1);
        var eventId = await f.PublishAsync(NotificationsFixture.Escalation("PRJ-RESTART", "Critical"));
        await f.Receiver.WaitForAsync(r => r.All.Count >= 40, TimeSpan.FromSeconds(30), "the fan-out to be under way");
        await f.Service.DisposeAsync();
        var atStop = f.Receiver.All.Count;
        atStop.ShouldBeLessThan(endpoints, "the service stopped in the middle of the fan-out");
        f.Receiver.Delay = TimeSpan.Zero;

        // The same service again (same database, same broker vhost): the rows it had claimed come back when their lease ends.
        await using var second = new ServiceFactory<Program>(settings);
        using var client = second.CreateClient();
        await Eventually.GetAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
        await f.Receiver.WaitForAsync(r => names.All(n => r.For(n).Count >= 1), TimeSpan.FromSeconds(60), "every endpoint after the restart");
        // Each row is marked Delivered after its receiver answered, which on a busy machine can be a while later.
        await Eventually.GetAsync(async () =>
        {
            await using var poll = second.Services.CreateAsyncScope();
            return await poll.ServiceProvider.GetRequiredService<NotificationsDbContext>().Deliveries
                .CountAsync(d => d.EventId == eventId && d.Status == DeliveryStatus.Delivered);
        }, n => n >= endpoints, TimeSpan.FromSeconds(60));
        await Task.Delay(500); // a duplicate would have arrived by now

        names.ShouldAllBe(n => f.Receiver.For(n).Select(a => a.EventId).Distinct().Single() == eventId.ToString());
        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        (await db.Deliveries.CountAsync(d => d.EventId == eventId)).ShouldBe(endpoints);
        (await db.Deliveries.CountAsync(d => d.EventId == eventId && d.Status == DeliveryStatus.Delivered)).ShouldBe(endpoints);
        f.Receiver.Duplicates.ShouldBe(0, "a graceful stop lets requests in flight finish and records them");
        var line = $"RESTART: {endpoints} endpoints, service stopped after {atStop} deliveries; after restart {endpoints} of {endpoints} endpoints " +
                   $"have the event (distinct ids), {f.Receiver.Duplicates} duplicate request(s) on the wire";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
