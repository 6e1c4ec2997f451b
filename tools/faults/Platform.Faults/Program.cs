using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Platform.Processes;
using Platform.Faults;

// tools/faults/run.sh [--short] runs this with PLATFORM_POSTGRES, PLATFORM_RABBITMQ(_MANAGEMENT) of the "faults" server
// profile in the environment. Exit code: 0 = nothing lost or duplicated, 1 = something was, 2 = the run itself broke.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var shortRun = args.Contains("--short");
// --replicas: two processes of every service behind the gateway, the three-node broker (run.sh starts it and names its
// nodes in PLATFORM_RABBITMQ_NODES), and faults that a twin or the other nodes should absorb: one replica at a time is
// SIGKILLed (each service several times), one broker node at a time is killed. No write may fail because of them.
var replicas = args.Contains("--replicas");
var rabbitNodes = Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ_NODES") ?? "";
var managementNodes = (Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ_MANAGEMENT_NODES") ?? "")
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u)).ToArray();
if (replicas && (rabbitNodes.Length == 0 || managementNodes.Length < 3))
    return Fail("--replicas needs the three-node broker: PLATFORM_RABBITMQ_NODES and PLATFORM_RABBITMQ_MANAGEMENT_NODES (tools/faults/run.sh --replicas sets them)");
int? downNode = null; // the broker node killed right now (replicas mode): the management API is asked through another
var seed = args.SkipWhile(a => a != "--seed").Skip(1).Select(int.Parse).FirstOrDefault(Environment.TickCount & 0xffff);
var root = FindRoot();
var configuration = Environment.GetEnvironmentVariable("FAULTS_CONFIGURATION") ?? "Release";
var pg = Environment.GetEnvironmentVariable("PLATFORM_POSTGRES") ?? "Host=127.0.0.1;Port=25434;Username=platform;Password=platform";
var amqp = new Uri(Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ") ?? "amqp://platform:platform@127.0.0.1:24674/");
var managementSingle = new Uri(Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ_MANAGEMENT") ?? "http://platform:platform@127.0.0.1:15684/");
Uri LiveManagement() => managementNodes.Length == 0 ? managementSingle : managementNodes.Where((_, i) => i + 1 != downNode).First();
var serversScript = Path.Combine(root, "deploy/local/servers.sh");
var dataDir = Path.Combine(root, ".data/faults");
var logDir = Path.Combine(dataDir, "logs");
var pidDir = Path.Combine(dataDir, "pids");
Directory.CreateDirectory(logDir);
Directory.CreateDirectory(pidDir);
foreach (var old in Directory.GetFiles(logDir, "*.log")) File.Delete(old); // this run's logs only

var random = new Random(seed);
var runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var outage = TimeSpan.FromSeconds(shortRun ? 10 : 30);
var postgresOutage = TimeSpan.FromSeconds(10);
var killsPerService = shortRun ? 1 : 3;
var ratePerSecond = shortRun ? 15.0 : 20.0;
// How long after the load stops a write still being retried (same Idempotency-Key) may take to be accepted.
var retryDeadline = TimeSpan.FromSeconds(60);
// A SIGKILLed service should be ready again, and publishing again, within this; over it fails the run
// (FAULTS_STRICT_TIMINGS=0 only reports it, e.g. on a machine known to be overloaded). In replicas mode it is only
// reported unless FAULTS_STRICT_TIMINGS=1: there a killed replica's twin serves meanwhile, so what fails the run is a
// write that failed, not how long the killed one took to come back.
var timingLimit = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("FAULTS_TIMING_LIMIT_S"), out var limitS) ? limitS : 10);
var strictTimings = Environment.GetEnvironmentVariable("FAULTS_STRICT_TIMINGS") is { Length: > 0 } strictSetting ? strictSetting != "0" : !replicas;
// How long after a restarted service is ready the driver waits for its first published event before moving on.
var publishWait = TimeSpan.FromSeconds(45);
// After the broker returns, every queue consumed before it died has a consumer again within this, or the run fails
// (the management API it is read from refreshes its figures every 5 s; a service whose endpoint MassTransit left deaf
// stops itself after 15 s of it (ConsumerWatchdog) and is restarted by the driver's watchdog: about 35 s in all).
var consumersBackLimit = TimeSpan.FromSeconds(60);
Log($"fault suite ({(shortRun ? "short" : "full")}{(replicas ? ", two replicas of every service, three-node broker" : "")}), seed {seed}, run {runId}; logs in {Rel(logDir)}");

// ---------------------------------------------------------------------------------------------- processes ---
string Dll(string dir, string assembly) => Path.Combine(root, dir, "bin", configuration, "net10.0", assembly + ".dll");
var specs = new (string Name, string Dll, string? Database)[]
{
    ("identity", Dll("services/identity/Platform.Identity", "Platform.Identity"), "Identity"),
    ("ticketing", Dll("services/ticketing/Platform.Ticketing", "Platform.Ticketing"), "Ticketing"),
    ("projects", Dll("services/projects/Platform.Projects", "Platform.Projects"), "Projects"),
    ("assets", Dll("services/assets/Platform.Assets", "Platform.Assets"), "Assets"),
    ("notifications", Dll("services/notifications/Platform.Notifications", "Platform.Notifications"), "Notifications"),
    ("gateway", Dll("gateway/Platform.Gateway", "Platform.Gateway"), null),
};
var core = new[] { "identity", "ticketing", "projects", "gateway" };
foreach (var s in specs.Where(s => core.Contains(s.Name) && !File.Exists(s.Dll)))
    return Fail($"build output missing: {s.Dll} (dotnet build Platform.sln -c {configuration})");
