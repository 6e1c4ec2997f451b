using System.Net.Http.Headers;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Platform.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run against: the servers named by PLATFORM_TEST_POSTGRES,
/// PLATFORM_TEST_RABBITMQ and PLATFORM_TEST_RABBITMQ_MANAGEMENT (deploy/local/test.sh starts and names them),
/// or, when those are unset and Docker answers, containers started once per test run by Testcontainers.
/// With neither, tests fail with a message saying so; they are never skipped silently.
/// </summary>
public static class TestServers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ServerAddresses? _addresses;

    public static async Task<ServerAddresses> GetAsync()
    {
        if (_addresses is not null) return _addresses;
        await Gate.WaitAsync();
        try
        {
            return _addresses ??= await ResolveAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<ServerAddresses> ResolveAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_MANAGEMENT");
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(rabbit) && !string.IsNullOrWhiteSpace(management))
            return new ServerAddresses(postgres, new Uri(rabbit), new Uri(management));

        if (!DockerIsAvailable())
            throw new InvalidOperationException(
                "No test servers: set PLATFORM_TEST_POSTGRES, PLATFORM_TEST_RABBITMQ and PLATFORM_TEST_RABBITMQ_MANAGEMENT " +
                "(deploy/local/test.sh does), or run where a Docker engine is available for Testcontainers.");

        var pg = new PostgreSqlBuilder("postgres:16").WithUsername("platform").WithPassword("platform").Build();
        var mq = new RabbitMqBuilder("rabbitmq:3.13-management").WithUsername("platform").WithPassword("platform")
            .WithPortBinding(15672, true).Build();
        await Task.WhenAll(pg.StartAsync(), mq.StartAsync());
        var pgBuilder = new NpgsqlConnectionStringBuilder(pg.GetConnectionString()) { Database = null };
        var amqp = new UriBuilder(mq.GetConnectionString()) { Path = "/" }.Uri;
        var mgmt = new Uri($"http://platform:platform@{mq.Hostname}:{mq.GetMappedPublicPort(15672)}/");
        return new ServerAddresses(pgBuilder.ConnectionString, amqp, mgmt);
    }

    private static bool DockerIsAvailable() =>
        File.Exists("/var/run/docker.sock") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"));
}

public sealed record ServerAddresses(string Postgres, Uri RabbitMq, Uri RabbitMqManagement)
{
    /// <summary>A connection string to a database of its own (created by the service's migrations, or by the caller).</summary>
    public string DatabaseConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = database, Pooling = true }.ConnectionString;

    public async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(Postgres) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public string RabbitUser => Uri.UnescapeDataString(RabbitMq.UserInfo.Split(':')[0]);

    public string RabbitPassword => Uri.UnescapeDataString(RabbitMq.UserInfo.Split(':')[1]);

    /// <summary>Creates a virtual host of its own, so that tests running side by side never see each other's messages.</summary>
    public async Task CreateVirtualHostAsync(string vhost)
    {
        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{Uri.EscapeDataString(vhost)}", null)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/permissions/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(RabbitUser)}", permissions))
            .EnsureSuccessStatusCode();
    }

    public async Task DeleteVirtualHostAsync(string vhost)
    {
        using var http = ManagementClient();
        await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(vhost)}");
    }

    /// <summary>Messages waiting in a queue of a vhost (for the _error queue checks).</summary>
    public async Task<int> QueueDepthAsync(string vhost, string queue)
    {
        using var http = ManagementClient();
        var response = await http.GetAsync($"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode) return 0;
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.TryGetProperty("messages", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.Number ? m.GetInt32() : 0;
    }

    /// <summary>
    /// The MassTransit message ids of the messages waiting in a queue (at most <paramref name="count"/>), read at once
    /// (not from the broker's statistics, which lag) and left in the queue.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> PeekMessageIdsAsync(string vhost, string queue, int count = 100)
    {
        using var http = ManagementClient();
        var body = new StringContent($$"""{"count":{{count}},"ackmode":"ack_requeue_true","encoding":"auto"}""", Encoding.UTF8, "application/json");
        var response = await http.PostAsync($"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}/get", body);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var ids = new List<Guid>();
        foreach (var message in doc.RootElement.EnumerateArray())
        {
            using var envelope = System.Text.Json.JsonDocument.Parse(message.GetProperty("payload").GetString()!);
            if (envelope.RootElement.TryGetProperty("messageId", out var id) && id.TryGetGuid(out var guid)) ids.Add(guid);
        }
        return ids;
    }

    /// <summary>The exchanges a queue is bound to ("" is the default exchange every queue has).</summary>
    public async Task<IReadOnlyList<string>> QueueBindingSourcesAsync(string vhost, string queue)
    {
        using var http = ManagementClient();
        var response = await http.GetAsync($"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}/bindings");
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. doc.RootElement.EnumerateArray().Select(b => b.GetProperty("source").GetString()!)];
    }

    /// <summary>A queue's type as the broker reports it ("classic", "quorum"), or null when there is no such queue.</summary>
    public async Task<string?> QueueTypeAsync(string vhost, string queue)
    {
        using var http = ManagementClient();
        var response = await http.GetAsync($"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode) return null;
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
    }

    private HttpClient ManagementClient()
    {
        var baseUri = new UriBuilder(RabbitMqManagement) { UserName = "", Password = "" }.Uri;
        var user = Uri.UnescapeDataString(RabbitMqManagement.UserInfo.Split(':')[0]);
        var password = Uri.UnescapeDataString(RabbitMqManagement.UserInfo.Split(':')[1]);
        var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }
}

/// <summary>A database and a virtual host of one test class's own, removed afterwards.</summary>
public sealed class IsolatedServers : IAsyncDisposable
{
    private readonly List<string> _databases = [];

    private IsolatedServers(ServerAddresses servers, string name)
    {
        Servers = servers;
        VirtualHost = name;
        Name = name;
    }

    public ServerAddresses Servers { get; }

    public string Name { get; }

    public string VirtualHost { get; }

    public static async Task<IsolatedServers> CreateAsync(string prefix)
    {
        var servers = await TestServers.GetAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant();
        await servers.CreateVirtualHostAsync(name);
        return new IsolatedServers(servers, name);
    }

    /// <summary>A fresh database name of this test's own (the service creates it when it migrates).</summary>
    public string Database(string service)
    {
        var database = $"{Name}_{service}".ToLowerInvariant();
        _databases.Add(database);
        return Servers.DatabaseConnectionString(database);
    }

    /// <summary>Configuration for a service: its connection string and the broker on this test's virtual host.</summary>
    public Dictionary<string, string?> ServiceConfiguration(string connectionName, string service) => new()
    {
        [$"ConnectionStrings:{connectionName}"] = Database(service),
        ["RabbitMq:Host"] = Servers.RabbitMq.Host,
        ["RabbitMq:Port"] = Servers.RabbitMq.Port.ToString(),
        ["RabbitMq:VirtualHost"] = VirtualHost,
        ["RabbitMq:Username"] = Servers.RabbitUser,
        ["RabbitMq:Password"] = Servers.RabbitPassword,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            try { await Servers.DropDatabaseAsync(database); } catch (Exception) { /* best effort clean-up */ }
        }

        try { await Servers.DeleteVirtualHostAsync(VirtualHost); } catch (Exception) { /* best effort clean-up */ }
    }
}
