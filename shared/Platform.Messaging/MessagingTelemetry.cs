using System.Diagnostics;

namespace Platform.Messaging;

public static class MessagingTelemetry
{
    public const string SourceName = "Platform.Messaging";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Message header with the W3C tracestate of the flow that raised an event. MassTransit carries the traceparent
    /// (its MT-Activity-Id header) but not the tracestate; the outbox dispatcher sets this one, the consumer restores it.
    /// </summary>
    public const string TraceStateHeader = "tracestate";

    /// <summary>Gives the consumer's activity the tracestate its message carried (see <see cref="TraceStateHeader"/>).</summary>
    public static void ContinueTraceState(MassTransit.ConsumeContext context)
    {
        if (Activity.Current is { TraceStateString: null } activity
            && context.Headers.Get<string>(TraceStateHeader) is { Length: > 0 } traceState)
            activity.TraceStateString = traceState;
    }
}