// The short form (CI) keeps to the core of the cross-service flow so that it starts fast on a small machine.
specs = specs.Where(s => File.Exists(s.Dll) && (!shortRun || core.Contains(s.Name))).ToArray();
var databases = specs.Where(s => s.Database is not null).ToDictionary(s => s.Name, s => $"faults_{s.Database!.ToLowerInvariant()}");

var ports = specs.ToDictionary(s => s.Name, _ => ServiceProcess.FreePort());
var gatewayUrl = new Uri($"http://127.0.0.1:{ports["gateway"]}/");
var environment = new Dictionary<string, string?>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Development",
    ["Identity__Issuer"] = gatewayUrl.ToString(),
    ["Identity__RequireHttps"] = "false",
    ["Auth__Authority"] = gatewayUrl.ToString(),
    ["Auth__RequireHttpsMetadata"] = "false",
    // With replicas, through the gateway (it balances, skips a killed replica and retries on its twin), as up.sh does.
    ["People__DirectoryApi"] = replicas ? gatewayUrl.ToString() : $"http://127.0.0.1:{ports["identity"]}/",
    ["RabbitMq__Host"] = amqp.Host,
    ["RabbitMq__Port"] = amqp.Port.ToString(CultureInfo.InvariantCulture),
    ["RabbitMq__Username"] = "platform",
    ["RabbitMq__Password"] = "platform",
    ["RabbitMq__VirtualHost"] = "/",
    ["RabbitMq__Nodes"] = rabbitNodes,
    ["RabbitMq__QuorumQueues"] = replicas ? "true" : "false",
    ["Email__Enabled"] = "false",
    ["Gateway__RateLimit__PermitsPerSecond"] = "100000",
    ["Gateway__RateLimit__Burst"] = "100000",
    ["Gateway__RateLimit__SignInPerMinute"] = "10000",
    ["Logging__LogLevel__Default"] = "Warning",
    ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    // Each restart's wall and CPU time to started, to tell a slow start from a slow bus in the logs.
    ["Logging__LogLevel__Platform.Startup"] = "Information",
};
// Replicas mode: "<service>-2" is the twin of "<service>" (same database), listed beside it in the gateway's cluster.
var instances = specs.Select(s => (Name: s.Name, s.Dll, Service: s.Name)).ToList();
if (replicas)
    foreach (var s in specs.Where(s => s.Name != "gateway"))
    {
        instances.Add((s.Name + "-2", s.Dll, s.Name));
        ports[s.Name + "-2"] = ServiceProcess.FreePort();
        environment[$"ReverseProxy__Clusters__{s.Name}__Destinations__replica2__Address"] = $"http://127.0.0.1:{ports[s.Name + "-2"]}/";
    }

foreach (var s in specs)
{
    if (s.Database is not null) environment[$"ConnectionStrings__{s.Database}"] = $"{pg};Database={databases[s.Name]}";
    environment[$"ReverseProxy__Clusters__{s.Name}__Destinations__primary__Address"] = $"http://127.0.0.1:{ports[s.Name]}/";
}

var services = instances.ToDictionary(s => s.Name, s => new ServiceProcess(s.Name, s.Dll, ports[s.Name], environment, logDir, pidDir, keepLines: 1000));
static string ServiceOf(string instance) => instance.Split('-')[0];
// Killed on purpose by the fault scheduler right now: the watchdog leaves these alone.
var faulted = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
var windows = new List<FaultWindow>();
using var watchdogStop = new CancellationTokenSource();
var notes = new List<string>();

