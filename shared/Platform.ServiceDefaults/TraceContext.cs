using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

/// <summary>
/// W3C trace context without an exporter. One id names a request everywhere: its trace id, answered as
/// <c>X-Correlation-Id</c>, as the trace id of <c>traceresponse</c> and as <c>traceId</c> in ProblemDetails. The caller
/// chooses it with a <c>traceparent</c>; without one, an <c>X-Correlation-Id</c> that is a trace id (32 hex digits)
/// or a GUID becomes the trace id; anything else leaves the platform to start a new trace.
/// </summary>
public static class TraceContext
{
    public const string TraceResponseHeader = "traceresponse";

    /// <summary>
    /// The sources whose activities carry the trace from a request through the outbox and RabbitMQ to the last
    /// consumer. Without a listener they start no activity at all (MassTransit then sends no trace header and the
    /// trace stops at the first service), so this one always listens: ids only, no tags, nothing recorded, so it
    /// costs an Activity per request and per message, not a telemetry pipeline. An exporter's own listener, when
    /// configured, still decides what is recorded.
    /// </summary>
    private static readonly string[] PropagatedSources = ["Microsoft.AspNetCore", "MassTransit", "Platform.Messaging"];

    private static readonly Lazy<ActivityListener> Listener = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => PropagatedSources.Contains(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    /// <summary>Activities (and so trace ids) flow whether or not telemetry is exported; a caller's X-Correlation-Id may name the trace.</summary>
    public static IServiceCollection AddTraceContext(this IServiceCollection services)
    {
        _ = Listener.Value;
        // The hosting layer reads the incoming trace through the DistributedContextPropagator service: the last one registered wins.
        services.AddSingleton<DistributedContextPropagator>(new CorrelationPropagator(DistributedContextPropagator.Current));
        return services;
    }

    /// <summary>The request's trace id: the one reported in X-Correlation-Id, traceresponse and ProblemDetails.</summary>
    public static string TraceIdOf(HttpContext context) =>
        (context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } activity
            ? activity.TraceId.ToHexString()
            : context.TraceIdentifier;

    /// <summary>W3C Trace Context Level 2 <c>traceresponse</c>: version, trace id, the server's span id, flags.</summary>
    public static string? TraceResponseOf(HttpContext context) =>
        (context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } activity
            ? $"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{(byte)activity.ActivityTraceFlags:x2}"
            : null;

    /// <summary>A trace id spelled as 32 hex digits or as a GUID (with dashes, braces or parentheses), not all zeros.</summary>
    public static bool TryReadTraceId(string? value, out ActivityTraceId traceId)
    {
        traceId = default;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 38 || !Guid.TryParse(value.Trim(), out var guid) || guid == Guid.Empty)
            return false;
        traceId = ActivityTraceId.CreateFromString(guid.ToString("N"));
        return true;
    }

    /// <summary>
    /// The default W3C propagator, plus: a request without a valid traceparent whose X-Correlation-Id is a trace id
    /// continues that trace (under a span id of its own, as the caller's span is not known).
    /// </summary>
    private sealed class CorrelationPropagator(DistributedContextPropagator inner) : DistributedContextPropagator
    {
        public override IReadOnlyCollection<string> Fields => inner.Fields;

        public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
            inner.Inject(activity, carrier, setter);

        public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
            inner.ExtractBaggage(carrier, getter);

        public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
        {
            inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);
            if (getter is null || ActivityContext.TryParse(traceId, traceState, out _)) return;
            getter(carrier, ServiceDefaultsExtensions.CorrelationHeader, out var correlation, out _);
            if (!TryReadTraceId(correlation, out var id)) return;
            traceId = $"00-{id.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
            traceState = null;
        }
    }
}
