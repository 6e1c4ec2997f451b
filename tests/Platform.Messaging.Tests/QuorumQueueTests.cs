using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.Tests;

/// <summary>RabbitMq:QuorumQueues declares every consumer's queue as a quorum queue; off, they stay classic.</summary>
public sealed class QuorumQueueTests() : IsolatedTest("msgquorum", "queue")
{
    [Fact]
    public async Task With_the_switch_on_the_consumers_queue_is_a_quorum_queue_and_events_flow_through_it()
    {
        await using var host = await MessagingHost.StartAsync(Servers, Database, consumer: true,
            overrides: new Dictionary<string, string?> { ["RabbitMq:QuorumQueues"] = "true" });
        (await Servers.Servers.QueueTypeAsync(Servers.VirtualHost, "msgtest-note")).ShouldBe("quorum");

        await host.WriteAsync("HD-Q1");
        await Eventually.GetAsync(() => host.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "HD-Q1")), n => n == 1);
    }

    [Fact]
    public async Task By_default_the_queue_is_classic()
    {
        await using var host = await MessagingHost.StartAsync(Servers, Database, consumer: true);
        (await Servers.Servers.QueueTypeAsync(Servers.VirtualHost, "msgtest-note")).ShouldBe("classic");
    }
}
