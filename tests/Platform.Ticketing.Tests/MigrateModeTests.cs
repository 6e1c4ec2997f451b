using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Platform.Ticketing.Tests;

/// <summary>
/// <c>--migrate</c> (PlatformService.RunAsync, shared by every service; deploy/k8s runs it as a Job per release): the
/// real ticketing process, started from its build output against a database that does not exist yet, applies every
/// migration and exits 0 without starting the web host, the bus or the jobs (the broker it is given is a closed port);
/// run again it finds nothing to do and exits 0; a database it cannot reach makes it exit 1. And
/// <c>--wait-for-migrations</c> (each replica's init container) waits until that has happened, then exits 0.
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

    [Fact]
    public async Task Wait_mode_waits_while_migrations_are_pending_and_exits_0_once_the_migrate_job_has_run()
    {
        var connectionString = _servers.Database("ticketing"); // not even created yet: the Job will
        using var waiting = Start("--wait-for-migrations", connectionString, ("Database__WaitForMigrationsTimeout", "00:02:00"));
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        waiting.HasExited.ShouldBeFalse($"--wait-for-migrations exited before any migration ran:\n{waiting.Output}");

        var (migrated, migrateOutput) = await RunMigrateAsync(connectionString);
        migrated.ShouldBe(0, migrateOutput);

        var (exitCode, output) = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        exitCode.ShouldBe(0, output);
        output.ShouldContain("--wait-for-migrations: TicketingDbContext has every migration");
        output.ShouldNotContain("Now listening on");
    }

    [Fact]
    public async Task Wait_mode_exits_1_when_the_migrations_never_come()
    {
        using var waiting = Start("--wait-for-migrations", _servers.Database("ticketing"), ("Database__WaitForMigrationsTimeout", "00:00:03"));
        var (exitCode, output) = await waiting.WaitAsync(TimeSpan.FromMinutes(1));
        exitCode.ShouldBe(1, output);
        output.ShouldContain("still not migrated after");
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

    private static Task<(int ExitCode, string Output)> RunMigrateAsync(string connectionString) =>
        Start("--migrate", connectionString).WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>
    /// <c>dotnet Platform.Ticketing.dll {mode}</c> from the service's own build output (built with this test project),
    /// its settings in environment variables as a Kubernetes Job or init container gives them.
    /// </summary>
    private static ServiceRun Start(string mode, string connectionString, params (string Key, string Value)[] settings)
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
        start.ArgumentList.Add(mode);
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "OTEL_EXPORTER_OTLP_ENDPOINT" })
            start.Environment.Remove(inherited);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Ticketing"] = connectionString;
        start.Environment["Database__MigrateOnStartup"] = "false"; // as the Deployments have it: --migrate migrates regardless
        // A broker nobody answers on: neither mode may need it.
        start.Environment["RabbitMq__Host"] = "127.0.0.1";
        start.Environment["RabbitMq__Port"] = "1";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        return new ServiceRun(Process.Start(start)!);
    }

    private sealed class ServiceRun : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        public ServiceRun(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public string Output { get { lock (_output) return _output.ToString(); } }

        public async Task<(int ExitCode, string Output)> WaitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{string.Join(' ', _process.StartInfo.ArgumentList)} did not exit within {timeout}:\n{Output}");
            }

            _process.WaitForExit(); // the output's last lines
            return (_process.ExitCode, Output);
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
