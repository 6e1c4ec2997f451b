using System.Diagnostics;
using System.Net.Http.Headers;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Platform.Notifications.Features.Webhooks;

/// <summary>What one attempt came to.</summary>
public sealed record SendResult(bool Ok, int? StatusCode, string? Error, int LatencyMs, bool CircuitOpen = false)
{
    public string Outcome => Ok ? "Delivered" : CircuitOpen ? "CircuitOpen" : "Failed";
}

/// <summary>
/// Posts CloudEvents 1.0 structured JSON to subscribers, signed with their secret, through a resilience pipeline of
/// its own per endpoint (subscription): a circuit breaker (an endpoint that keeps failing is left alone for the break
/// instead of being hammered) around a timeout. Retries are not in the pipeline: they are rows in the database
/// (next_attempt_at with exponential back-off and jitter), so they survive restarts and spread over replicas.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private static readonly JsonEventFormatter Formatter = new();
    private readonly HttpClient _http;
    private readonly ResiliencePipelineRegistry<Guid> _pipelines = new();
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _clock;

    public WebhookSender(IOptions<DeliveryOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = _options.RequestTimeout,
            MaxConnectionsPerServer = Math.Max(_options.MaxConcurrency * _options.Workers, 16),
            AllowAutoRedirect = false,
            ConnectCallback = _options.AllowPrivateNetworks ? null : PrivateNetworks.ConnectPublicAsync,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Platform-Notifications/1.0");
    }

    /// <summary>CloudEvents distributed-tracing extension: the W3C trace context of the flow that raised the event.</summary>
    private static readonly CloudEventAttribute TraceParentAttribute = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    private static readonly CloudEventAttribute TraceStateAttribute = CloudEventAttribute.CreateExtension("tracestate", CloudEventAttributeType.String);

    /// <summary>
    /// The event as a CloudEvents 1.0 JSON document (id = the event's id, which receivers dedupe on), with the
    /// distributed-tracing extension (<c>traceparent</c>, and <c>tracestate</c> when there is one) of the flow that raised it.
    /// </summary>
    public static (byte[] Body, string ContentType) Encode(LoggedEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = e.Id.ToString(),
            Type = EventCatalog.CloudEventType(e.Domain, e.Type),
            Source = EventCatalog.Source(e.Domain),
            Subject = e.Subject,
            Time = e.OccurredAt,
            DataContentType = "application/json",
            Data = data.RootElement.Clone(),
        };
        if (e.TraceParent is not null) cloudEvent[TraceParentAttribute] = e.TraceParent;
        if (e.TraceState is not null) cloudEvent[TraceStateAttribute] = e.TraceState;
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (body.ToArray(), contentType.ToString());
    }

    public async Task<SendResult> SendAsync(Subscription subscription, long deliveryId, int attempt, byte[] body, string contentType, CancellationToken ct)
    {
        var pipeline = _pipelines.GetOrAddPipeline<HttpResponseMessage>(subscription.Id, b => b
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { IsSuccessStatusCode: false }
                    || args.Outcome.Exception is HttpRequestException or TimeoutRejectedException),
            })
            .AddTimeout(_options.RequestTimeout));

        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, timestamp, body));
                request.Headers.TryAddWithoutValidation("X-Delivery-Id", deliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("X-Delivery-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            }, ct);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new SendResult(true, code, null, Elapsed())
                : new SendResult(false, code, $"HTTP {code} {response.ReasonPhrase}", Elapsed());
        }
        catch (BrokenCircuitException)
        {
            return new SendResult(false, null, "The endpoint's circuit is open after repeated failures; retried after the break.", Elapsed(), CircuitOpen: true);
        }
        catch (TimeoutRejectedException)
        {
            return new SendResult(false, null, $"No answer within {_options.RequestTimeout.TotalSeconds:0.#} s.", Elapsed());
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(false, null, Templates.Clip(ex.Message, Lengths.Long), Elapsed());
        }
    }

    public void Dispose() => _http.Dispose();
}
