using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Data.People;
using Platform.ServiceDefaults;

namespace Platform.Data;

/// <summary>
/// What every data-owning service starts with, so that its own <c>Add&lt;Service&gt;()</c> and
/// <c>Map&lt;Service&gt;Async()</c> hold only what is its own, and Program.cs is one line.
/// </summary>
public static class PlatformService
{
    /// <summary>
    /// Builds, maps and runs a service: <paramref name="add"/> registers it (<c>builder.AddTicketing()</c>),
    /// <paramref name="map"/> migrates and maps it (<c>app.MapTicketingAsync()</c>).
    /// </summary>
    /// <remarks>
    /// With <see cref="MigrateArgument"/> (<c>dotnet Platform.Ticketing.dll --migrate</c>) the service only applies its
    /// EF Core migrations and exits (0 when done, 1 when they failed): the web host, the bus and the background jobs
    /// never start. Kubernetes runs it once per release as a Job (deploy/k8s), and the replicas start with
    /// Database:MigrateOnStartup=false.
    /// </remarks>
    public static async Task RunAsync(string[] args, Action<WebApplicationBuilder> add, Func<WebApplication, Task> map)
    {
        var migrateOnly = args.Contains(MigrateArgument, StringComparer.Ordinal);
        var waitOnly = args.Contains(WaitForMigrationsArgument, StringComparer.Ordinal);
        // Taken out before the command-line configuration sees them: "--migrate" followed by another argument would
        // otherwise be read as the key "migrate" with that argument as its value.
        var builder = WebApplication.CreateBuilder(args.Where(a => a is not MigrateArgument and not WaitForMigrationsArgument).ToArray());
        add(builder);
        await using var app = builder.Build();
        StartupTimeline.Mark("host built");
        if (migrateOnly || waitOnly)
        {
            Environment.ExitCode = migrateOnly ? await MigrateOnlyAsync(app) : await WaitForMigrationsAsync(app);
            return;
        }

        await map(app);
        StartupTimeline.Mark("mapped");
        app.Lifetime.ApplicationStarted.Register(() => StartupTimeline.Mark("listening"));
        await app.RunAsync();
    }

    /// <summary>The command-line switch that makes a service apply its migrations and exit.</summary>
    public const string MigrateArgument = "--migrate";

    /// <summary>
    /// The command-line switch that makes a service wait until its database has every migration the service knows,
    /// then exit 0 (1 after Database:WaitForMigrationsTimeout, 10 minutes by default). Kubernetes runs it as the init
    /// container of each replica, so that a new version starts only once its release's migration Job has run.
    /// </summary>
    public const string WaitForMigrationsArgument = "--wait-for-migrations";

    /// <summary>Polls the pending migrations every 2 s (a database not reachable yet counts as pending) until there are none.</summary>
    public static async Task<int> WaitForMigrationsAsync(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Migrate");
        var database = app.Services.GetService<ServiceDatabase>();
        if (database is null)
        {
            MigrateLog.NoDatabase(log);
            return 1;
        }

        var timeout = app.Configuration.GetValue("Database:WaitForMigrationsTimeout", TimeSpan.FromMinutes(10));
        var deadline = DateTimeOffset.UtcNow + timeout;
        string? last = null;
        while (true)
        {
            string state;
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.DbContextType);
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                if (pending.Count == 0)
                {
                    MigrateLog.Current(log, database.DbContextType.Name);
                    return 0;
                }

                state = $"{pending.Count} pending migration(s): {string.Join(", ", pending)}";
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
            {
                state = $"database not reachable ({e.GetType().Name}: {e.Message})";
            }

            if (state != last) MigrateLog.Waiting(log, database.DbContextType.Name, state);
            last = state;
            if (DateTimeOffset.UtcNow >= deadline)
            {
                MigrateLog.GaveUp(log, database.DbContextType.Name, timeout, state);
                return 1;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>
    /// Applies the service database's pending migrations (the DbContext named by <see cref="ServiceDatabase"/>) and
    /// answers the process's exit code. Database:MigrateOnStartup does not apply here: asking for --migrate is asking.
    /// </summary>
    public static async Task<int> MigrateOnlyAsync(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Migrate");
        var database = app.Services.GetService<ServiceDatabase>();
        if (database is null)
        {
            MigrateLog.NoDatabase(log);
            return 1;
        }

        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.DbContextType);
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            MigrateLog.Pending(log, pending.Count, database.DbContextType.Name, pending.Count == 0 ? "none" : string.Join(", ", pending));
            db.Database.SetCommandTimeout(ServiceDatabaseExtensions.MigrationCommandTimeout(app.Configuration));
            await db.Database.MigrateAsync();
            var applied = (await db.Database.GetAppliedMigrationsAsync()).Count();
            MigrateLog.Done(log, applied);
            return 0;
        }
        catch (Exception e)
        {
            MigrateLog.Failed(log, e, database.DbContextType.Name);
            return 1;
        }
    }

