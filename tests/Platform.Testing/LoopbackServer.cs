using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// A real HTTP server (Kestrel) on a free loopback port, for what the tests put beside the platform: the token
/// provider, webhook receivers, an echo service behind the gateway. Quiet (no logging); disposing stops it.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private LoopbackServer(WebApplication app)
    {
        App = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.TrimEnd('/') + "/");
    }

    public WebApplication App { get; }

    /// <summary>Where it listens, with a trailing slash: http://127.0.0.1:port/.</summary>
    public Uri Address { get; }

    /// <summary>Builds the server, lets <paramref name="map"/> add its endpoints, and starts it.</summary>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LoopbackServer(app);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
