namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform as it runs: identity, ticketing, projects and the gateway as OS processes built from this
/// repository, on a database each and a RabbitMQ virtual host of their own. Tests speak only HTTP, to the gateway,
/// with real tokens from the identity service (signed in through the gateway like any client).
/// One instance serves every test class of the collection (<see cref="PlatformCollection"/>): the processes start once.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120); // six processes starting at once on a busy 2-core machine
    private IsolatedServers? _servers;
    private bool _disposed;

    public const string Password = "Passw0rd!";

    // Each user's token and when it was issued: identity's tokens live 15 minutes and a collection runs longer (the
    // browser tests ~19 min), so a token older than 10 minutes is replaced.
    private readonly Dictionary<string, (string Token, DateTime IssuedAt)> _tokens = new();

    /// <summary>The names the run's databases and virtual host start with.</summary>
    protected virtual string Prefix => "e2e";

    /// <summary>Settings a derived fixture adds to or changes in one process's configuration ("gateway", "ticketing"…).</summary>
    protected virtual void Adjust(string process, Dictionary<string, string?> settings) { }

    /// <summary>The run's PostgreSQL databases and RabbitMQ virtual host.</summary>
    public IsolatedServers Servers => _servers ?? throw new InvalidOperationException("The platform has not started.");
    private readonly SemaphoreSlim _tokenGate = new(1, 1);

    public ServiceProcess Identity { get; private set; } = null!;
    public ServiceProcess Ticketing { get; private set; } = null!;
    public ServiceProcess Projects { get; private set; } = null!;
    public ServiceProcess Assets { get; private set; } = null!;
    public ServiceProcess Notifications { get; private set; } = null!;
    public ServiceProcess Gateway { get; private set; } = null!;

    /// <summary>A listener on the platform's virtual host: sees the integration events the services publish.</summary>
    public BusProbe Bus { get; private set; } = null!;

    /// <summary>The events <see cref="Bus"/> listens for (bound before any service starts, so none is missed).</summary>
    private static readonly Type[] Observed =
    [
        typeof(Platform.Contracts.Ticketing.TicketSlaBreached), typeof(Platform.Contracts.Ticketing.TicketSlaWarning),
        typeof(Platform.Contracts.Projects.ProjectEscalationRaised),
        typeof(Platform.Contracts.Assets.KittingRequested), typeof(Platform.Contracts.Assets.KittingCompleted),
    ];

    /// <summary>A client of the gateway (the only public entry), signed in as the demo admin.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client of the gateway without any token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>From the first process start until all three answered /health/ready.</summary>
    public TimeSpan StartedIn { get; private set; }

    public IEnumerable<ServiceProcess> All => new[] { Identity, Ticketing, Projects, Assets, Notifications, Gateway }.Where(p => p is not null);

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
        _servers = await IsolatedServers.CreateAsync(Prefix);
        Bus = await BusProbe.StartAsync(_servers, Observed);
        var logRoot = Path.Combine(AppContext.BaseDirectory, "e2e-logs");
        PruneOldLogs(logRoot, keep: 10);
        var logs = Path.Combine(logRoot, _servers.Name);
        int identityPort = ServiceProcess.FreePort(), ticketingPort = ServiceProcess.FreePort(),
            projectsPort = ServiceProcess.FreePort(), assetsPort = ServiceProcess.FreePort(), gatewayPort = ServiceProcess.FreePort(),
            notificationsPort = ServiceProcess.FreePort();
        // Tokens are issued under the gateway's address, and every service validates them by discovery from it.
        var issuer = $"http://127.0.0.1:{gatewayPort}/";
        var auth = new Dictionary<string, string?>
        {
            ["Auth:Authority"] = issuer, ["Auth:RequireHttpsMetadata"] = "false",
            ["People:DirectoryApi"] = $"http://127.0.0.1:{identityPort}/",
        };

        var clock = Stopwatch.StartNew();
        Identity = ServiceProcess.Start("identity",
            ServiceProcess.BuildOutput("services/identity/Platform.Identity", "Platform.Identity"), identityPort,
            Environment("identity", With(_servers.ServiceConfiguration("Identity", "identity"), new Dictionary<string, string?>
            {
                // Identity publishes the people directory's events (its outbox) on the run's own broker virtual host.
                ["Identity:Issuer"] = issuer,
                ["Identity:RequireHttps"] = "false",
            })), logs);
        Ticketing = ServiceProcess.Start("ticketing",
            ServiceProcess.BuildOutput("services/ticketing/Platform.Ticketing", "Platform.Ticketing"), ticketingPort,
            Environment("ticketing", With(With(_servers.ServiceConfiguration("Ticketing", "ticketing"), auth), new Dictionary<string, string?>
            {
                ["Sla:Checker:CheckInterval"] = "00:00:01", // breaches are seen within a second of falling due
                ["ProjectsApi:BaseAddress"] = $"http://127.0.0.1:{projectsPort}/", // asked about projects not heard of yet
            })), logs);
        Projects = ServiceProcess.Start("projects",
            ServiceProcess.BuildOutput("services/projects/Platform.Projects", "Platform.Projects"), projectsPort,
            Environment("projects", With(_servers.ServiceConfiguration("Projects", "projects"), auth)), logs);
        Assets = ServiceProcess.Start("assets",
            ServiceProcess.BuildOutput("services/assets/Platform.Assets", "Platform.Assets"), assetsPort,
            Environment("assets", With(_servers.ServiceConfiguration("Assets", "assets"), auth)), logs);
        // Webhooks go to receivers on loopback that the tests start; retries are quick so that a test never waits long.
        Notifications = ServiceProcess.Start("notifications",
            ServiceProcess.BuildOutput("services/notifications/Platform.Notifications", "Platform.Notifications"), notificationsPort,
            Environment("notifications", With(With(_servers.ServiceConfiguration("Notifications", "notifications"), auth), new Dictionary<string, string?>
            {
                ["Delivery:PollInterval"] = "00:00:00.100",
                ["Delivery:AllowPrivateNetworks"] = "true", // the tests' webhook receivers listen on loopback
                ["Delivery:BaseDelay"] = "00:00:00.100",
                ["Delivery:MaxDelay"] = "00:00:01",
            })), logs);
        Gateway = ServiceProcess.Start("gateway",
            ServiceProcess.BuildOutput("gateway/Platform.Gateway", "Platform.Gateway"), gatewayPort,
            Environment("gateway", With(new Dictionary<string, string?>
            {
                ["ReverseProxy:Clusters:ticketing:Destinations:primary:Address"] = Ticketing.BaseAddress.ToString(),
                ["ReverseProxy:Clusters:projects:Destinations:primary:Address"] = Projects.BaseAddress.ToString(),
                ["ReverseProxy:Clusters:assets:Destinations:primary:Address"] = Assets.BaseAddress.ToString(),
                ["ReverseProxy:Clusters:notifications:Destinations:primary:Address"] = Notifications.BaseAddress.ToString(),
                ["ReverseProxy:Clusters:identity:Destinations:primary:Address"] = Identity.BaseAddress.ToString(),
            }, auth)), logs);

        await Task.WhenAll(All.Select(p => p.WaitUntilReadyAsync(ReadyTimeout)));
        StartedIn = clock.Elapsed;
        File.WriteAllText(Path.Combine(logs, "startup.txt"), StartupReport + "\n");

        Anonymous = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Http = await ClientForAsync("admin");
        // A project manager the tests name who is not one of the demo users: created as an admin would.
        await EnsurePersonAsync("pm.jones", "Pat Jones", "PMO", "pmo-analyst");
    }

    /// <summary>
    /// Creates a person through the admin API (POST /api/users, password <see cref="Password"/>) and returns their id;
    /// identity tells every service (PersonJoined).
    /// </summary>
    /// <summary>As <see cref="CreatePersonAsync"/>, for a person several tests share: one who exists already is fine.</summary>
    public async Task<string> EnsurePersonAsync(string userName, string displayName, string? department, params string[] roles)
    {
        var existing = await Http.GetAsync($"/api/users/{Uri.EscapeDataString(userName)}");
        return existing.IsSuccessStatusCode ? userName : await CreatePersonAsync(userName, displayName, department, roles);
    }

    public async Task<string> CreatePersonAsync(string userName, string displayName, string? department, params string[] roles)
    {
        var response = await Http.PostAsJsonAsync("/api/users", new { userName, displayName, email = $"{Uri.EscapeDataString(userName)}@example.test", department, roles, password = Password });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating {userName} failed: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, Dictionary<string, string?> more)
    {
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    /// <summary>Signs a demo user in through the gateway (password grant of the platform-cli client), once per user.</summary>
    public async Task<string> TokenAsync(string user)
    {
        await _tokenGate.WaitAsync();
        try
        {
            if (_tokens.TryGetValue(user, out var cached) && DateTime.UtcNow - cached.IssuedAt < TimeSpan.FromMinutes(10)) return cached.Token;
            var response = await Anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "platform-cli",
                ["username"] = user,
                ["password"] = Password,
                ["scope"] = "openid tickets projects assets notifications",
            }));
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in of {user} failed: {(int)response.StatusCode} {body}");
            var token = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
            _tokens[user] = (token, DateTime.UtcNow);
            return token;
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    /// <summary>A client token for the monitoring-tool integration (client credentials).</summary>
    public async Task<HttpResponseMessage> ClientCredentialsAsync(string scope) =>
        await Anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "monitoring-tool",
            ["client_secret"] = "monitoring-secret",
            ["scope"] = scope,
        }));

    /// <summary>
    /// A gateway client carrying <paramref name="user"/>'s token: the current one on each request (<see cref="TokenAsync"/>
    /// replaces it when 10 minutes old), so that a client may outlive one token (15 min) in a long run.
    /// </summary>
    public async Task<HttpClient> ClientForAsync(string user)
    {
        await TokenAsync(user); // signs in now: a user who cannot fails here, not at the client's first request
        return new HttpClient(new CurrentTokenHandler(() => TokenAsync(user)) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Puts the user's current token on each request that does not carry one of its own.</summary>
    private sealed class CurrentTokenHandler(Func<Task<string>> token) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new("Bearer", await token());
            return await base.SendAsync(request, cancellationToken);
        }
    }

    public HttpClient WithToken(string? token)
    {
        var client = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Settings as environment variables (':' becomes '__'), plus what every process of the suite gets.</summary>
    private Dictionary<string, string?> Environment(string process, IReadOnlyDictionary<string, string?> settings)
    {
        var adjusted = new Dictionary<string, string?>(settings);
        Adjust(process, adjusted);
        var environment = adjusted.ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["DOTNET_ENVIRONMENT"] = null;
        // The processes the trace test follows print every span to stdout, so it can follow one trace id across them.
        // The others run as they do by default, without any exporter, so the tests see trace context carried without
        // one (TraceContextTests: assets → RabbitMQ → notifications → a webhook).
        if (process is "gateway" or "ticketing" or "projects") environment["Telemetry__ConsoleExporter"] = "true";
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
        Anonymous?.Dispose();
        await Task.WhenAll(All.Select(p => p.DisposeAsync().AsTask()));
        if (Bus is not null) await Bus.DisposeAsync();
        if (_servers is not null) await _servers.DisposeAsync();
    }
}
