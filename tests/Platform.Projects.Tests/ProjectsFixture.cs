using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Projects;
using Platform.Projects.Data;
using Platform.Testing;

namespace Platform.Projects.Tests;

/// <summary>The projects service in-process on its own database and virtual host, with a probe on the bus.</summary>
public sealed class ProjectsFixture : IAsyncLifetime
{
    private IsolatedServers _servers = null!;

    public ServiceFactory<Program> Service { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public BusProbe Bus { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _servers = await IsolatedServers.CreateAsync("projects");
        Bus = await BusProbe.StartAsync(_servers, typeof(ProjectCreated), typeof(ProjectIssueCreated),
            typeof(ProjectIssueResolved), typeof(ProjectIssueReopened), typeof(TicketPromotionRejected));
        Service = new ServiceFactory<Program>(_servers.ServiceConfiguration("Projects", "projects"));
        Http = Service.CreateClient();
        await Eventually.GetAsync(() => Http.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
    }

    public async Task<T> WithDbAsync<T>(Func<ProjectsDbContext, Task<T>> action)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ProjectsDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
        await Bus.DisposeAsync();
        await _servers.DisposeAsync();
    }
}
