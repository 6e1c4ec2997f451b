using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.Tests;

/// <summary>RabbitMq:QuorumQueues declares every consumer's queue as a quorum queue; off, they stay classic.</summary>
public sealed class QuorumQueueTests : IAsyncLifetime
{
    private IsolatedServers _servers = null!;

    public async ValueTask InitializeAsync() => _servers = await IsolatedServers.CreateAsync("msgquorum");

    public ValueTask DisposeAsync() => _servers.DisposeAsync();

    [Fact]
    public async Task With_the_switch_on_the_consumers_queue_is_a_quorum_queue_and_events_flow_through_it()
    {
        await using var host = await MessagingHost.StartAsync(_servers, _servers.Database("quorum"), consumer: true,
            overrides: new Dictionary<string, string?> { ["RabbitMq:QuorumQueues"] = "true" });
        (await _servers.Servers.QueueTypeAsync(_servers.VirtualHost, "msgtest-note")).ShouldBe("quorum");

        await host.WriteAsync("HD-Q1");
        await Eventually.GetAsync(() => host.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "HD-Q1")), n => n == 1);
    }

    [Fact]
    public async Task By_default_the_queue_is_classic()
    {
        await using var host = await MessagingHost.StartAsync(_servers, _servers.Database("classic"), consumer: true);
        (await _servers.Servers.QueueTypeAsync(_servers.VirtualHost, "msgtest-note")).ShouldBe("classic");
    }
}