    /// <summary>
    /// The platform's defaults (telemetry, health, ProblemDetails, JSON), the service's OpenAPI words, bearer-token
    /// validation and the service's own database (<see cref="ServiceDatabaseExtensions.AddServiceDatabase{TDbContext}"/>).
    /// </summary>
    public static WebApplicationBuilder AddPlatformService<TDbContext>(this WebApplicationBuilder builder, string name,
        string connectionName, ApiDocs docs) where TDbContext : DbContext
    {
        builder.AddServiceDefaults(name);
        builder.Services.AddApiDocs(docs);
        builder.AddPlatformAuth();
        builder.AddServiceDatabase<TDbContext>(connectionName);
        if (builder.Configuration["People:DirectoryApi"] is { Length: > 0 } directory)
            builder.Services.AddHttpClient<PeopleLookup>(http =>
            {
                http.BaseAddress = new Uri(directory.EndsWith('/') ? directory : directory + "/");
                http.Timeout = TimeSpan.FromSeconds(5);
            });
        return builder;
    }

    /// <summary>
    /// Migrates the service's database, then maps health, OpenAPI, Idempotency-Key on every POST and, where the service
    /// keeps a copy of the people directory, People:LearnFromTokens.
    /// </summary>
    public static async Task MapPlatformServiceAsync<TDbContext>(this WebApplication app) where TDbContext : DbContext
    {
        await app.MigrateDatabaseAsync<TDbContext>();
        StartupTimeline.Mark("migrated");
        app.MapDefaultEndpoints();
        app.UseIdempotencyKeys<TDbContext>();
        using (var scope = app.Services.CreateScope())
            if (scope.ServiceProvider.GetRequiredService<TDbContext>().Model.FindEntityType(typeof(DirectoryPerson)) is not null)
                app.LearnPeopleFromTokens<TDbContext>();
    }
}

internal static partial class MigrateLog
{
    [LoggerMessage(LogLevel.Error, "--migrate: this service registers no service database (AddServiceDatabase); nothing to migrate")]
    public static partial void NoDatabase(ILogger log);

    [LoggerMessage(LogLevel.Information, "--migrate: {Count} pending migration(s) for {DbContext}: {Migrations}")]
    public static partial void Pending(ILogger log, int count, string dbContext, string migrations);

    [LoggerMessage(LogLevel.Information, "--migrate: done, {Applied} migration(s) applied in all; exiting")]
    public static partial void Done(ILogger log, int applied);

    [LoggerMessage(LogLevel.Information, "--wait-for-migrations: {DbContext} has every migration; exiting")]
    public static partial void Current(ILogger log, string dbContext);

    [LoggerMessage(LogLevel.Information, "--wait-for-migrations: waiting for {DbContext}: {State}")]
    public static partial void Waiting(ILogger log, string dbContext, string state);

    [LoggerMessage(LogLevel.Error, "--wait-for-migrations: {DbContext} still not migrated after {Timeout}: {State}")]
    public static partial void GaveUp(ILogger log, string dbContext, TimeSpan timeout, string state);

    [LoggerMessage(LogLevel.Error, "--migrate: migrating {DbContext} failed")]
    public static partial void Failed(ILogger log, Exception exception, string dbContext);
}
