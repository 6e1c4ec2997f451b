using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts.People;
using Platform.Data.People;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.People;

/// <summary>
/// A service whose copy of the people directory holds nobody identity has told it about asks identity, through its
/// outbox, to publish the directory again (<see cref="PeopleDirectorySyncRequested"/>): identity's events published
/// before this service's queue existed reached no one, and a request sent before identity's own queue existed reaches
/// no one either, so it asks again (after 15 s, 1 min and 5 min) until the copy fills.
/// </summary>
public sealed class PeopleDirectorySync<TDbContext>(IServiceScopeFactory scopes, string service) : BackgroundService
    where TDbContext : DbContext
{
    private static readonly TimeSpan[] Retries = [TimeSpan.Zero, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var wait in Retries)
        {
            await Task.Delay(wait, stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            try
            {
                if (await db.Set<DirectoryPerson>().AnyAsync(p => p.Version > 0, stoppingToken)) return;
                db.AddIntegrationEvent(new PeopleDirectorySyncRequested(service, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or TimeoutException)
            {
                // The database is away; the next round asks again.
            }
        }
    }
}
