using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Platform.Portal.Telemetry;

/// <summary>
/// One trace per click. A Blazor circuit lives in one long HTTP request (its WebSocket); everything a person did in it
/// would otherwise share that request's trace. With telemetry exported, Blazor's own activities do it (.NET 10:
/// "Microsoft.AspNetCore.Components" starts each event as a root activity, linked to the circuit). Without an
/// exporter nobody listens to that source, so each inbound activity of the circuit (a click, a submit, a navigation)
/// gets a bare root Activity here: the API calls it makes carry its trace id to the gateway (traceparent), and the
/// platform follows it through the services and RabbitMQ (DESIGN.md §3; ServiceDefaults' TraceContext).
/// </summary>
public sealed class PortalTracing : CircuitHandler
{
    public const string InteractionName = "portal interaction";

    /// <summary>The same name as Blazor's source: its listeners are this one's too.</summary>
    private static readonly ActivitySource Components = new("Microsoft.AspNetCore.Components");

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => Components.HasListeners() ? next(context) : InRootActivityAsync(next, context);

    private static async Task InRootActivityAsync(Func<CircuitInboundActivityContext, Task> next, CircuitInboundActivityContext context)
    {
        var circuitRequest = Activity.Current;
        Activity.Current = null; // a root, not a child of the WebSocket's request (restored when this method returns)
        using var activity = new Activity(InteractionName);
        if (circuitRequest is not null) activity.AddLink(new ActivityLink(circuitRequest.Context));
        activity.Start();
        await next(context);
    }
}
