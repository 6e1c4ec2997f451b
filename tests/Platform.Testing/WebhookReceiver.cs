using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Platform.ServiceDefaults;

namespace Platform.Testing;

/// <summary>One request the receiver accepted: its endpoint, CloudEvent id and type.</summary>
public sealed record Accepted(string Endpoint, string EventId, string Type, JsonElement CloudEvent, DateTimeOffset At);

/// <summary>
/// A third-party tool as a real HTTP server (Kestrel on loopback): POST /hooks/{endpoint} verifies the platform's
/// signature (<see cref="HmacSignature"/>) with that endpoint's secret (401 when it does not hold), fails a share of
/// requests on purpose (503), and counts what it accepted — by endpoint and CloudEvent id, so duplicates on the wire
/// are visible. Used by the notifications tests and the end-to-end tests.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>Whether a request's signature holds for the endpoint's secret.</summary>
    public delegate bool SignatureCheck(string secret, string? signature, string? timestamp, byte[] body);

    private readonly LoopbackServer _server;
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly ConcurrentQueue<Accepted> _accepted = new();
    private int _requests, _rejectedSignatures, _failedOnPurpose;

    private WebhookReceiver(LoopbackServer server) => _server = server;

    public Uri BaseAddress => _server.Address;

    /// <summary>Share of requests answered 503 before they are looked at (0 to 1).</summary>
    public double FailureRate { get; set; }

    /// <summary>Endpoints that always answer 500.</summary>
    public ConcurrentDictionary<string, bool> Broken { get; } = new();

    /// <summary>Time taken before answering (to make a fan-out last).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>
    /// How signatures are checked: by default the platform's own <see cref="HmacSignature"/> with 5 minutes' tolerance.
    /// The end-to-end tests put in a check written from the documented wire format instead.
    /// </summary>
    public SignatureCheck CheckSignature { get; set; } = (secret, signature, timestamp, body) =>
        HmacSignature.Verify(secret, signature, timestamp, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    public int Requests => _requests;
    public int RejectedSignatures => _rejectedSignatures;
    public int FailedOnPurpose => _failedOnPurpose;
    public IReadOnlyCollection<Accepted> All => _accepted.ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        WebhookReceiver? receiver = null;
        var server = await LoopbackServer.StartAsync(
            app => app.MapPost("/hooks/{endpoint}", (string endpoint, HttpContext http) => receiver!.ReceiveAsync(endpoint, http)),
            builder => builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null));
        return receiver = new WebhookReceiver(server);
    }

    public string Url(string endpoint) => new Uri(BaseAddress, $"hooks/{endpoint}").ToString();

    public void Expect(string endpoint, string secret) => _secrets[endpoint] = secret;

    public IReadOnlyList<Accepted> For(string endpoint) => _accepted.Where(a => a.Endpoint == endpoint).ToList();

    /// <summary>Accepted requests beyond the first per (endpoint, event id): duplicates on the wire.</summary>
    public int Duplicates => _accepted.Count - _accepted.Select(a => (a.Endpoint, a.EventId)).Distinct().Count();

    private async Task<IResult> ReceiveAsync(string endpoint, HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
        if (Broken.ContainsKey(endpoint)) return Results.StatusCode(500);
        if (FailureRate > 0 && Random.Shared.NextDouble() < FailureRate)
        {
            Interlocked.Increment(ref _failedOnPurpose);
            return Results.StatusCode(503);
        }

        var body = buffer.ToArray();
        if (!_secrets.TryGetValue(endpoint, out var secret)
            || !CheckSignature(secret, http.Request.Headers[HmacSignature.SignatureHeader], http.Request.Headers[HmacSignature.TimestampHeader], body))
        {
            Interlocked.Increment(ref _rejectedSignatures);
            return Results.StatusCode(401);
        }

        var cloudEvent = JsonDocument.Parse(body).RootElement.Clone();
        _accepted.Enqueue(new Accepted(endpoint, cloudEvent.GetProperty("id").GetString()!, cloudEvent.GetProperty("type").GetString()!, cloudEvent, DateTimeOffset.UtcNow));
        return Results.NoContent();
    }

    public async Task WaitForAsync(Func<WebhookReceiver, bool> until, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!until(this))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what ?? "Receiver condition"} not met: {_accepted.Count} accepted, {_requests} requests, {_rejectedSignatures} bad signatures.");
            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
