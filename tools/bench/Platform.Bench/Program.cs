using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Bench;

// Platform.Bench <scenario> [--gateway URL] [--direct URL] [--nginx URL] [--seconds N] [--rate R] [--rates a,b,c]
// Scenarios: get, create, promote, query, storm (alerts to /hooks: StormBench.cs), fanout, portal (the queue page in chromium: PortalBench.cs), pmo (portfolio and heat map: PmoBench.cs). Each prints Markdown table rows (see tools/bench/run.sh).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = 1024,
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    UseCookies = false,
    AutomaticDecompression = DecompressionMethods.None,
}) { Timeout = TimeSpan.FromSeconds(30) };

var gateway = options.Get("gateway", "http://127.0.0.1:5000").TrimEnd('/');
var seconds = double.Parse(options.Get("seconds", "10"));
var duration = TimeSpan.FromSeconds(seconds);
var bob = await Tokens.SignInAsync(http, gateway, "bob");

switch (options.Scenario)
{
    case "get":
    {
        // The cheapest authenticated call there is (token validation, routing, a small JSON answer, no database).
        var rate = double.Parse(options.Get("rate", "500"));
        foreach (var (name, baseUrl) in options.Targets(gateway))
        {
            var url = baseUrl + "/api/tickets/priority-matrix";
            await Warmup(http, () => Send(http, HttpMethod.Get, url, bob, null), 200);
            Report.Row(await Load.RunAsync($"GET priority-matrix {name}", rate, duration, _ => Send(http, HttpMethod.Get, url, bob, null)));
        }

        break;
    }
    case "create":
    {
        // Ticket creation through the gateway at rising rates until p99 passes the limit (outbox on, durable commit).
        var limit = double.Parse(options.Get("p99", "50"));
        LoadResult? held = null;
        await Warmup(http, () => Send(http, HttpMethod.Post, gateway + "/api/tickets", bob, Payloads.Ticket(-1)), 300);
        foreach (var rate in options.Rates("250,500,750,1000,1250,1500"))
        {
            var result = await Load.RunAsync($"POST /api/tickets @{rate}/s", rate, duration,
                i => Send(http, HttpMethod.Post, gateway + "/api/tickets", bob, Payloads.Ticket(i)));
            Report.Row(result);
            if (!result.Held(limit)) break;
            held = result;
            await Task.Delay(2000); // let the outbox drain between steps
        }

        Console.WriteLine(held is null
            ? $"RESULT create: no rate held p99 <= {limit} ms"
            : $"RESULT create: highest rate held {held.TargetRate:0}/s (p50 {held.P50:0.0} ms, p99 {held.P99:0.0} ms)");
        break;
    }
    case "promote":
    {
        // Promotions at a fixed rate; latency = from sending the promotion until the ticket shows its project issue,
        // which is the whole loop: ticketing outbox → RabbitMQ → projects opens the issue → its event → ticketing links it.
        var rate = double.Parse(options.Get("rate", "100"));
        var carol = await Tokens.SignInAsync(http, gateway, "carol");
        var project = await Json(await RequestAsync(http, HttpMethod.Post, gateway + "/api/projects", carol,
            new { name = $"Bench {DateTime.UtcNow:HHmmss}", manager = "carol" }));
        var projectKey = project.GetProperty("key").GetString()!;
        var count = (int)(rate * seconds);
        var keys = new string[count + 1]; // the last one probes whether ticketing knows the project yet
        var made = await Load.RunAsync("(setup) create tickets to promote", Math.Min(400, rate * 4), count + 1,
            async i =>
            {
                using var response = await RequestAsync(http, HttpMethod.Post, gateway + "/api/tickets", bob, Payloads.Ticket(i));
                if (!response.IsSuccessStatusCode) return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                keys[i] = (await Json(response)).GetProperty("key").GetString()!;
                return null;
            });
        if (made.Failed > 0) throw new InvalidOperationException($"Could not create the tickets to promote: {string.Join(", ", made.Failures)}");
        // The setup creates faster than the platform consumes: without this, the promotions would queue behind the
        // consumers' backlog of TicketCreated and measure that.
        if (options.Get("rabbitmq-management", "") is { Length: > 0 } management) await Queues.WaitUntilEmptyAsync(management);
        // The project must be known to ticketing (ProjectCreated) before promotions are accepted.
        for (var attempt = 0; ; attempt++)
        {
            using var probe = await RequestAsync(http, HttpMethod.Post, $"{gateway}/api/tickets/{keys[count]}/promote", bob, new { projectKey });
            if (probe.IsSuccessStatusCode) break;
            if (attempt > 100) throw new InvalidOperationException($"Promotion refused: {(int)probe.StatusCode} {await probe.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }

        // Latency to "visible": the ticket's system comment naming the issue is written in the same transaction that
        // links the issue, so its time stamp is when the link became visible; polling would only add load.
        var sentAt = new DateTimeOffset[count];
        var result = await Load.RunAsync($"POST promote @{rate}/s (the call)", rate, count, async i =>
        {
            sentAt[i] = DateTimeOffset.UtcNow;
            using var response = await RequestAsync(http, HttpMethod.Post, $"{gateway}/api/tickets/{keys[i]}/promote", bob, new { projectKey });
            return response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        });
        Report.Row(result);
        var linked = new List<double>();
        var missing = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var i = 0; i < count; i++)
        {
            while (true)
            {
                var ticket = await Json(await RequestAsync(http, HttpMethod.Get, $"{gateway}/api/tickets/{keys[i]}", bob, null));
                var comment = ticket.GetProperty("comments").EnumerateArray()
                    .FirstOrDefault(c => c.GetProperty("body").GetString()!.Contains(" opened issue ", StringComparison.Ordinal));
                if (comment.ValueKind == JsonValueKind.Object)
                {
                    linked.Add((comment.GetProperty("createdAt").GetDateTimeOffset() - sentAt[i]).TotalMilliseconds);
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    missing++;
                    break;
                }

                await Task.Delay(50);
            }
        }

        var sorted = linked.Order().ToArray();
        Report.Row(new LoadResult($"promote → issue linked on the ticket @{rate}/s", rate, result.AchievedRate, sorted.Length, missing,
            Load.Percentile(sorted, 50), Load.Percentile(sorted, 90), Load.Percentile(sorted, 95), Load.Percentile(sorted, 99),
            sorted.Length == 0 ? double.NaN : sorted[^1], result.ClientCpuPercent, result.Duration,
            missing == 0 ? new Dictionary<string, int>() : new Dictionary<string, int> { ["not linked within 30 s"] = missing }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT promote: {result.AchievedRate:0}/s of {rate}/s, {result.Failed} failed; call p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms; linked p50 {Load.Percentile(sorted, 50):0.0} ms, p99 {Load.Percentile(sorted, 99):0.0} ms, {missing} not linked"));
        break;
    }
    case "query":
    {
        // List and search on a big table: the pages people open most, at a steady rate.
        var rate = double.Parse(options.Get("rate", "20"));
        var words = new[] { "printer", "vpn", "laptop", "outlook", "password", "network", "badge", "monitor", "wifi", "database" };
        var shapes = new (string Label, Func<int, string> Url)[]
        {
            ("GET /api/tickets?limit=50 (newest)", _ => "/api/tickets?limit=50"),
            ("GET /api/tickets?status&priority", i => $"/api/tickets?status={(i % 2 == 0 ? "New" : "InProgress")}&priority=P{i % 4 + 1}&limit=50"),
            ("GET /api/tickets?assignee=…", i => $"/api/tickets?assignee=agent{i % 50}&limit=50"),
            ("GET /api/tickets/search?q=<word>", i => $"/api/tickets/search?q={words[i % words.Length]}&limit=50"),
            // seed-tickets.sql puts words 7g, 13g and 3g (mod 20) in ticket g: these pairs never meet (no match at all) …
            ("GET /api/tickets/search?q=<two words, never together>&status", i => $"/api/tickets/search?q={words[i % words.Length]}+{words[(i + 3) % words.Length]}&status=New&limit=50"),
            // … and these meet in one ticket in 40 among the New ones (25,000 matches at 1 M).
            ("GET /api/tickets/search?q=<two words, often together>&status", i => $"/api/tickets/search?q={(i % 2 == 0 ? "wifi+sharepoint" : "firewall+password")}&status=New&limit=50"),
        };
        foreach (var (label, url) in shapes)
        {
            await Warmup(http, () => Send(http, HttpMethod.Get, gateway + url(7), bob, null), 20);
            Report.Row(await Load.RunAsync(label, rate, duration, i => Send(http, HttpMethod.Get, gateway + url(i), bob, null)));
        }

        break;
    }
    case "storm":
        return await StormBench.RunAsync(http, gateway, bob, options);
    case "portal":
        return await PortalBench.RunAsync(http, gateway, options);
    case "pmo":
        return await PmoBench.RunAsync(http, gateway, options);
    default:
        Console.Error.WriteLine($"Unknown scenario '{options.Scenario}': get, create, promote, query, storm, portal, pmo.");
        return 2;
}

return 0;

static async Task Warmup(HttpClient http, Func<Task<string?>> call, int count)
{
    for (var i = 0; i < count; i += 10) await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => call()));
}

static async Task<string?> Send(HttpClient http, HttpMethod method, string url, string token, object? body)
{
    using var response = await RequestAsync(http, method, url, token, body);
    await response.Content.LoadIntoBufferAsync();
    return response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
}

static async Task<HttpResponseMessage> RequestAsync(HttpClient http, HttpMethod method, string url, string token, object? body)
{
    var request = new HttpRequestMessage(method, url);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    if (body is not null) request.Content = JsonContent.Create(body);
    return await http.SendAsync(request);
}

static async Task<JsonElement> Json(HttpResponseMessage response)
{
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
    return JsonDocument.Parse(text).RootElement.Clone();
}

namespace Platform.Bench
{
    public static class Payloads
    {
        private static readonly string[] Titles = ["Printer jams on floor 3", "VPN drops every hour", "Laptop will not boot", "Outlook asks for password"];

        public static object Ticket(int i) => new
        {
            title = Titles[Math.Abs(i) % Titles.Length],
            description = $"Benchmark ticket {i}: created by tools/bench/Platform.Bench at a fixed rate.",
            category = "hardware",
            impact = "Medium",
            urgency = "High",
        };
    }

    public static class Tokens
    {
        public static async Task<string> SignInAsync(HttpClient http, string gateway, string user)
        {
            using var response = await http.PostAsync(gateway + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = user, ["password"] = "Passw0rd!",
                ["scope"] = "openid tickets projects assets notifications",
            }));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in of {user} failed: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!;
        }
    }

    public static class Report
    {
        public static void Row(LoadResult r)
        {
            var failures = r.Failed == 0 ? "" : " (" + string.Join(", ", r.Failures.Select(f => $"{f.Key}×{f.Value}")) + ")";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Label} | {r.TargetRate:0} | {r.AchievedRate:0} | {r.Ok} | {r.Failed}{failures} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} | {r.Max:0.0} | {r.ClientCpuPercent:0} % |"));
        }
    }

    /// <summary>RabbitMQ's queues, read from its management API (the URL carries the user and password).</summary>
    public static class Queues
    {
        /// <summary>
        /// Polls until every queue has held no message (ready or unacknowledged) for 6 s, longer than the broker takes to
        /// refresh these statistics (5 s by default); at most 5 minutes.
        /// </summary>
        public static async Task WaitUntilEmptyAsync(string managementUrl)
        {
            var uri = new Uri(managementUrl);
            using var client = new HttpClient { BaseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority)) };
            if (uri.UserInfo.Length > 0)
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            TimeSpan? emptySince = null;
            long waiting = -1;
            while (emptySince is null || watch.Elapsed - emptySince < TimeSpan.FromSeconds(6))
            {
                if (watch.Elapsed > TimeSpan.FromMinutes(5))
                    throw new TimeoutException($"The queues still held {waiting} messages after 5 minutes.");
                using var queues = JsonDocument.Parse(await client.GetStringAsync("/api/queues?columns=name,messages"));
                waiting = queues.RootElement.EnumerateArray()
                    .Sum(q => q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0);
                emptySince = waiting == 0 ? emptySince ?? watch.Elapsed : null;
                await Task.Delay(500);
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(setup) the queues were empty after {watch.Elapsed.TotalSeconds:0.0} s"));
        }
    }

    public sealed class Options
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

        public string Scenario { get; private init; } = "";

        public static Options Parse(string[] args)
        {
            var options = new Options { Scenario = args.Length > 0 ? args[0] : "" };
            for (var i = 1; i + 1 < args.Length; i += 2) options._values[args[i].TrimStart('-')] = args[i + 1];
            return options;
        }

        public string Get(string name, string fallback) => _values.TryGetValue(name, out var value) ? value : fallback;

        public IEnumerable<double> Rates(string fallback) => Get("rates", fallback).Split(',').Select(double.Parse);

        /// <summary>The same service called through the gateway, directly, and through nginx (when given).</summary>
        public IEnumerable<(string Name, string Url)> Targets(string gateway)
        {
            yield return ("direct", Get("direct", "http://127.0.0.1:5101").TrimEnd('/'));
            yield return ("gateway", gateway);
            if (_values.TryGetValue("nginx", out var nginx)) yield return ("nginx", nginx.TrimEnd('/'));
        }
    }
}
