using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Platform.Ticketing.Tests;

/// <summary>
/// <c>--migrate</c> (PlatformService.RunAsync, shared by every service; deploy/k8s runs it as a Job per release): the
/// real ticketing process, started from its build output against a database that does not exist yet, applies every
/// migration and exits 0 without starting the web host, the bus or the jobs (the broker it is given is a closed port);
/// run again it finds nothing to do and exits 0; a database it cannot reach makes it exit 1.
/// </summary>
public sealed class MigrateModeTests : IAsyncLifetime
{
    private IsolatedServers _servers = null!;

    public async ValueTask InitializeAsync() => _servers = await IsolatedServers.CreateAsync("migrate");

    public async ValueTask DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task Migrate_mode_creates_every_table_on_a_fresh_database_and_exits_0_without_starting_the_service()
    {
        var connectionString = _servers.Database("ticketing");

        var (exitCode, output) = await RunMigrateAsync(connectionString);
        exitCode.ShouldBe(0, output);
        output.ShouldContain("--migrate: done");
        output.ShouldNotContain("Now listening on"); // the web host never started

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var tables = await TablesAsync(connection);
        tables.ShouldContain("tickets");
        tables.ShouldContain("outbox_messages");
        tables.ShouldContain("inbox_messages");
        tables.ShouldContain("idempotency_keys");
        tables.ShouldContain("__ef_migrations_history");
        await using (var command = new NpgsqlCommand("SELECT migration_id FROM __ef_migrations_history ORDER BY 1", connection))
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            var applied = new List<string>();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken)) applied.Add(reader.GetString(0));
            string.Join(", ", applied).ShouldBe(string.Join(", ", Migrations()), "every migration of the ticketing assembly is recorded as applied");
        }

        // Once more (the Job of the next release, or a retried Job): nothing pending, still 0.
        var (again, secondOutput) = await RunMigrateAsync(connectionString);
        again.ShouldBe(0, secondOutput);
        secondOutput.ShouldContain("0 pending migration(s)");
    }

    [Fact]
    public async Task Migrate_mode_exits_1_when_the_database_cannot_be_reached()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(_servers.Database("ticketing")) { Host = "127.0.0.1", Port = 1, Timeout = 3 };
        var (exitCode, output) = await RunMigrateAsync(unreachable.ConnectionString);
        exitCode.ShouldBe(1, output);
        output.ShouldContain("--migrate: migrating TicketingDbContext failed");
    }

    private static string[] Migrations() =>
    [
        .. typeof(TicketingDbContext).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(TicketingDbContext))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal),
    ];

    private static async Task<List<string>> TablesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) tables.Add(reader.GetString(0));
        return tables;
    }

    /// <summary>
    /// <c>dotnet Platform.Ticketing.dll --migrate</c> from the service's own build output (built with this test project),
    /// its settings in environment variables as a Kubernetes Job gives them.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> RunMigrateAsync(string connectionString)
    {
        var configuration = typeof(MigrateModeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(Repository.Root, "services", "ticketing", "Platform.Ticketing", "bin", configuration, "net10.0", "Platform.Ticketing.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is missing: build the solution (or this test project) first");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--migrate");
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "OTEL_EXPORTER_OTLP_ENDPOINT" })
            start.Environment.Remove(inherited);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Ticketing"] = connectionString;
        start.Environment["Database__MigrateOnStartup"] = "false"; // as the Deployments have it: --migrate migrates regardless
        // A broker nobody answers on: migrating must not need it.
        start.Environment["RabbitMq__Host"] = "127.0.0.1";
        start.Environment["RabbitMq__Port"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"--migrate did not exit within 2 minutes:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
