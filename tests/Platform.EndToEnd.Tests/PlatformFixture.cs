using System.Diagnostics;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform as it runs: ticketing, projects and the gateway as OS processes built from this repository, on a
/// database each and a RabbitMQ virtual host of their own. Tests speak only HTTP, to the gateway.
/// One instance serves every test class of the collection (<see cref="PlatformCollection"/>): the processes start once.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private IsolatedServers? _servers;
    private bool _disposed;

    public ServiceProcess Ticketing { get; private set; } = null!;
    public ServiceProcess Projects { get; private set; } = null!;
    public ServiceProcess Gateway { get; private set; } = null!;

    /// <summary>A client of the gateway (the only public entry).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>From the first process start until all three answered /health/ready.</summary>
    public TimeSpan StartedIn { get; private set; }

    public IEnumerable<ServiceProcess> All => new[] { Ticketing, Projects, Gateway }.Where(p => p is not null);

    public string StartupReport =>
        $"platform ready in {StartedIn.TotalMilliseconds:F0} ms ({ServiceProcess.Configuration} build): " +
        string.Join(", ", All.Select(p => $"{p.Name} {p.ReadyAfter?.TotalMilliseconds:F0} ms on :{p.Port}"));

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // A half-started platform must not outlive the failed fixture.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        _servers = await IsolatedServers.CreateAsync("e2e");
        var logRoot = Path.Combine(AppContext.BaseDirectory, "e2e-logs");
        PruneOldLogs(logRoot, keep: 10);
        var logs = Path.Combine(logRoot, _servers.Name);
        int ticketingPort = ServiceProcess.FreePort(), projectsPort = ServiceProcess.FreePort(), gatewayPort = ServiceProcess.FreePort();

        var clock = Stopwatch.StartNew();
        Ticketing = ServiceProcess.Start("ticketing",
            ServiceProcess.BuildOutput("services/ticketing/Platform.Ticketing", "Platform.Ticketing"), ticketingPort,
            Environment(_servers.ServiceConfiguration("Ticketing", "ticketing")), logs);
        Projects = ServiceProcess.Start("projects",
            ServiceProcess.BuildOutput("services/projects/Platform.Projects", "Platform.Projects"), projectsPort,
            Environment(_servers.ServiceConfiguration("Projects", "projects")), logs);
        Gateway = ServiceProcess.Start("gateway",
            ServiceProcess.BuildOutput("gateway/Platform.Gateway", "Platform.Gateway"), gatewayPort,
            Environment(new Dictionary<string, string?>
            {
                ["ReverseProxy:Clusters:ticketing:Destinations:primary:Address"] = Ticketing.BaseAddress.ToString(),
                ["ReverseProxy:Clusters:projects:Destinations:primary:Address"] = Projects.BaseAddress.ToString(),
            }), logs);

        await Task.WhenAll(All.Select(p => p.WaitUntilReadyAsync(ReadyTimeout)));
        StartedIn = clock.Elapsed;
        File.WriteAllText(Path.Combine(logs, "startup.txt"), StartupReport + "\n");

        Http = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Settings as environment variables (':' becomes '__'), plus what every process of the suite gets.</summary>
    private static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?> settings)
    {
        var environment = settings.ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["DOTNET_ENVIRONMENT"] = null;
        // Every span is printed to stdout, so the trace test can follow one trace id across the processes.
        environment["Telemetry__ConsoleExporter"] = "true";
        return environment;
    }

    /// <summary>Each run leaves its processes' logs in e2e-logs/&lt;run&gt;/; only the latest few are kept.</summary>
    private static void PruneOldLogs(string root, int keep)
    {
        if (!Directory.Exists(root)) return;
        foreach (var old in new DirectoryInfo(root).GetDirectories().OrderByDescending(d => d.CreationTimeUtc).Skip(keep - 1))
        {
            try { old.Delete(recursive: true); } catch (IOException) { /* another run may still write there */ }
        }
    }

    /// <summary>The last lines of every process, for failure messages.</summary>
    public string Tails(int lines = 60) => string.Join("\n", All.Select(p => p.Tail(lines)));

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Http?.Dispose();
        await Task.WhenAll(All.Select(p => p.DisposeAsync().AsTask()));
        if (_servers is not null) await _servers.DisposeAsync();
    }
}