try
{
    // Fresh databases every run: every row in them belongs to this run.
    await using (var admin = NpgsqlDataSource.Create($"{pg};Database=postgres"))
        foreach (var db in databases.Values)
            await admin.CreateCommand($"DROP DATABASE IF EXISTS {db} WITH (FORCE)").ExecuteNonQueryAsync();
    await PurgeQueuesAsync();

    var t0 = Stopwatch.StartNew();
    // Replica 1 of each service first (it applies the migrations), then the twins.
    foreach (var s in services.Values.Where(s => s.Name != "gateway" && !s.Name.Contains('-'))) s.Start();
    foreach (var s in services.Values.Where(s => s.Name != "gateway" && !s.Name.Contains('-'))) await s.WaitUntilReadyAsync(TimeSpan.FromSeconds(180));
    foreach (var s in services.Values.Where(s => s.Name.Contains('-'))) s.Start();
    foreach (var s in services.Values.Where(s => s.Name.Contains('-'))) await s.WaitUntilReadyAsync(TimeSpan.FromSeconds(180));
    services["gateway"].Start();
    await services["gateway"].WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
    Log($"{services.Count} services ready in {t0.Elapsed.TotalSeconds:F0} s ({string.Join(", ", services.Keys)}); gateway {gatewayUrl}");

    // Every service database with an outbox (identity has none).
    var sources = databases.Where(d => d.Key != "identity")
        .ToDictionary(d => d.Key, d => NpgsqlDataSource.Create($"{pg};Database={d.Value};Timeout=5;Command Timeout=30"));

    // Tokens, then a project that ticketing has heard of (ProjectCreated over the bus).
    var bob = await Load.TokenAsync(gatewayUrl, "bob");
    var carol = await Load.TokenAsync(gatewayUrl, "carol");
    using var setup = new Load(gatewayUrl, "", runId, 1, random) { BobToken = bob, CarolToken = carol };
    JsonElement? created = null;
    var projectIdempotencyKey = Guid.NewGuid().ToString(); // one intended project, however many attempts
    for (var attempt = 1; created is null; attempt++)
    {
        // The first call through a freshly started gateway (discovery, JIT) can be slow on a busy machine.
        created = await setup.SendAsync("setup", HttpMethod.Post, "api/projects", carol,
            new { name = $"Fault run {runId}", manager = "carol", description = "Tickets promoted while the platform is being broken." },
            projectIdempotencyKey);
        if (created is null && attempt >= 10)
            throw new InvalidOperationException($"could not create the project: {string.Join(", ", setup.Failed.Select(f => f.What))}");
        if (created is null) await Task.Delay(1000);
    }

    var project = created.Value;
    var projectKey = project.GetProperty("key").GetString()!;
    var known = Stopwatch.StartNew();
    while (await Scalar<long>(sources["ticketing"], "SELECT count(*) FROM known_projects WHERE key = $1", projectKey) == 0)
    {
        if (known.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"ticketing never learned of {projectKey}");
        await Task.Delay(100);
    }

    // ------------------------------------------------------------------------------------------- load + faults ---
    using var load = new Load(gatewayUrl, projectKey, runId, ratePerSecond, random) { BobToken = bob, CarolToken = carol };
    using var stopLoad = new CancellationTokenSource();
    var loadTask = Task.Run(() => load.RunAsync(stopLoad.Token));
    // Access tokens live 15 min (Identity:AccessTokenLifetime) and a full run, the replicas mode above all, takes longer:
    // the load's tokens are renewed every 5 min, as a real client renews its own (a renewal that fails while identity
    // is down is tried again a minute later; the old token still serves meanwhile).
    var renewal = Task.Run(async () =>
    {
        var next = TimeSpan.FromMinutes(5);
        while (!stopLoad.IsCancellationRequested)
        {
            try { await Task.Delay(next, stopLoad.Token); }
            catch (OperationCanceledException) { return; }
            try
            {
                load.BobToken = await Load.TokenAsync(gatewayUrl, "bob");
                load.CarolToken = await Load.TokenAsync(gatewayUrl, "carol");
                next = TimeSpan.FromMinutes(5);
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                Log($"token renewal failed ({e.Message}); trying again in a minute");
                next = TimeSpan.FromMinutes(1);
            }
        }
    });
    var watchdog = Task.Run(() => WatchdogAsync(watchdogStop.Token));
    Log($"load: {ratePerSecond:F0} tickets/s through the gateway, half promoted to {projectKey}, 40 % of those resolved in projects");

    var plan = new List<string>();
    foreach (var name in new[] { "ticketing", "projects", "gateway" })
        for (var i = 0; i < killsPerService; i++) plan.Add(name);
    if (!shortRun)
    {
        plan.Add("identity"); plan.Add("identity");
        plan.AddRange(((string[])["assets", "notifications"]).Where(services.ContainsKey));
    }

    plan = plan.OrderBy(_ => random.Next()).ToList();
    plan.Insert(plan.Count / 3, "rabbitmq");
    plan.Insert(plan.Count * 2 / 3 + 1, "postgres");
    if (replicas)
    {
        // One replica at a time, alternating between the two, each service several times; one broker node at a time
        // (node 1 first: every service connects to the first node it is given). The gateway and PostgreSQL have no
        // twin here, so they are not part of this mode.
        var kills = new List<string>();
        foreach (var name in specs.Select(s => s.Name).Where(n => n != "gateway" && (!shortRun || n != "identity")))
            for (var i = 0; i < Math.Max(2, killsPerService); i++) kills.Add(i % 2 == 0 ? name : name + "-2");
        plan = kills.OrderBy(_ => random.Next()).ToList();
        var nodes = shortRun ? new[] { "rabbitmq-node-1" } : ["rabbitmq-node-1", "rabbitmq-node-2", "rabbitmq-node-3"];
        for (var i = 0; i < nodes.Length; i++) plan.Insert((i + 1) * plan.Count / (nodes.Length + 1) + i, nodes[i]);
    }
    // FAULTS_PLAN (e.g. "rabbitmq,rabbitmq,rabbitmq") replaces the plan, to repeat one fault while hunting a finding.
    if (Environment.GetEnvironmentVariable("FAULTS_PLAN") is { Length: > 0 } only)
        plan = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    Log($"plan: {string.Join(" → ", plan)}");

    await Task.Delay(TimeSpan.FromSeconds(shortRun ? 4 : 10));
    TimeSpan? brokerDrain = null;
    foreach (var fault in plan)
    {
        switch (fault)
        {
            case "rabbitmq":
                brokerDrain = await BrokerOutageAsync(load, sources);
                break;
            case "postgres":
                await PostgresRestartAsync();
                break;
            case var node when node.StartsWith("rabbitmq-node-", StringComparison.Ordinal):
                var drained = await BrokerOutageAsync(load, sources, int.Parse(node["rabbitmq-node-".Length..], CultureInfo.InvariantCulture));
                brokerDrain ??= drained;
                break;
            default:
                await KillAsync(services[fault], sources);
                break;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(shortRun ? 1500 : 3000, shortRun ? 3000 : 9000)));
    }

    await stopLoad.CancelAsync();
    var loadEnd = DateTimeOffset.UtcNow;
    load.StopRetryingAfter(retryDeadline);
    await loadTask;
    await renewal;
    Log($"load stopped after {t0.Elapsed.TotalSeconds:F0} s (retries done {(DateTimeOffset.UtcNow - loadEnd).TotalSeconds:F1} s later): " +
        $"{load.Intended.Count} intended writes, {load.Accepted.Count} accepted, {load.Failed.Count} failed attempts, {load.Replays} replayed");

    // ------------------------------------------------------------------------------------------------ settle ---
    var settle = await SettleAsync(load, sources, TimeSpan.FromSeconds(shortRun ? 60 : 120));
    await watchdogStop.CancelAsync();
    await watchdog;
    var report = await CheckAsync(load, sources, LiveManagement(), windows, notes);
    report.Print(windows, load, brokerDrain, settle, loadEnd, shortRun, seed, timingLimit, strictTimings);
    foreach (var n in notes) Console.WriteLine($"  note: {n}");
    var slow = Report.SlowRestarts(windows, timingLimit);
    // A receive endpoint that did not consume again after the broker's return fails the run whatever the timings.
    var deaf = windows.Count(w => w.Target == "rabbitmq" && (w.ConsumersBack is not { } c || c > consumersBackLimit));
    if (deaf > 0) Console.WriteLine($"RESULT: FAILED — after {deaf} broker restarts some queue had no consumer within {consumersBackLimit.TotalSeconds:F0} s");
    // So does an outage backlog still waiting two minutes after the broker's return (a consumer or an outbox that
    // did not resume): nothing is lost yet, but a help desk would see tickets unlinked for minutes.
    var stuck = windows.Count(w => w.Target == "rabbitmq" && w.Drain is null);
    if (stuck > 0) Console.WriteLine($"RESULT: FAILED — the backlog of {stuck} broker outages did not drain within 120 s");
    // Replicas mode: a twin serves while one replica is down, and the other nodes while one broker node is: a write
    // that failed in a fault's window is a failure of the mode, even if the client's retry then landed it.
    var failedInFaults = 0;
    if (replicas)
    {
        failedInFaults = load.Failed.Count(f => f.Op != "read" && windows.Any(w => w.Contains(f.At)));
        Console.WriteLine(failedInFaults == 0
            ? "Replicas: no write request failed while a replica or a broker node was down"
            : $"RESULT: FAILED — {failedInFaults} write requests failed while a replica or a broker node was down (a twin should have served them)");
    }

    return report.Lost + report.DuplicateEvents + report.DuplicateEffects + report.IntendedMissing + report.IntendedDuplicated + deaf + stuck + failedInFaults > 0
           || (strictTimings && slow > 0) ? 1 : 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"fault suite could not complete: {ex}");
    return 2;
}
finally
{
    await watchdogStop.CancelAsync();
    foreach (var s in services.Values) faulted[s.Name] = true;
    foreach (var s in services.Values) s.Kill();
    foreach (var f in Directory.GetFiles(pidDir, "*.pid")) File.Delete(f);
}

