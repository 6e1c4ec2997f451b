using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Messaging.Tests;

/// <summary>
/// A receive endpoint that stays without a consumer at the broker (MassTransit did not recover it after a lost
/// connection) stops the service, so that a fresh process consumes the queue again.
/// </summary>
public sealed class ConsumerWatchdogTests() : IsolatedTest("msgdeaf", "deaf")
{
    private static readonly Dictionary<string, string?> Quick = new()
    {
        ["RabbitMq:ConsumerCheckInterval"] = "00:00:00.250", ["RabbitMq:ConsumerLossLimit"] = "00:00:02",
    };

    [Fact]
    public async Task A_queue_left_without_its_consumer_stops_the_service()
    {
        await using var host = await MessagingHost.StartAsync(Servers, Database, consumer: true, overrides: Quick);
        var watchdog = host.Services.GetRequiredService<ConsumerWatchdog>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var bus = host.Services.GetRequiredService<IBusControl>();

        var extra = bus.ConnectReceiveEndpoint("msgtest-extra", _ => { });
        await extra.Ready;
        await Eventually.GetAsync(() => Task.FromResult(watchdog.Queues), q => q.Contains("msgtest-extra"));
        // Consumed queues keep the service running, for looks spanning well past the limit (12 × 0.25 s > 2 s).
        var looked = watchdog.Looks;
        await Eventually.GetAsync(() => Task.FromResult(watchdog.Looks), n => n >= looked + 12, TimeSpan.FromSeconds(30));
        lifetime.ApplicationStopping.IsCancellationRequested.ShouldBeFalse();

        // Deaf: the queue stays, its consumer is gone, the broker answers.
        await extra.StopAsync(TestContext.Current.CancellationToken);
        try
        {
            await Eventually.GetAsync(() => Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested), s => s, TimeSpan.FromSeconds(20));
            Environment.ExitCode.ShouldBe(ConsumerWatchdog.ExitCode);
        }
        finally
        {
            Environment.ExitCode = 0; // this is the test host's exit code too
        }
    }
}
