using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.Tests;

/// <summary>
/// RabbitMq:Nodes: a service connected to a three-node RabbitMQ cluster (deploy/local/servers.sh start-cluster, the
/// "test" profile's nodes; the test starts them when they are not running) keeps publishing and consuming when the
/// node it is connected to is killed, and its consumer watchdog keeps looking through another node.
/// </summary>
public sealed partial class ClusterFailoverTests() : IsolatedTest("msgcluster", "cluster")
{
    // servers.sh, profile "test": node n has AMQP port 24673 + 100 n and management port 15683 + 100 n.
    private static readonly int[] AmqpPorts = [24773, 24873, 24973];
    private static readonly int[] ManagementPorts = [15783, 15883, 15983];
    private static readonly string Nodes = string.Join(",", AmqpPorts.Select(p => $"127.0.0.1:{p}"));
    private static readonly SemaphoreSlim OneAtATime = new(1, 1); // the cluster is shared by the tests of this class

    private readonly string _vhost = $"msgcluster_{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task A_service_keeps_publishing_and_consuming_when_its_node_is_killed()
    {
        var ct = TestContext.Current.CancellationToken;
        await OneAtATime.WaitAsync(ct);
        int? killed = null;
        var passed = false;
        var logs = new LogCapture();
        try
        {
            await ServersShAsync(TimeSpan.FromMinutes(4), "start-cluster", "test");
            await ManageAsync(1, HttpMethod.Put, $"api/vhosts/{_vhost}");
            await ManageAsync(1, HttpMethod.Put, $"api/permissions/{_vhost}/platform", """{"configure":".*","write":".*","read":".*"}""");

            var settings = new Dictionary<string, string?>
            {
                ["RabbitMq:Nodes"] = Nodes,
                ["RabbitMq:VirtualHost"] = _vhost,
                ["RabbitMq:QuorumQueues"] = "true",
                ["RabbitMq:ConsumerCheckInterval"] = "00:00:00.500",
                ["RabbitMq:ConsumerLossLimit"] = "00:00:10",
            };
            await using var service = new Supervised(() => MessagingHost.StartAsync(Servers, Database, consumer: true, overrides: settings,
                services: s => s.AddSingleton<ILoggerProvider>(logs)));
            var host = await service.CurrentAsync();
            (await QueueAsync(1, "msgtest-note")).GetProperty("type").GetString().ShouldBe("quorum");

            await host.WriteAsync("HD-C0");
            await Eventually.GetAsync(() => host.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "HD-C0", ct)), n => n == 1, TimeSpan.FromSeconds(30));