// =================================================================================================== faults ===

async Task KillAsync(ServiceProcess service, Dictionary<string, NpgsqlDataSource> sources)
{
    var window = new FaultWindow($"SIGKILL {service.Name}", service.Name, DateTimeOffset.UtcNow);
    lock (windows) windows.Add(window);
    faulted[service.Name] = true;
    service.Kill();
    var killed = DateTimeOffset.UtcNow; // the process is gone: every dispatch after this is the new process's
    await Task.Delay(random.Next(200, 1500));
    service.Start();
    var ready = await ReadyOrNoteAsync(service);
    faulted[service.Name] = false;
    window.End = DateTimeOffset.UtcNow;
    if (ready) (window.ReadyAfter, window.StartedToReady, window.CpuWait) = (window.End - window.Start, service.ReadyAfter, service.CpuWaitBeforeReady);
    var withoutCpu = window.CpuWait is { } wait ? $", {wait.TotalSeconds:F1} s of it held back for lack of a CPU" : "";
    Log($"SIGKILL {service.Name}: back after {(window.End - window.Start)!.Value.TotalSeconds:F1} s" +
        (window.StartedToReady is { } fromStart ? $" (ready {fromStart.TotalSeconds:F1} s after its restart{withoutCpu})" : ""));
    if (ready) await FirstPublishAsync(service, window, killed, window.End!.Value, sources);
}

// Ready → first event the restarted service published (the first outbox row it marked dispatched). Waited for before
// the next fault, so that the figure is the service's own and not the next fault's.
async Task FirstPublishAsync(ServiceProcess service, FaultWindow window, DateTimeOffset killed, DateTimeOffset ready,
    Dictionary<string, NpgsqlDataSource> sources)
{
    if (!sources.TryGetValue(ServiceOf(service.Name), out var source))
    {
        window.PublishNote = "no outbox";
        return;
    }

    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < publishWait)
    {
        var first = await Scalar<object>(source, "SELECT min(dispatched_at) FROM outbox_messages WHERE dispatched_at > $1", killed);
        if (first is DateTime at)
        {
            var after = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) - ready;
            window.PublishAfterReady = after < TimeSpan.Zero ? TimeSpan.Zero : after; // before /health/ready answered
            Log($"{service.Name}: first event published {window.PublishAfterReady.Value.TotalSeconds:F1} s after ready");
            return;
        }

        await Task.Delay(200);
    }

    var waiting = await Scalar<long>(source, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL");
    var raised = await Scalar<long>(source, "SELECT count(*) FROM outbox_messages WHERE created_at > $1", killed);
    if (waiting == 0 && raised == 0)
    {
        window.PublishNote = "nothing to publish";
        Log($"{service.Name}: nothing to publish in the {publishWait.TotalSeconds:F0} s after ready");
    }
    else
    {
        window.PublishNote = $"none within {publishWait.TotalSeconds:F0} s ({waiting} waiting)";
        Log($"WARNING: {service.Name} published nothing in the {publishWait.TotalSeconds:F0} s after ready although {waiting} outbox rows wait");
        lock (notes) notes.Add($"{service.Name} published nothing in the {publishWait.TotalSeconds:F0} s after it was ready again ({waiting} outbox rows waiting, {raised} raised since the kill)");
    }
}

