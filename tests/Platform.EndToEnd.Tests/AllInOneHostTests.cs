using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The all-in-one host (hosts/Platform.AllInOne, decision 0016): identity, ticketing, projects, assets, notifications,
/// the portal and the gateway started as ONE process, on databases and a broker virtual host of this run's own. The
/// tests speak HTTP to the gateway, as with the separate processes, and follow events from one service to another.
/// </summary>
public sealed class AllInOneFixture : IAsyncLifetime
{
    public const string Password = "Passw0rd!";

    /// <summary>The applications the fixture runs, in the order up.sh starts them.</summary>
    public static readonly string[] Names = ["identity", "ticketing", "projects", "assets", "notifications", "portal", "gateway"];

    private IsolatedServers? _servers;

    /// <summary>The one process.</summary>
    public ServiceProcess Host { get; private set; } = null!;

    /// <summary>Each application's port.</summary>
    public Dictionary<string, int> Ports { get; } = Names.ToDictionary(n => n, _ => ServiceProcess.FreePort());

    public Uri Gateway => new($"http://127.0.0.1:{Ports["gateway"]}/");

    public async ValueTask InitializeAsync()
    {
        try
        {
            _servers = await IsolatedServers.CreateAsync("one");
            var issuer = Gateway.ToString();
            var settings = new Dictionary<string, string?>();
            foreach (var (connection, service) in new[] { ("Identity", "identity"), ("Ticketing", "ticketing"), ("Projects", "projects"), ("Assets", "assets"), ("Notifications", "notifications") })
                foreach (var (key, value) in _servers.ServiceConfiguration(connection, service))
                    settings[key] = value;
            settings["Identity:Issuer"] = issuer;
            settings["Identity:RequireHttps"] = "false";
            settings["Auth:Authority"] = issuer;
            settings["Auth:RequireHttpsMetadata"] = "false";
            settings["People:DirectoryApi"] = $"http://127.0.0.1:{Ports["identity"]}/";
            settings["ProjectsApi:BaseAddress"] = $"http://127.0.0.1:{Ports["projects"]}/";
            settings["Portal:Authority"] = issuer;
            settings["Portal:RequireHttpsMetadata"] = "false";
            settings["Portal:DataDirectory"] = Path.Combine(Path.GetTempPath(), "platform-all-in-one-tests", _servers.Name);
            foreach (var name in Names.Where(n => n != "gateway"))
                settings[$"ReverseProxy:Clusters:{name}:Destinations:primary:Address"] = $"http://127.0.0.1:{Ports[name]}/";
            var environment = settings.ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value);
            environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            environment["DOTNET_ENVIRONMENT"] = null;

            // Each application reads its appsettings*.json from its own build output, as up.sh --one-process does.
            var arguments = new List<string>();
            foreach (var name in Names)
                arguments.AddRange(["--run", name, $"http://127.0.0.1:{Ports[name]}", Path.GetDirectoryName(Output(name))!]);
            var logs = Path.Combine(AppContext.BaseDirectory, "e2e-logs", _servers.Name);
            Host = ServiceProcess.Start("all-in-one", ServiceProcess.BuildOutput("hosts/Platform.AllInOne", "Platform.AllInOne"),
                Ports["gateway"], environment, logs, arguments);
            await WaitAllReadyAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until every application answers /health/ready.</summary>
    public async Task WaitAllReadyAsync()
    {
        await Host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)); // the gateway's port
        foreach (var name in Names) await WaitUntilReadyAsync(name, TimeSpan.FromSeconds(120));
    }

    /// <summary>Polls an application's /health/ready until it answers 200.</summary>
    private async Task WaitUntilReadyAsync(string name, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < timeout)
        {
            if (!Host.Running) throw new InvalidOperationException($"The all-in-one host exited before {name} was ready.\n{Host.Tail()}");
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{Ports[name]}/health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{name} was not ready within {timeout.TotalSeconds:F0} s (last: {last}).\n{Host.Tail()}");
    }

    /// <summary>The build output of one of the applications.</summary>
    public static string Output(string name) => name switch
    {
        "gateway" => ServiceProcess.BuildOutput("gateway/Platform.Gateway", "Platform.Gateway"),
        _ => ServiceProcess.BuildOutput($"services/{name}/Platform.{char.ToUpperInvariant(name[0])}{name[1..]}", $"Platform.{char.ToUpperInvariant(name[0])}{name[1..]}"),
    };

    /// <summary>A gateway client signed in as a demo user (password grant of the platform-cli client).</summary>
    public async Task<HttpClient> ClientForAsync(string user)
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway };
        var response = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = user, ["password"] = Password,
            ["scope"] = "openid tickets projects assets notifications",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in of {user} failed: {(int)response.StatusCode} {body}");
        var client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (_servers is not null) await _servers.DisposeAsync();
    }
}

