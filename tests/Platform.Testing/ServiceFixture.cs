using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One service hosted in-process on a database and virtual host of its own, with a probe on the bus that sees
/// the given event types. Ready means migrated and connected to the broker.
/// </summary>
public abstract class ServiceFixture<TEntryPoint, TDbContext>(string connectionName, params Type[] observed) : IAsyncLifetime
    where TEntryPoint : class
    where TDbContext : DbContext
{
    private IsolatedServers _servers = null!;

    public ServiceFactory<TEntryPoint> Service { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public BusProbe Bus { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var service = connectionName.ToLowerInvariant();
        _servers = await IsolatedServers.CreateAsync(service);
        Bus = await BusProbe.StartAsync(_servers, observed);
        Service = new ServiceFactory<TEntryPoint>(_servers.ServiceConfiguration(connectionName, service));
        Http = Service.CreateClient();
        await Eventually.GetAsync(() => Http.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
    }

    public async Task<T> WithDbAsync<T>(Func<TDbContext, Task<T>> action)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
        await Bus.DisposeAsync();
        await _servers.DisposeAsync();
    }
}
