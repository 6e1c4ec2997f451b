using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;

namespace Platform.Testing;

/// <summary>One message the probe saw, with its MessageId and the trace it arrived in.</summary>
public sealed record Received(object Message, Guid? MessageId, ActivityTraceId TraceId, DateTimeOffset At)
{
    /// <summary>The message's headers as the broker delivered them (MassTransit's own and the publisher's).</summary>
    public IReadOnlyDictionary<string, object> Headers { get; init; } = new Dictionary<string, object>();
}

/// <summary>
/// A bus of the test's own on a test's virtual host: it observes the events a service publishes and publishes
/// events as another service would. It listens to MassTransit's activities so the trace of each consumed
/// message is known.
/// </summary>
public sealed class BusProbe : IAsyncDisposable
{
    private static readonly ActivityListener Listener = CreateListener();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly IBusControl _bus;

    private BusProbe(IBusControl bus) => _bus = bus;

    public IReadOnlyCollection<Received> All => _received.ToArray();

    public static async Task<BusProbe> StartAsync(IsolatedServers servers, params Type[] observe)
    {
        GC.KeepAlive(Listener);
        BusProbe? probe = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            var s = servers.Servers;
            cfg.Host(s.RabbitMq.Host, (ushort)s.RabbitMq.Port, servers.VirtualHost, h =>
            {
                h.Username(s.RabbitUser);
                h.Password(s.RabbitPassword);
            });
            cfg.ReceiveEndpoint($"probe-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                foreach (var type in observe)
                {
                    typeof(BusProbe).GetMethod(nameof(Observe), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                        .MakeGenericMethod(type)
                        .Invoke(null, [e, (Action<Received>)(r => probe!._received.Enqueue(r))]);
                }
            });
        });
        probe = new BusProbe(bus);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        return probe;
    }

    private static void Observe<T>(IRabbitMqReceiveEndpointConfigurator e, Action<Received> record) where T : class =>
        e.Handler<T>(context =>
        {
            record(new Received(context.Message, context.MessageId, Activity.Current?.TraceId ?? default, DateTimeOffset.UtcNow)
            {
                Headers = context.Headers.GetAll().GroupBy(h => h.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            });
            return Task.CompletedTask;
        });

    public IReadOnlyList<T> Messages<T>() => _received.Select(r => r.Message).OfType<T>().ToList();

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null) =>
        (T)(await WaitForReceivedAsync(match, timeout)).Message;

    public async Task<Received> WaitForReceivedAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var hit = _received.FirstOrDefault(r => r.Message is T m && (match is null || match(m)));
            if (hit is not null) return hit;
            await Task.Delay(20);
        }

        throw new TimeoutException($"No {typeof(T).Name} arrived within {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds} s. Saw: {string.Join(", ", _received.Select(r => r.Message.GetType().Name))}");
    }

    /// <summary>Publishes as another service's outbox would, with a chosen MessageId (to replay a delivery).</summary>
    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        _bus.Publish(message, context => context.MessageId = messageId);

    /// <summary>Publishes with a chosen MessageId and headers of the test's choosing (the routing headers an outbox sets).</summary>
    public Task PublishWithHeadersAsync<T>(T message, Guid messageId, params (string Name, string Value)[] headers) where T : class =>
        _bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            foreach (var (name, value) in headers) context.Headers.Set(name, value);
        });

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    private static ActivityListener CreateListener()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or "Platform.Messaging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

public static class Eventually
{
    /// <summary>Polls until the check passes or the time is up (then the last failure is thrown).</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T value = await read();
        while (!until(value))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Condition not met within {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds} s; last value: {value}");
            await Task.Delay(25);
            value = await read();
        }

        return value;
    }
}
