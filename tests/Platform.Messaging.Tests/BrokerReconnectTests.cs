using MassTransit;
using MassTransit.Middleware;

namespace Platform.Messaging.Tests;

/// <summary>
/// After RabbitMQ comes back, a service reconnects within seconds: MassTransit's own reconnect policy waits up to
/// 30 s between attempts, ours about RabbitMq:ReconnectMaxInterval (2 s, plus MassTransit's random spread). Also guards the reflection it takes.
/// </summary>
public class BrokerReconnectTests
{
    private sealed class Probe : BasePipeContext, PipeContext;

    /// <summary>The waits before the first <paramref name="attempts"/> reconnect attempts.</summary>
    private static List<TimeSpan> Waits(IRetryPolicy policy, int attempts)
    {
        var failure = new MassTransit.ConnectionException("broker away");
        var waits = new List<TimeSpan>();
        policy.CreatePolicyContext(new Probe()).CanRetry(failure, out var retry).ShouldBeTrue();
        for (var i = 0; i < attempts; i++)
        {
            waits.Add(retry.Delay ?? TimeSpan.Zero);
            retry.CanRetry(failure, out retry).ShouldBeTrue();
        }

        return waits;
    }

    [Fact]
    public void The_bus_reconnects_at_most_two_seconds_apart_where_MassTransit_waited_up_to_thirty()
    {
        object? host = null;
        IRetryPolicy? before = null;
        Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            var field = cfg.GetType().GetField("_hostConfiguration", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
            before = BrokerReconnect.Current(field.GetValue(cfg)!);
            host = BrokerReconnect.Apply(cfg, TimeSpan.FromSeconds(2));
        });

        Waits(before!, 10).Max().ShouldBeGreaterThan(TimeSpan.FromSeconds(20));
        var waits = Waits(BrokerReconnect.Current(host!)!, 20);
        waits.Max().ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(4)); // 2 s plus MassTransit's random spread
        waits[0].ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
    }
}