async Task<TimeSpan?> BrokerOutageAsync(Load load, Dictionary<string, NpgsqlDataSource> sources, int? node = null)
{
    var what = node is null ? "RabbitMQ" : $"RabbitMQ node {node}";
    var window = new FaultWindow($"{what} killed for {outage.TotalSeconds:F0} s", "rabbitmq", DateTimeOffset.UtcNow);
    lock (windows) windows.Add(window);
    var consumed = await ConsumedQueuesAsync();
    // A crash rather than a graceful stop: nothing gets to finish, and it does not depend on how long a
    // graceful shutdown takes on a busy machine. Confirmed persistent messages survive on disk.
    downNode = node;
    await (node is { } n ? Servers("kill-node", n.ToString(CultureInfo.InvariantCulture)) : Servers("kill-rabbitmq"));
    window.DownFrom = DateTimeOffset.UtcNow;
    Log($"{what} killed (SIGKILL)");
    await Task.Delay(outage);
    // Back when its AMQP port takes connections again (the services reconnect then), not when the start command
    // returns: that also waits for the management plugin, which on a busy machine came half a minute later, after the
    // services had already published the outage's backlog.
    var starting = node is { } m ? Servers("start-node", m.ToString(CultureInfo.InvariantCulture)) : Servers("start-rabbitmq");
    var listening = node is null ? await ListeningAsync(amqp.Host, amqp.Port, starting) : null;
    await starting;
    var back = listening ?? DateTimeOffset.UtcNow;
    if (listening is { } at && DateTimeOffset.UtcNow - at > TimeSpan.FromSeconds(2))
        Log($"{what} took AMQP connections {(DateTimeOffset.UtcNow - at).TotalSeconds:F1} s before its start command returned");
    downNode = null;
    window.DownUntil = back;
    window.End = back;
    Log($"{what} back after {(back - window.DownFrom!.Value).TotalSeconds:F1} s down");
    var consumersBack = ConsumersBackAsync(window, consumed, back);

    // Backlog: every outbox row written before the broker returned is published, and every promotion accepted
    // before it has its project issue linked on the ticket.
    var promotedBefore = load.Accepted.Where(w => w.Op == "promote" && w.At <= back).Select(w => w.TicketId).ToArray();
    var clock = Stopwatch.StartNew();
    window.Flows = await Scalar<long>(sources["ticketing"],
        "SELECT count(*) FROM tickets WHERE id = ANY($1) AND project_issue_id IS NULL", promotedBefore);
    while (clock.Elapsed < TimeSpan.FromSeconds(120))
    {
        long pending = 0;
        foreach (var s in sources.Values)
            pending += await Scalar<long>(s, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL AND created_at <= $1", back);
        var unlinked = await Scalar<long>(sources["ticketing"],
            "SELECT count(*) FROM tickets WHERE id = ANY($1) AND project_issue_id IS NULL", promotedBefore);
        if (pending == 0 && unlinked == 0)
        {
            Log($"backlog of the outage drained {clock.Elapsed.TotalSeconds:F1} s after RabbitMQ returned");
            var drained = clock.Elapsed;
            window.Drain = drained;
            await BacklogAsync(window, back, sources);
            await consumersBack;
            return drained;
        }

        await Task.Delay(250);
    }

    notes.Add("the RabbitMQ backlog did not drain within 120 s");
    await BacklogAsync(window, back, sources);
    await consumersBack;
    return null;
}

// The moment a TCP connection to host:port is first accepted, polled every 50 ms while `until` runs (null if never).
static async Task<DateTimeOffset?> ListeningAsync(string host, int port, Task until)
{
    while (true)
    {
        var done = until.IsCompleted;
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(host, port, timeout.Token);
            return DateTimeOffset.UtcNow;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
        {
            if (done) return null;
        }

        await Task.Delay(50);
    }
}

// Every queue some service consumed before the broker was killed has a consumer again soon after it returned: a
// receive endpoint that does not come back leaves its events waiting until that service restarts.
async Task<string[]> ConsumedQueuesAsync()
{
    using var http = Management(LiveManagement());
    var queues = JsonDocument.Parse(await http.GetStringAsync("api/queues/%2F?columns=name,consumers")).RootElement;
    return queues.EnumerateArray()
        .Where(q => q.TryGetProperty("consumers", out var c) && c.ValueKind == JsonValueKind.Number && c.GetInt64() > 0)
        .Select(q => q.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
}

async Task ConsumersBackAsync(FaultWindow window, string[] expected, DateTimeOffset back)
{
    var missing = expected;
    while (DateTimeOffset.UtcNow - back < consumersBackLimit + TimeSpan.FromSeconds(30))
    {
        try
        {
            var now = await ConsumedQueuesAsync();
            missing = expected.Except(now, StringComparer.Ordinal).ToArray();
            if (missing.Length == 0) break;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // The management API answers a moment after AMQP does.
        }

        await Task.Delay(250);
    }

    window.ConsumersBack = missing.Length == 0 ? DateTimeOffset.UtcNow - back : null;
    Log(missing.Length == 0
        ? $"all {expected.Length} consumed queues had a consumer again {window.ConsumersBack!.Value.TotalSeconds:F1} s after RabbitMQ returned"
        : $"WARNING: {missing.Length} queues had no consumer {(DateTimeOffset.UtcNow - back).TotalSeconds:F0} s after RabbitMQ returned: {string.Join(", ", missing)}");
    if (missing.Length > 0 || window.ConsumersBack > consumersBackLimit)
        lock (notes) notes.Add(missing.Length > 0
            ? $"no consumer again on {string.Join(", ", missing)} after RabbitMQ returned"
            : $"the consumers took {window.ConsumersBack!.Value.TotalSeconds:F1} s to return after RabbitMQ did (limit {consumersBackLimit.TotalSeconds:F0} s)");
}

// The backlog: outbox rows that existed, unpublished, when the broker returned; drained when the last of them was
// published. Its rate is what the dispatchers managed once the broker was back.
async Task BacklogAsync(FaultWindow window, DateTimeOffset back, Dictionary<string, NpgsqlDataSource> sources)
{
    long backlog = 0;
    DateTime? last = null, first = null;
    var parts = new List<string>();
    foreach (var (name, source) in sources)
    {
        const string Where = "created_at <= $1 AND (dispatched_at IS NULL OR dispatched_at > $1)";
        var count = await Scalar<long>(source, $"SELECT count(*) FROM outbox_messages WHERE {Where}", back);
        if (await Scalar<object>(source, $"SELECT max(dispatched_at) FROM outbox_messages WHERE {Where}", back) is DateTime at
            && (last is null || at > last)) last = at;
        if (await Scalar<object>(source, $"SELECT min(dispatched_at) FROM outbox_messages WHERE {Where}", back) is DateTime earliest
            && (first is null || earliest < first)) first = earliest;
        backlog += count;
        parts.Add($"{name} {count}");
    }

    window.Backlog = backlog;
    if (last is { } l) window.BacklogDrain = new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Utc)) - back;
    if (first is { } f) window.BacklogFirst = new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc)) - back;
    Log($"RabbitMQ outage backlog: {backlog} outbox rows ({string.Join(", ", parts)}), published within " +
        $"{window.BacklogDrain?.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) ?? "n/a"} s of the broker's return");
}

