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

    /// <summary>MassTransit's header with the W3C traceparent of the flow that sent a message.</summary>
    public const string TraceParentHeader = "MT-Activity-Id";

    /// <summary>
    /// An activity for one message of a batch, continuing that message's own trace (its traceparent and tracestate
    /// headers), so that what the message causes stays in the flow that raised it even when consumed with others.
    /// Null when nobody listens.
    /// </summary>
    public static Activity? StartConsume(MassTransit.ConsumeContext context, string consumer)
    {
        var parent = context.Headers.Get<string>(TraceParentHeader);
        var state = context.Headers.Get<string>(TraceStateHeader);
        return ActivityContext.TryParse(parent, state, out var parentContext)
            ? Source.StartActivity(consumer + " consume", ActivityKind.Consumer, parentContext)
            : Source.StartActivity(consumer + " consume", ActivityKind.Consumer);
    }

    /// <summary>Gives the consumer's activity the tracestate its message carried (see <see cref="TraceStateHeader"/>).</summary>
    public static void ContinueTraceState(MassTransit.ConsumeContext context)
    {
        if (Activity.Current is { TraceStateString: null } activity
            && context.Headers.Get<string>(TraceStateHeader) is { Length: > 0 } traceState)
            activity.TraceStateString = traceState;
    }
}
