using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Platform.Portal.Auth;

/// <summary>
/// The services of the Blazor circuit that is handling the current inbound activity. IHttpClientFactory builds message
/// handlers in a scope of its own, so a handler reaches the signed-in person's circuit (and so their session) through
/// this (the pattern of "access server-side Blazor services from a different DI scope").
/// </summary>
public sealed class CircuitServices
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

public sealed class CircuitServicesHandler(IServiceProvider services, CircuitServices accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