async Task PostgresRestartAsync()
{
    var window = new FaultWindow("PostgreSQL restart", "postgres", DateTimeOffset.UtcNow);
    lock (windows) windows.Add(window);
    // Held down longer than a consumer's general retry (about 6.5 s): a restart that took 7.9 s on a busy machine once
    // parked an event in an _error queue. The outage's length is the fault itself, not a wait for a result.
    await Servers("stop-postgres");
    await Task.Delay(postgresOutage);
    await Servers("start-postgres");
    window.DownUntil = DateTimeOffset.UtcNow;
    foreach (var s in services.Values) await ReadyOrNoteAsync(s);
    window.End = DateTimeOffset.UtcNow;
    Log($"PostgreSQL restarted; all services ready {(window.End - window.Start)!.Value.TotalSeconds:F1} s after the restart began");
}

// A service that is slow to come back (a busy machine) is a note, not the end of the run: the checks still count.
async Task<bool> ReadyOrNoteAsync(ServiceProcess service)
{
    try
    {
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(240));
        return true;
    }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
    {
        Log($"WARNING: {ex.Message}");
        lock (notes) notes.Add(ex.Message);
        if (!service.Running) service.Start();
        return false;
    }
}

async Task Servers(string command, string? node = null)
{
    var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { serversScript, command, "faults" }) info.ArgumentList.Add(a);
    if (node is not null) info.ArgumentList.Add(node);
    using var p = Process.Start(info)!;
    var output = p.StandardOutput.ReadToEndAsync();
    var error = p.StandardError.ReadToEndAsync();
    await p.WaitForExitAsync();
    if (p.ExitCode != 0) throw new InvalidOperationException($"servers.sh {command} faults: exit {p.ExitCode}\n{await output}{await error}");
}

/// <summary>A service that dies without being killed by the plan is a finding: noted, and restarted.</summary>
async Task WatchdogAsync(CancellationToken stop)
{
    while (!stop.IsCancellationRequested)
    {
        try { await Task.Delay(500, stop); } catch (OperationCanceledException) { return; }
        foreach (var s in services.Values.Where(s => !faulted.GetValueOrDefault(s.Name) && !s.Running && !stop.IsCancellationRequested))
        {
            lock (notes) notes.Add($"{s.Name} exited on its own at {DateTimeOffset.UtcNow:HH:mm:ss} (see {Rel(logDir)}/{s.Name}.log); restarted");
            Log($"WARNING: {s.Name} exited on its own; restarting it");
            var window = new FaultWindow($"{s.Name} crashed", s.Name, DateTimeOffset.UtcNow);
            lock (windows) windows.Add(window);
            s.Start();
            try { await s.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)); } catch (Exception ex) { Log(ex.Message); }
            window.End = DateTimeOffset.UtcNow;
        }
    }
}

