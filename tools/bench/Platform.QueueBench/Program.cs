using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Platform.QueueBench;

// Platform.QueueBench --nodes host:port[,host:port,…] --queue classic|quorum [--messages N] [--runs N] [--label TEXT]
// Publish → consume throughput through MassTransit with the platform's own settings (publisher confirms, durable
// persistent messages, prefetch 32, 16 at once per queue, kebab-case endpoint), for one queue type: N messages are
// published with up to 64 confirms outstanding while one consumer takes them; msgs/s = N / (first publish → last
// message consumed). Prints one Markdown row: the median of the runs and each run. tools/bench/queues.sh runs it.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string Arg(string name, string fallback) =>
    args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
var nodes = Arg("nodes", "127.0.0.1:5672").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var quorum = Arg("queue", "classic") == "quorum";
var messages = int.Parse(Arg("messages", "20000"), CultureInfo.InvariantCulture);
var runs = int.Parse(Arg("runs", "3"), CultureInfo.InvariantCulture);
var label = Arg("label", $"{(quorum ? "quorum" : "classic")} on {nodes.Length} node(s)");
var body = new string('x', 400); // about the size of a TicketCreated event's JSON

var results = new List<(double EndToEnd, double Publish)>();
for (var run = 0; run < runs; run++)
{
    var queue = $"bench-{(quorum ? "quorum" : "classic")}-{run}-{Guid.NewGuid():N}"[..40];
    var consumed = 0;
    var allConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var first = nodes[0].Split(':');
    var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
    {
        cfg.Host(first[0], ushort.Parse(first[1], CultureInfo.InvariantCulture), "/", h =>
        {
            h.Username("platform");
            h.Password("platform");
            h.PublisherConfirmation = true;
            if (nodes.Length > 1) h.UseCluster(c => { foreach (var n in nodes) c.Node(n); });
        });
        cfg.PrefetchCount = 32;
        cfg.ConcurrentMessageLimit = 16;
        cfg.ReceiveEndpoint(queue, e =>
        {
            if (quorum) e.SetQuorumQueue();
            else e.AutoDelete = true;
            e.Handler<BenchMessage>(_ =>
            {
                if (Interlocked.Increment(ref consumed) == messages) allConsumed.TrySetResult();
                return Task.CompletedTask;
            });
        });
    });
    await bus.StartAsync();
    try
    {
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        // Warm-up: the JIT and the first channel, not counted.
        for (var i = 0; i < 200; i++) await bus.Publish(new BenchMessage(-1, body));
        while (Volatile.Read(ref consumed) < 200) await Task.Delay(10);
        Interlocked.Exchange(ref consumed, 0);

        var clock = Stopwatch.StartNew();
        using var window = new SemaphoreSlim(64);
        var publishes = new List<Task>(messages);
        for (var i = 0; i < messages; i++)
        {
            await window.WaitAsync();
            publishes.Add(bus.Publish(new BenchMessage(i, body)).ContinueWith(t => { window.Release(); t.GetAwaiter().GetResult(); }, TaskScheduler.Default));
        }

        await Task.WhenAll(publishes);
        var published = clock.Elapsed;
        await allConsumed.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var all = clock.Elapsed;
        results.Add((messages / all.TotalSeconds, messages / published.TotalSeconds));
    }
    finally
    {
        await bus.StopAsync();
    }

    if (quorum) await DeleteQueueAsync(nodes, queue);
}

var ordered = results.OrderBy(r => r.EndToEnd).ToList();
var median = ordered[ordered.Count / 2];
Console.WriteLine($"| {label} | **{median.EndToEnd:F0}** | {median.Publish:F0} | {string.Join(", ", results.Select(r => $"{r.EndToEnd:F0}"))} |");
return 0;

// Quorum queues are never auto-deleted: the run's queue (and MassTransit's exchange of the same name) go over AMQP.
static async Task DeleteQueueAsync(string[] nodes, string queue)
{
    var first = nodes[0].Split(':');
    var factory = new RabbitMQ.Client.ConnectionFactory
    {
        HostName = first[0], Port = int.Parse(first[1], CultureInfo.InvariantCulture), UserName = "platform", Password = "platform",
    };
    await using var connection = await factory.CreateConnectionAsync();
    await using var channel = await connection.CreateChannelAsync();
    await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
    await channel.ExchangeDeleteAsync(queue);
}

namespace Platform.QueueBench
{
    public sealed record BenchMessage(int Number, string Body);
}
