using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Projects;
using Platform.Contracts.Ticketing;
using Platform.Testing;
using Platform.Ticketing.Data;

namespace Platform.Ticketing.Tests;

/// <summary>The ticketing service in-process on its own database and virtual host, with a probe on the bus.</summary>
public sealed class TicketingFixture : IAsyncLifetime
{
    private IsolatedServers _servers = null!;

    public ServiceFactory<Program> Service { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public BusProbe Bus { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _servers = await IsolatedServers.CreateAsync("ticketing");
        Bus = await BusProbe.StartAsync(_servers, typeof(TicketCreated), typeof(TicketStatusChanged), typeof(TicketPromotedToProject));
        Service = new ServiceFactory<Program>(_servers.ServiceConfiguration("Ticketing", "ticketing"));
        Http = Service.CreateClient();
        // Ready means the database is migrated and the bus is connected (its queues exist).
        await Eventually.GetAsync(() => Http.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
    }

    public async Task<T> WithDbAsync<T>(Func<TicketingDbContext, Task<T>> action)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TicketingDbContext>());
    }

    /// <summary>Announces a project as the projects service would, and waits until ticketing knows it.</summary>
    public async Task<(Guid Id, string Key)> KnownProjectAsync()
    {
        var id = Guid.NewGuid();
        var key = $"PRJ-{Random.Shared.Next(100_000, 999_999)}";
        await Bus.PublishAsync(new ProjectCreated(id, key, "Network refresh", "pm", DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.GetAsync(() => WithDbAsync(db => db.KnownProjects.AnyAsync(p => p.Id == id)), known => known);
        return (id, key);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
        await Bus.DisposeAsync();
        await _servers.DisposeAsync();
    }
}
