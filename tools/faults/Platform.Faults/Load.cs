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
/// A write the client meant to make, whatever the platform answered: sent with one <c>Idempotency-Key</c> and retried
/// with that same key until it is accepted (or refused with a 4xx, or the retry deadline passes). It must have landed
/// exactly once. <see cref="Marker"/> finds it in the databases (the ticket's title for a create).
/// </summary>
public sealed class IntendedWrite(string op, DateTimeOffset at, string marker, string? ticketKey = null, Guid ticketId = default, string? issueKey = null)
{
    public string Op { get; } = op;
    public string Key { get; } = Guid.NewGuid().ToString();
    public DateTimeOffset At { get; } = at;
    public string Marker { get; } = marker;
    public string? TicketKey { get; } = ticketKey;
    public Guid TicketId { get; } = ticketId;
    public string? IssueKey { get; } = issueKey;
    public int Attempts { get; set; }
    public bool Replayed { get; set; }

    /// <summary>"accepted", "refused 4xx" or "gave up" (the retry deadline passed); null while still being sent.</summary>
    public string? Outcome { get; set; }
}

/// <summary>
/// The load: workers create tickets through the gateway at a fixed rate and promote a share of them to the project;
/// a resolver resolves a share of the promoted tickets' project issues once the issue shows on the ticket.
/// Every write is an <see cref="IntendedWrite"/>: it carries an <c>Idempotency-Key</c> of its own and is retried with it
/// (back-off 0.25 s doubling to 4 s) after a 5xx, 401, 408, 409 in-progress, 429, a timeout or a dropped connection,
/// until it is accepted or the deadline set by <see cref="StopRetryingAfter"/> passes. The worker that sent it waits
/// for it, as a client would; each failed attempt is in <see cref="Failed"/>.
/// </summary>
public sealed class Load(Uri gateway, string projectKey, string runId, double createsPerSecond, Random random) : IDisposable
{
    private const int Workers = 4;
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentQueue<(AcceptedWrite Promotion, DateTimeOffset NotBefore)> _toResolve = new();
    private readonly CancellationTokenSource _giveUp = new();
    private int _sequence;
    private int _replays;

    public ConcurrentBag<AcceptedWrite> Accepted { get; } = [];
    public ConcurrentBag<FailedRequest> Failed { get; } = [];
    public ConcurrentBag<IntendedWrite> Intended { get; } = [];

    /// <summary>Answers marked <c>Idempotent-Replayed: true</c>: a retry whose first attempt had committed.</summary>
    public int Replays => Volatile.Read(ref _replays);
    public string BobToken { get; set; } = "";
    public string CarolToken { get; set; } = "";
    public int ResolvesPending => _toResolve.Count;

    /// <summary>Retries still under way give up this long from now (called when the load stops).</summary>
    public void StopRetryingAfter(TimeSpan deadline) => _giveUp.CancelAfter(deadline);

    public void Dispose()
    {
        _http.Dispose();
        _giveUp.Dispose();
    }

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

            var create = new IntendedWrite("create", DateTimeOffset.UtcNow, title);
            var created = await WriteAsync(create, "api/tickets", BobToken, new
            {
                title, description = $"Fault suite ticket {n} (Idempotency-Key {create.Key})", category = "network",
                impact = critical ? "High" : "Medium", urgency = critical ? "High" : "Low",
            });
            if (created is { } ticket)
            {
                var key = ticket.GetProperty("key").GetString()!;
                var id = ticket.GetProperty("id").GetGuid();
                Accepted.Add(new AcceptedWrite("create", DateTimeOffset.UtcNow, key, id, title, null));
                if (promote && !stop.IsCancellationRequested)
                {
                    var promotion = new IntendedWrite("promote", DateTimeOffset.UtcNow, title, key, id);
                    if (await WriteAsync(promotion, $"api/tickets/{key}/promote", BobToken, new { projectKey }) is not null)
                    {
                        var accepted = new AcceptedWrite("promote", DateTimeOffset.UtcNow, key, id, title, null);
                        Accepted.Add(accepted);
                        if (resolve) _toResolve.Enqueue((accepted, DateTimeOffset.UtcNow.AddSeconds(1)));
                    }
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

                var resolution = new IntendedWrite("resolve", DateTimeOffset.UtcNow, item.Promotion.Title!, item.Promotion.TicketKey,
                    item.Promotion.TicketId, issueKey);
                if (await WriteAsync(resolution, $"api/projects/{projectKey}/issues/{issueKey}/transitions", CarolToken,
                        new { action = "Resolve", note = $"Fixed during fault run {runId}" }) is not null)
                    Accepted.Add(item.Promotion with { Op = "resolve", At = DateTimeOffset.UtcNow, IssueKey = issueKey });
            }

            foreach (var r in retry) _toResolve.Enqueue(r);
        }
    }

    /// <summary>
    /// Sends an intended write with its key, retrying with the same key until it is accepted: the parsed 2xx body,
    /// or null when it was refused (a 4xx other than the retryable ones) or the retry deadline passed.
    /// </summary>
    public async Task<JsonElement?> WriteAsync(IntendedWrite write, string path, string token, object body)
    {
        Intended.Add(write);
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            write.Attempts++;
            var (result, retry) = await SendOnceAsync(write.Op, HttpMethod.Post, path, token, body, write.Key);
            if (result is not null)
            {
                write.Outcome = "accepted";
                return result;
            }

            if (!retry)
            {
                write.Outcome = "refused 4xx";
                return null;
            }

            try { await Task.Delay(backoff, _giveUp.Token); }
            catch (OperationCanceledException)
            {
                write.Outcome = "gave up";
                return null;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(4).Ticks));
        }
    }

    /// <summary>Sends one request once; the parsed 2xx body, or null after recording the failure.</summary>
    public async Task<JsonElement?> SendAsync(string op, HttpMethod method, string path, string token, object? body, string? idempotencyKey = null) =>
        (await SendOnceAsync(op, method, path, token, body, idempotencyKey)).Body;

    private async Task<(JsonElement? Body, bool Retry)> SendOnceAsync(string op, HttpMethod method, string path, string token, object? body,
        string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                if (response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"))
                    Interlocked.Increment(ref _replays);
                return (text.Length == 0 ? default(JsonElement) : JsonDocument.Parse(text).RootElement.Clone(), false);
            }

            var status = (int)response.StatusCode;
            Failed.Add(new FailedRequest(op, DateTimeOffset.UtcNow, status.ToString()));
            if (op == "setup") Console.WriteLine($"  {method} {path}: {status} {text}");
            var retry = status >= 500 || status is 401 or 408 or 429
                        || (status == 409 && text.Contains("idempotency-key-in-progress", StringComparison.Ordinal));
            return (null, retry);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            Failed.Add(new FailedRequest(op, DateTimeOffset.UtcNow, ex is TaskCanceledException ? "timeout" : "connection"));
            return (null, true);
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