            // The node the bus is connected to (the watchdog's connection is its own) is killed.
            var before = await Eventually.GetAsync(() => BusNodesAsync(1), n => n.Count > 0, TimeSpan.FromSeconds(30));
            before.Distinct().Count().ShouldBe(1, "the bus keeps its connection(s) on one node");
            killed = before[0];
            await ServersShAsync(TimeSpan.FromMinutes(1), "kill-node", "test", killed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var survivor = killed == 1 ? 2 : 1;

            // Written while and after the bus moves to another node: each is published and consumed, exactly once. The
            // test is the service's supervisor: a process its watchdog stopped (exit code 75) is started again.
            var keys = Enumerable.Range(1, 10).Select(i => $"HD-C{i}").ToArray();
            foreach (var key in keys) await host.WriteAsync(key);
            List<string> notes;
            try
            {
                notes = await Eventually.GetAsync(
                    async () => await (await service.CurrentAsync()).WithDbAsync(db => db.Notes.Where(n => keys.Contains(n.Text)).Select(n => n.Text).ToListAsync(ct)),
                    n => n.Count >= keys.Length, TimeSpan.FromSeconds(90));
            }
            catch (TimeoutException e)
            {
                host = await service.CurrentAsync();
                var consumed = await host.WithDbAsync(db => db.Notes.Where(n => keys.Contains(n.Text)).CountAsync(ct));
                var pending = await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.DispatchedAt == null, ct));
                throw new TimeoutException(
                    $"{consumed} of {keys.Length} consumed, {pending} outbox rows pending; node {killed} killed; {service.Restarts} restarts; " +
                    $"bus health {host.Services.GetRequiredService<IBusControl>().CheckHealth().Description}\n" +
                    $"queues: {await ManageAsync(survivor, HttpMethod.Get, $"api/queues/{_vhost}?columns=name,type,node,state,leader,online,consumers,messages")}\n" +
                    string.Join("\n", logs.Entries.Select(l => $"{l.At:HH:mm:ss.fff} {l.Level} {l.Category}: {l.Message} | {l.Exception?.Split('\n')[0]}")), e);
            }

            notes.Order().ShouldBe(keys.Order());
            host = await service.CurrentAsync();
            await Eventually.GetAsync(() => host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.DispatchedAt == null, ct)), n => n == 0);
            var after = await Eventually.GetAsync(() => BusNodesAsync(survivor), n => n.Count > 0, TimeSpan.FromSeconds(30));
            after.ShouldNotContain(killed.Value);
            // The management API fills in a queue's figures a few seconds after it changes.
            await Eventually.GetAsync(async () => (await QueueAsync(survivor, "msgtest-note")).TryGetProperty("consumers", out var c) ? c.GetInt32() : 0,
                n => n > 0, TimeSpan.FromSeconds(30));
            // Still one more event through the surviving nodes, with the watchdog looking through one of them.
            var watchdog = host.Services.GetRequiredService<ConsumerWatchdog>();
            var looks = watchdog.Looks;
            await host.WriteAsync("HD-C11");
            await Eventually.GetAsync(() => host.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "HD-C11", ct)), n => n == 1, TimeSpan.FromSeconds(30));
            await Eventually.GetAsync(() => Task.FromResult(watchdog.Looks), n => n >= looks + 3, TimeSpan.FromSeconds(30));
            TestContext.Current.TestOutputHelper?.WriteLine($"node {killed} killed; the service was restarted {service.Restarts} time(s) by its watchdog");
            passed = true;
        }
        finally
        {
            try
            {
                if (killed is { } n) await ServersShAsync(TimeSpan.FromMinutes(3), "start-node", "test", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await ManageAsync(killed == 1 ? 2 : 1, HttpMethod.Delete, $"api/vhosts/{_vhost}");
            }
            catch (Exception e) when (!passed)
            {
                // The test has failed already: its own exception says why, not this clean-up's.
                TestContext.Current.TestOutputHelper?.WriteLine($"clean-up after the failure failed too: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                OneAtATime.Release();
            }
        }
    }

    [Fact]
    public void Nodes_are_read_in_order_with_the_default_port_for_a_node_without_one()
    {
        new RabbitMqOptions { Host = "h", Port = 5672 }.Endpoints().ShouldBe([("h", (ushort)5672)]);
        new RabbitMqOptions { Host = "h", Port = 5672, Nodes = " a:1, b ,c:3" }.Endpoints()
            .ShouldBe([("a", (ushort)1), ("b", (ushort)5672), ("c", (ushort)3)]);
        Should.Throw<InvalidOperationException>(() => new RabbitMqOptions { Nodes = "a:x" }.Endpoints());
    }

    /// <summary>The cluster nodes (1..3) holding the connections of the bus on this test's vhost, as node <paramref name="via"/> sees them.</summary>
    private async Task<List<int>> BusNodesAsync(int via)
    {
        using var doc = JsonDocument.Parse(await ManageAsync(via, HttpMethod.Get, $"api/vhosts/{_vhost}/connections"));
        return doc.RootElement.EnumerateArray()
            .Where(c => !(c.TryGetProperty("client_properties", out var p) && p.TryGetProperty("connection_name", out var name) &&
                          name.GetString()?.Contains("consumer-watchdog", StringComparison.Ordinal) == true))
            .Select(c => int.Parse(NodeNumber().Match(c.GetProperty("node").GetString()!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    private async Task<JsonElement> QueueAsync(int via, string queue)
    {
        using var doc = JsonDocument.Parse(await ManageAsync(via, HttpMethod.Get, $"api/queues/{_vhost}/{queue}"));
        return doc.RootElement.Clone();
    }

    private static async Task<string> ManageAsync(int node, HttpMethod method, string path, string? body = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ManagementPorts[node - 1]}/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("platform:platform"u8.ToArray()));
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Runs deploy/local/servers.sh with the given arguments; fails the test with its output when it fails.</summary>
    private static async Task ServersShAsync(TimeSpan timeout, params string[] args)
    {
        var (exitCode, output) = await ExternalProgram.RunAsync("bash", [Path.Combine(Repository.Root, "deploy", "local", "servers.sh"), .. args],
            Repository.Root, timeout, "bash comes with Debian");
        if (exitCode != 0)
            throw new InvalidOperationException($"servers.sh {string.Join(' ', args)} failed ({exitCode}):\n{output}");
    }

    /// <summary>
    /// A service under a supervisor, as in Kubernetes or the fault suite: when its watchdog stops it (exit code 75), the
    /// next <see cref="CurrentAsync"/> starts a fresh process (here: host) on the same database.
    /// </summary>
    private sealed class Supervised(Func<Task<MessagingHost>> start) : IAsyncDisposable
    {
        private MessagingHost? _host;

        public int Restarts { get; private set; }

        public async Task<MessagingHost> CurrentAsync()
        {
            if (_host is not null && !_host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
                return _host;
            if (_host is not null)
            {
                Environment.ExitCode.ShouldBe(ConsumerWatchdog.ExitCode);
                Environment.ExitCode = 0; // this is the test host's exit code too
                await _host.DisposeAsync();
                Restarts++;
            }

            return _host = await start();
        }

        public async ValueTask DisposeAsync()
        {
            if (_host is not null) await _host.DisposeAsync();
            Environment.ExitCode = 0;
        }
    }

    [GeneratedRegex(@"-n([123])@")]
    private static partial Regex NodeNumber();
}
