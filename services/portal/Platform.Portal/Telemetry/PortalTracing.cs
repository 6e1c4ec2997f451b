using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Platform.Portal.Telemetry;

/// <summary>
/// One trace per click. A Blazor circuit lives in one long HTTP request (its WebSocket), and everything a person did
/// in it would otherwise share that request's trace. Each inbound activity of the circuit (a click, a form's submit,
/// a navigation) starts a trace of its own here, linked to the circuit's request; the API calls it makes carry it to
/// the gateway (traceparent), and from there it follows the flow through the services and RabbitMQ (DESIGN.md §3).
/// Without a listener of <see cref="Source"/> (no exporter), a bare Activity still gives the ids that propagate.
/// </summary>
public sealed class PortalTracing : CircuitHandler
{
    public const string SourceName = "Platform.Portal";

    public static readonly ActivitySource Source = new(SourceName);

    public const string InteractionName = "portal interaction";

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var circuitRequest = Activity.Current;
            Activity.Current = null; // a root: not a child of the WebSocket's request (restored when this method returns)
            ActivityLink[]? links = circuitRequest is null ? null : [new ActivityLink(circuitRequest.Context)];
            using var activity = Source.StartActivity(InteractionName, ActivityKind.Server, default(ActivityContext), links: links)
                ?? new Activity(InteractionName).Start();
            await next(context);
        };
}
