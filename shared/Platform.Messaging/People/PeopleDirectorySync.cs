using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts.People;
using Platform.Data.People;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.People;

/// <summary>
/// On start-up, a service whose copy of the people directory holds nobody identity has told it about asks identity,
/// through its outbox, to publish the directory again (<see cref="PeopleDirectorySyncRequested"/>). Identity's events
/// published before this service's queue existed reached no one; this is how the copy fills on a first start.
/// </summary>
public sealed class PeopleDirectorySync<TDbContext>(IServiceScopeFactory scopes, string service) : IHostedService
    where TDbContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        if (await db.Set<DirectoryPerson>().AnyAsync(p => p.Version > 0, cancellationToken)) return;
        var since = DateTimeOffset.UtcNow.AddMinutes(-5);
        var type = EventTypes.NameOf(typeof(PeopleDirectorySyncRequested));
        // A service restarting in a loop asks once, not once per start.
        if (await db.Set<OutboxMessage>().AnyAsync(m => m.Type == type && m.CreatedAt > since, cancellationToken)) return;
        db.AddIntegrationEvent(new PeopleDirectorySyncRequested(service, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