public sealed class AllInOneHostTests(AllInOneFixture fx, ITestOutputHelper output) : IClassFixture<AllInOneFixture>, IAsyncLifetime
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result is TestResult.Failed) output.WriteLine(fx.Host.Tail(80));
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Every_application_answers_on_its_own_port_from_the_one_process()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (name, port) in fx.Ports)
            (await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK, $"{name} on :{port}");

        // One process listens on all seven ports: the one this fixture started.
        var pid = fx.Host.ProcessId.ShouldNotBeNull();
        var listening = ListeningPorts(pid);
        foreach (var (name, port) in fx.Ports) listening.ShouldContain(port, $"{name} is served by process {pid}");
    }

    [Fact]
    public async Task A_ticket_reaches_its_requesters_inbox_and_a_promoted_one_its_project_issue()
    {
        var alice = await fx.ClientForAsync("alice");
        var created = await alice.PostJsonAsync("/api/tickets", new
        {
            title = "Printer on the third floor jams", description = "Every second page.", category = "hardware", impact = "Low", urgency = "Low",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var key = (await created.ReadJsonAsync()).Str("key");

        // ticketing → RabbitMQ → notifications, within the one process
        var inbox = await Eventually.GetAsync(async () => await (await alice.GetAsync("/api/inbox")).ReadJsonAsync(),
            i => i.GetProperty("items").EnumerateArray().Any(item => item.Str("subject") == key), EventTimeout);
        inbox.GetProperty("items").EnumerateArray().Single(item => item.Str("subject") == key).Str("eventType").ShouldBe("TicketCreated");

        // ticketing → projects → ticketing: a project (its manager known to projects from identity's PersonJoined),
        // the ticket promoted to it, the issue linked back.
        var admin = await fx.ClientForAsync("admin");
        var project = await Eventually.GetAsync(
            () => admin.PostJsonAsync("/api/projects", new { name = "Printer fleet renewal", manager = "carol", description = "Replace the third floor's printers." }),
            r => r.StatusCode == HttpStatusCode.Created, EventTimeout);
        var projectKey = (await project.ReadJsonAsync()).Str("key");
        var promote = await Eventually.GetAsync(
            () => admin.PostJsonAsync($"/api/tickets/{key}/promote", new { projectKey }),
            r => r.StatusCode != HttpStatusCode.UnprocessableEntity, EventTimeout); // until ticketing has heard of the project
        promote.StatusCode.ShouldBe(HttpStatusCode.Accepted, await promote.Content.ReadAsStringAsync());
        var linked = await Eventually.GetAsync(async () => await (await admin.GetAsync($"/api/tickets/{key}")).ReadJsonAsync(),
            t => t.GetProperty("project").ValueKind == JsonValueKind.Object && t.GetProperty("project").GetProperty("issueKey").ValueKind == JsonValueKind.String,
            EventTimeout);
        linked.GetProperty("project").Str("issueKey").ShouldMatch(@"^ISS-\d+$");
    }

    [Fact]
    public async Task Killed_mid_flow_and_started_again_it_loses_and_repeats_nothing()
    {
        // Ticket creations (each with its Idempotency-Key) in flight while the one process is SIGKILLed: every service
        // dies at once, mid-request, mid-commit, mid-publish and mid-consume.
        var alice = await fx.ClientForAsync("alice");
        var run = $"kz{Guid.NewGuid():N}"[..12];
        var intents = Enumerable.Range(0, 30).Select(i => (Key: $"{run}-{i}", Title: $"Dock {i} flickers {run}")).ToList();
        // One attempt of an intended write; null when the connection broke (it may or may not have landed).
        async Task<HttpResponseMessage?> CreateAsync(HttpClient client, (string Key, string Title) intent)
        {
            try
            {
                return await client.PostJsonAsync("/api/tickets", new
                {
                    title = intent.Title, description = "The screen goes black.", category = "hardware", impact = "Low", urgency = "Low",
                }, intent.Key);
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }

        var inFlight = intents.Select(async (intent, i) =>
        {
            await Task.Delay(i * 20);
            return await CreateAsync(alice, intent);
        }).ToList();
        await Task.Delay(300);
        fx.Host.Kill();
        await Task.WhenAll(inFlight);

        fx.Host.Start();
        await fx.WaitAllReadyAsync();
        // What the fault suite takes off a restart's time to ready on a busy machine: the time it was held back for lack of a CPU,
        // sampled from Linux's schedstat while it started: part of the time since the start.
        var cpuWait = fx.Host.CpuWaitBeforeReady.ShouldNotBeNull("schedstat of the restarted host");
        cpuWait.ShouldBeLessThanOrEqualTo(fx.Host.ReadyAfter.ShouldNotBeNull() + TimeSpan.FromMilliseconds(50));

        // The client retries every intent with its key until it is answered: once landed, the retry gets the same ticket.
        alice = await fx.ClientForAsync("alice");
        var ticketKeys = new List<string>();
        foreach (var intent in intents)
        {
            var created = await Eventually.GetAsync(() => CreateAsync(alice, intent),
                r => r?.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, EventTimeout);
            ticketKeys.Add((await created!.ReadJsonAsync()).Str("key"));
        }

        ticketKeys.Distinct().Count().ShouldBe(intents.Count, "one ticket per intended write");
        // Exactly one ticket per intent in the database (search by the run's word), and one receipt in the inbox each.
        var found = await Eventually.GetAsync(async () => await (await alice.GetAsync($"/api/tickets/search?q={run}&limit=200")).ReadJsonAsync(),
            r => r.GetProperty("items").GetArrayLength() >= intents.Count, EventTimeout);
        found.GetProperty("items").EnumerateArray().Select(t => t.Str("key")).Order().ShouldBe(ticketKeys.Order(), "no ticket twice, none lost");
        var inbox = await Eventually.GetAsync(async () => await (await alice.GetAsync("/api/inbox?limit=200&type=TicketCreated")).ReadJsonAsync(),
            i => ticketKeys.All(k => i.GetProperty("items").EnumerateArray().Any(item => item.Str("subject") == k)), TimeSpan.FromSeconds(60));
        foreach (var key in ticketKeys)
            inbox.GetProperty("items").EnumerateArray().Count(item => item.Str("subject") == key).ShouldBe(1, $"one receipt for {key}");
    }

    [Fact]
    public async Task The_portal_signs_a_person_in_and_serves_its_pages_and_files()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = fx.Gateway };

        // Not signed in: the portal sends the browser to identity's sign-in page (OIDC code + PKCE).
        var login = await browser.GetAsync("/");
        login.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/account/login");
        var form = await login.Content.ReadAsStringAsync();
        string Field(string name) => WebUtility.HtmlDecode(Regex.Match(form, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);
        var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field("__RequestVerificationToken"), ["returnUrl"] = Field("returnUrl"),
            ["userName"] = "alice", ["password"] = AllInOneFixture.Password,
        }));

        // Back on the portal, signed in: its page, not the sign-in form.
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        signedIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/");
        var page = await signedIn.Content.ReadAsStringAsync();
        page.ShouldContain("<!--Blazor:");
        page.ShouldNotContain("name=\"password\"");

        // Its files, from the portal's own output (its content root), not from the host's folder.
        foreach (var file in new[] { "/_content/MudBlazor/MudBlazor.min.css", "/app.css", "/_framework/blazor.web.js" })
        {
            var response = await browser.GetAsync(file);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, file);
            (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100, file);
        }
    }

    [Fact]
    public async Task Each_line_of_the_shared_log_names_its_application()
    {
        var lines = await Eventually.GetAsync(() => Task.FromResult(fx.Host.Lines),
            l => AllInOneFixture.Names.All(name => l.Any(line => line.StartsWith($"{name} info: ", StringComparison.Ordinal))), TimeSpan.FromSeconds(30));
        lines.ShouldContain(line => line.StartsWith("gateway info: Microsoft.Hosting.Lifetime[14] Now listening on: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_arguments_are_refused_with_the_usage()
    {
        var dll = ServiceProcess.BuildOutput("hosts/Platform.AllInOne", "Platform.AllInOne");
        foreach (var (arguments, says) in new (string[], string)[]
        {
            ([], "nothing to run"),
            (["--run", "mailer", "http://127.0.0.1:1", "/"], "unknown application 'mailer'"),
            (["--run", "ticketing", "http://127.0.0.1:1"], "--run needs three values"),
            (["--run", "ticketing", "http://127.0.0.1:1", "/no/such/folder"], "content root of ticketing not found"),
            (["--run", "ticketing", "http://127.0.0.1:1", "/", "--run", "ticketing", "http://127.0.0.1:2", "/"], "'ticketing' is named twice"),
        })
        {
            var (exit, text) = await ExternalProgram.RunAsync("dotnet", [dll, .. arguments], Path.GetTempPath(), TimeSpan.FromSeconds(60), "the .NET SDK");
            exit.ShouldBe(2, text);
            text.ShouldContain(says);
            text.ShouldContain("usage: dotnet Platform.AllInOne.dll --run NAME URLS CONTENT-ROOT");
        }
    }

    /// <summary>The TCP ports process <paramref name="pid"/> listens on (its sockets' inodes in /proc/net/tcp).</summary>
    private static HashSet<int> ListeningPorts(int pid)
    {
        var inodes = new HashSet<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target[8..^1]);
        }

        var ports = new HashSet<int>();
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns[3] == "0A" && inodes.Contains(columns[9])) // 0A: LISTEN
                ports.Add(Convert.ToInt32(columns[1].Split(':')[1], 16));
        }

        return ports;
    }
}
