using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Faults;

/// <summary>A write the platform answered 2xx to: it must be there, exactly once, with all its consequences.</summary>
public sealed record AcceptedWrite(string Op, DateTimeOffset At, string TicketKey, Guid TicketId, string? Title, string? IssueKey);

/// <summary>A request that got no 2xx (status code or the exception's type).</summary>
public sealed record FailedRequest(string Op, DateTimeOffset At, string What);

/// <summary>
/// The load: workers create tickets through the gateway at a fixed rate and promote a share of them to the project;
/// a resolver resolves a share of the promoted tickets' project issues once the issue shows on the ticket.
/// A failed write is not retried: it simply is not an accepted write.
/// </summary>
public sealed class Load(Uri gateway, string projectKey, string runId, double createsPerSecond, Random random)
{
    private const int Workers = 4;
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentQueue<(AcceptedWrite Promotion, DateTimeOffset NotBefore)> _toResolve = new();
    private int _sequence;

    public ConcurrentBag<AcceptedWrite> Accepted { get; } = [];
    public ConcurrentBag<FailedRequest> Failed { get; } = [];
    public string BobToken { get; set; } = "";
    public string CarolToken { get; set; } = "";
    public int ResolvesPending => _toResolve.Count;

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(i => WorkerAsync(i, stop)).Append(ResolverAsync(stop)));

    private async Task WorkerAsync(int worker, CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(Workers / createsPerSecond);
        var next = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromMilliseconds(worker * interval.TotalMilliseconds / Workers), CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _sequence);
            var title = $"faults {runId} #{n}";
            bool promote, resolve, critical;
            lock (random)
            {
                promote = random.NextDouble() < 0.5;
                resolve = random.NextDouble() < 0.4;
                critical = random.NextDouble() < 0.05;
            }

            var created = await SendAsync("create", HttpMethod.Post, "api/tickets", BobToken, new
            {
                title, description = $"Fault suite ticket {n}", category = "network",
                impact = critical ? "High" : "Medium", urgency = critical ? "High" : "Low",
            });
            if (created is { } ticket)
            {
                var key = ticket.GetProperty("key").GetString()!;
                var id = ticket.GetProperty("id").GetGuid();
                Accepted.Add(new AcceptedWrite("create", DateTimeOffset.UtcNow, key, id, title, null));
                if (promote && await SendAsync("promote", HttpMethod.Post, $"api/tickets/{key}/promote", BobToken, new { projectKey }) is not null)
                {
                    var promotion = new AcceptedWrite("promote", DateTimeOffset.UtcNow, key, id, title, null);
                    Accepted.Add(promotion);
                    if (resolve) _toResolve.Enqueue((promotion, DateTimeOffset.UtcNow.AddSeconds(1)));
                }
            }

            next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, stop); } catch (OperationCanceledException) { return; }
            }
            else if (wait < TimeSpan.FromSeconds(-2))
            {
                next = Stopwatch.GetTimestamp(); // fell behind (a fault): do not burst to catch up
            }
        }
    }

    /// <summary>Resolves the issue of promoted tickets chosen for it, once ticketing shows the issue key.</summary>
    private async Task ResolverAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(250, stop); } catch (OperationCanceledException) { return; }
            var retry = new List<(AcceptedWrite, DateTimeOffset)>();
            var budget = 30;
            while (budget-- > 0 && !stop.IsCancellationRequested && _toResolve.TryDequeue(out var item))
            {
                if (item.NotBefore > DateTimeOffset.UtcNow) { retry.Add(item); continue; }
                var ticket = await SendAsync("read", HttpMethod.Get, $"api/tickets/{item.Promotion.TicketKey}", BobToken, null);
                if (ticket is null)
                {
                    retry.Add((item.Promotion, DateTimeOffset.UtcNow.AddSeconds(1)));
                    break; // ticketing or the gateway is down: come back later
                }

                var issueKey = ticket is { } t && t.TryGetProperty("project", out var p) && p.ValueKind == JsonValueKind.Object
                               && p.TryGetProperty("issueKey", out var k) && k.ValueKind == JsonValueKind.String
                    ? k.GetString()
                    : null;
                if (issueKey is null) { retry.Add((item.Promotion, DateTimeOffset.UtcNow.AddSeconds(1))); continue; }

                if (await SendAsync("resolve", HttpMethod.Post, $"api/projects/{projectKey}/issues/{issueKey}/transitions", CarolToken,
                        new { action = "Resolve", note = $"Fixed during fault run {runId}" }) is not null)
                    Accepted.Add(item.Promotion with { Op = "resolve", At = DateTimeOffset.UtcNow, IssueKey = issueKey });
            }

            foreach (var r in retry) _toResolve.Enqueue(r);
        }
    }

    /// <summary>Sends one request; the parsed 2xx body, or null after recording the failure.</summary>
    public async Task<JsonElement?> SendAsync(string op, HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        try
        {
            using var response = await _http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync();
                return text.Length == 0 ? default(JsonElement) : JsonDocument.Parse(text).RootElement.Clone();
            }

            Failed.Add(new FailedRequest(op, DateTimeOffset.UtcNow, ((int)response.StatusCode).ToString()));
            if (op == "setup") Console.WriteLine($"  {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            Failed.Add(new FailedRequest(op, DateTimeOffset.UtcNow, ex is TaskCanceledException ? "timeout" : "connection"));
            return null;
        }
    }

    public static async Task<string> TokenAsync(Uri gateway, string user)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = user, ["password"] = "Passw0rd!",
                    ["scope"] = "openid tickets projects assets notifications",
                }));
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                    return JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!;
                if (attempt >= 20) throw new InvalidOperationException($"token for {user}: {(int)response.StatusCode} {text}");
            }
            catch (HttpRequestException) when (attempt < 20) { }

            await Task.Delay(500);
        }
    }
}
