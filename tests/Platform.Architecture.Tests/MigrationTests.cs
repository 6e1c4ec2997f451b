using Microsoft.EntityFrameworkCore;
using Platform.Assets.Data;
using Platform.Identity.Data;
using Platform.Notifications.Data;
using Platform.Projects.Data;
using Platform.Ticketing.Data;

namespace Platform.Architecture.Tests;

/// <summary>
/// Every change to a service's mapping comes with its migration: caught here, before a service refuses to start
/// (EF Core's migrate stops on pending model changes).
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<string> Databases() => ["ticketing", "projects", "assets", "notifications", "identity"];

    [Theory]
    [MemberData(nameof(Databases))]
    public void The_mapping_has_no_changes_without_a_migration(string service)
    {
        using var db = ServiceDbContexts.Create(service);
        db.Database.GetMigrations().ShouldNotBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse($"{service}: the model differs from its last migration's snapshot; add a migration (dotnet ef migrations add).");
    }
}

/// <summary>Each service's DbContext, configured as ServiceDatabaseExtensions.AddServiceDatabase configures it (no connection is opened).</summary>
internal static class ServiceDbContexts
{
    public static DbContext Create(string service) => service switch
    {
        "ticketing" => new TicketingDbContext(Options<TicketingDbContext>()),
        "projects" => new ProjectsDbContext(Options<ProjectsDbContext>()),
        "assets" => new AssetsDbContext(Options<AssetsDbContext>()),
        "notifications" => new NotificationsDbContext(Options<NotificationsDbContext>()),
        "identity" => new IdentityStoreDbContext(Options<IdentityStoreDbContext>(b => b.UseOpenIddict())),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    private static DbContextOptions<T> Options<T>(Action<DbContextOptionsBuilder<T>>? more = null) where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>()
            .UseNpgsql("Host=localhost;Database=unused", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        more?.Invoke(builder);
        return builder.Options;
    }
}