async Task<TimeSpan?> SettleAsync(Load load, Dictionary<string, NpgsqlDataSource> sources, TimeSpan timeout)
{
    var promoted = load.Accepted.Where(w => w.Op == "promote").Select(w => w.TicketId).ToArray();
    var resolved = load.Accepted.Where(w => w.Op == "resolve").Select(w => w.TicketId).ToArray();
    var clock = Stopwatch.StartNew();
    string state = "";
    while (clock.Elapsed < timeout)
    {
        long pending = 0;
        foreach (var s in sources.Values)
            pending += await Scalar<long>(s, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL");
        var unlinked = await Scalar<long>(sources["ticketing"], "SELECT count(*) FROM tickets WHERE id = ANY($1) AND project_issue_id IS NULL", promoted);
        var unresolved = await Scalar<long>(sources["ticketing"], "SELECT count(*) FROM tickets WHERE id = ANY($1) AND status <> 'Resolved'", resolved);
        state = $"{pending} outbox rows pending, {unlinked} promoted tickets unlinked, {unresolved} resolutions not applied";
        if (pending == 0 && unlinked == 0 && unresolved == 0)
        {
            Log($"settled {clock.Elapsed.TotalSeconds:F1} s after the load stopped");
            return clock.Elapsed;
        }

        await Task.Delay(250);
    }

    Log($"not settled after {timeout.TotalSeconds:F0} s: {state}");
    notes.Add($"not settled after {timeout.TotalSeconds:F0} s: {state}");
    return null;
}

async Task PurgeQueuesAsync()
{
    // Queues survive in the profile's broker between runs; messages left from an earlier run would be consumed
    // against the new, empty databases. Delete them (the services declare them again).
    using var http = Management(LiveManagement());
    try
    {
        var queues = JsonDocument.Parse(await http.GetStringAsync("api/queues/%2F")).RootElement;
        foreach (var q in queues.EnumerateArray())
            await http.DeleteAsync($"api/queues/%2F/{Uri.EscapeDataString(q.GetProperty("name").GetString()!)}");
    }
    catch (HttpRequestException ex)
    {
        Log($"could not list the broker's queues ({ex.Message})");
    }
}

// =================================================================================================== checks ===

static async Task<Report> CheckAsync(Load load, Dictionary<string, NpgsqlDataSource> sources, Uri management,
    List<FaultWindow> windows, List<string> notes)
{
    var report = new Report();
    var ticketing = sources["ticketing"];
    var projects = sources["projects"];
    DateTimeOffset AtOf(Guid ticket, string op) =>
        load.Accepted.Where(w => w.TicketId == ticket && w.Op == op).Select(w => w.At).DefaultIfEmpty(DateTimeOffset.UtcNow).First();

    // 1. Every accepted create is there exactly once (titles are unique per request).
    var byTitle = new Dictionary<string, (Guid Id, long Count, string Status, Guid? ProjectId, Guid? IssueId)>();
    await using (var cmd = ticketing.CreateCommand(
        "SELECT title, min(id::text), count(*), min(status), min(project_id::text), min(project_issue_id::text) FROM tickets GROUP BY title"))
    await using (var r = await cmd.ExecuteReaderAsync())
        while (await r.ReadAsync())
            byTitle[r.GetString(0)] = (Guid.Parse(r.GetString(1)), r.GetInt64(2), r.GetString(3),
                r.IsDBNull(4) ? null : Guid.Parse(r.GetString(4)), r.IsDBNull(5) ? null : Guid.Parse(r.GetString(5)));
    foreach (var w in load.Accepted.Where(w => w.Op == "create"))
    {
        if (!byTitle.TryGetValue(w.Title!, out var t)) report.AddLost(w.At, $"accepted ticket {w.TicketKey} is missing");
        else if (t.Count > 1) report.AddDuplicateEffect(w.At, $"ticket {w.Title} exists {t.Count} times");
    }

    // 2. Every accepted promotion stuck, and every promoted ticket (accepted or not: a timed-out request may have
    //    committed) has exactly one project issue, linked back on the ticket.
    var issues = new Dictionary<Guid, List<(Guid Id, string Status)>>();
    await using (var cmd = projects.CreateCommand("SELECT source_ticket_id, id, status FROM project_issues WHERE source_ticket_id IS NOT NULL"))
    await using (var r = await cmd.ExecuteReaderAsync())
        while (await r.ReadAsync())
        {
            var ticketId = r.GetGuid(0);
            if (!issues.TryGetValue(ticketId, out var list)) issues[ticketId] = list = [];
            list.Add((r.GetGuid(1), r.GetString(2)));
        }

    var byId = byTitle.Values.ToDictionary(t => t.Id);
    foreach (var w in load.Accepted.Where(w => w.Op == "promote"))
        if (!byId.TryGetValue(w.TicketId, out var t) || t.ProjectId is null)
            report.AddLost(w.At, $"accepted promotion of {w.TicketKey} is not on the ticket");
    foreach (var t in byId.Values.Where(t => t.ProjectId is not null))
    {
        var at = AtOf(t.Id, "promote");
        var found = issues.GetValueOrDefault(t.Id) ?? [];
        if (found.Count == 0) report.AddLost(at, $"promoted ticket {t.Id} has no project issue (TicketPromotedToProject lost)");
        else if (found.Count > 1) report.AddDuplicateEffect(at, $"ticket {t.Id} has {found.Count} project issues");
        if (found.Count > 0 && t.IssueId != found[0].Id)
            report.AddLost(at, $"ticket {t.Id} is not linked to its issue (ProjectIssueCreated lost)");
    }

    foreach (var ticketId in issues.Keys.Where(id => !byId.ContainsKey(id)))
        report.AddDuplicateEffect(DateTimeOffset.UtcNow, $"project issue for unknown ticket {ticketId}");

    // 3. Every accepted resolution: issue resolved, ticket resolved with it.
    foreach (var w in load.Accepted.Where(w => w.Op == "resolve"))
    {
        var issue = issues.GetValueOrDefault(w.TicketId)?.FirstOrDefault();
        if (issue is null || issue.Value.Status != "Resolved") report.AddLost(w.At, $"accepted resolution of {w.IssueKey} is not on the issue");
        if (!byId.TryGetValue(w.TicketId, out var t) || t.Status != "Resolved")
            report.AddLost(w.At, $"{w.TicketKey} is not Resolved although {w.IssueKey} was (ProjectIssueResolved lost)");
    }

    // 3b. Every write the client intended (accepted at once, after retries with its Idempotency-Key, or never
    //     answered) landed exactly once: a ticket per intended create (found by its unique title), a project issue
    //     on the ticket per intended promotion, one resolution (issue Resolved, ProjectIssueResolved raised once)
    //     per intended resolve.
    var resolvedEvents = new Dictionary<string, long>();
    await using (var cmd = projects.CreateCommand(
        "SELECT body->>'issueId', count(*) FROM outbox_messages WHERE type LIKE '%.ProjectIssueResolved' GROUP BY 1"))
    await using (var r = await cmd.ExecuteReaderAsync())
        while (await r.ReadAsync()) resolvedEvents[r.GetString(0)] = r.GetInt64(1);
    foreach (var w in load.Intended)
    {
        var landed = w.Op switch
        {
            "create" => byTitle.TryGetValue(w.Marker, out var t) ? t.Count : 0,
            "promote" => byId.TryGetValue(w.TicketId, out var t) && t.ProjectId is not null ? issues.GetValueOrDefault(w.TicketId)?.Count ?? 0 : 0,
            "resolve" => issues.GetValueOrDefault(w.TicketId) is [var issue, ..] && issue.Status == "Resolved"
                ? resolvedEvents.GetValueOrDefault(issue.Id.ToString()) : 0,
            _ => 1,
        };
        report.AddIntended(w, landed);
    }

    // 4. Side effects applied twice: the same system comment twice on one ticket (link, resolution, promotion).
    await using (var cmd = ticketing.CreateCommand(
        "SELECT ticket_id, body, count(*) FROM ticket_comments WHERE kind = 'System' GROUP BY ticket_id, body HAVING count(*) > 1"))
    await using (var r = await cmd.ExecuteReaderAsync())
        while (await r.ReadAsync())
            report.AddDuplicateEffect(AtOf(r.GetGuid(0), "promote"), $"ticket {r.GetGuid(0)}: system comment ×{r.GetInt64(2)}: {r.GetString(1)}");

    // 5. Events duplicated: one logical event raised more than once by its producer.
    foreach (var (db, type, key) in new[]
             {
                 ("ticketing", "TicketCreated", "ticketId"), ("ticketing", "TicketPromotedToProject", "ticketId"),
                 ("projects", "ProjectIssueCreated", "issueId"), ("projects", "ProjectIssueResolved", "issueId"),
             })
    {
        await using var cmd = sources[db].CreateCommand(
            $"SELECT body->>'{key}', count(*) FROM outbox_messages WHERE type LIKE '%.{type}' GROUP BY 1 HAVING count(*) > 1");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) report.AddDuplicateEvent(DateTimeOffset.UtcNow, $"{type} for {r.GetString(0)} raised {r.GetInt64(1)} times");
    }

    // 6. Events lost in transit: every dispatched event has its inbox row at the consumer; none left pending. Only the
    // events the consumer acts on: an issue raised in its project (no source ticket) is acknowledged by ticketing
    // without an inbox row (IdempotentConsumer.Concerns).
    foreach (var (producer, type, consumerDb, consumer, concerns) in new[]
             {
                 ("ticketing", "TicketPromotedToProject", "projects", "TicketPromotedToProjectConsumer", "true"),
                 ("projects", "ProjectIssueCreated", "ticketing", "ProjectIssueCreatedConsumer", "body->>'sourceTicketId' IS NOT NULL"),
                 ("projects", "ProjectIssueResolved", "ticketing", "ProjectIssueResolvedConsumer", "body->>'sourceTicketId' IS NOT NULL"),
             })
    {
        var sent = new List<Guid>();
        await using (var cmd = sources[producer].CreateCommand($"SELECT id FROM outbox_messages WHERE type LIKE '%.{type}' AND {concerns}"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) sent.Add(r.GetGuid(0));
        var received = new HashSet<Guid>();
        await using (var cmd = sources[consumerDb].CreateCommand("SELECT message_id FROM inbox_messages WHERE consumer = $1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = consumer });
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) received.Add(r.GetGuid(0));
        }

        var missing = sent.Count(id => !received.Contains(id));
        if (missing > 0) report.AddLost(DateTimeOffset.UtcNow, $"{missing} of {sent.Count} {type} never reached {consumer}");
        report.Delivered += sent.Count - missing;
    }

    foreach (var (name, source) in sources)
    {
        var stuck = await Scalar<long>(source, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL");
        if (stuck > 0) report.AddLost(DateTimeOffset.UtcNow, $"{name}: {stuck} outbox rows never published");
        report.PublishRetries += await Scalar<long>(source, "SELECT count(*) FROM outbox_messages WHERE attempts > 0");
    }

    // 7. Nothing parked in an error queue. The management API's figures are up to 5 s old, so a queue that still
    // shows messages is looked at again for a while before it counts.
    using var http = Management(management);
    try
    {
        JsonElement queues = default;
        for (var look = Stopwatch.StartNew(); ; await Task.Delay(1000))
        {
            queues = JsonDocument.Parse(await http.GetStringAsync("api/queues/%2F")).RootElement;
            if (look.Elapsed > TimeSpan.FromSeconds(15) || queues.EnumerateArray().All(q =>
                    !q.TryGetProperty("messages", out var n) || n.ValueKind != JsonValueKind.Number || n.GetInt64() == 0))
                break;
        }

        foreach (var q in queues.EnumerateArray())
        {
            var name = q.GetProperty("name").GetString()!;
            var messages = q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0;
            if (messages > 0 && (name.EndsWith("_error", StringComparison.Ordinal) || name.EndsWith("_skipped", StringComparison.Ordinal)))
                report.AddLost(DateTimeOffset.UtcNow, $"{messages} messages in {name}");
            else if (messages > 0) notes.Add($"{messages} messages still in queue {name}");
        }
    }
    catch (HttpRequestException ex)
    {
        notes.Add($"could not read the broker's queues: {ex.Message}");
    }

    return report;
}

// ================================================================================================== helpers ===

static async Task<T> Scalar<T>(NpgsqlDataSource source, string sql, params object[] parameters)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await using var cmd = source.CreateCommand(sql);
            foreach (var p in parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p });
            return (T)(await cmd.ExecuteScalarAsync())!;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && attempt < 60)
        {
            await Task.Delay(500); // PostgreSQL restarting
        }
    }
}

static HttpClient Management(Uri management)
{
    var user = Uri.UnescapeDataString(management.UserInfo);
    var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/"), Timeout = TimeSpan.FromSeconds(10) };
    http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user)));
    return http;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

string Rel(string path) => Path.GetRelativePath(root, path);

static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

static int Fail(string message)
{
    Console.Error.WriteLine($"ERROR: {message}");
    return 2;
}
