using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts.Ticketing;
using Platform.Data;
using Platform.Messaging;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.Tests;

public sealed class Note
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Text { get; init; }
}

/// <summary>A stand-in service database: one table of its own plus the outbox and inbox.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().ToTable("notes");
        modelBuilder.AddPlatformTables();
    }
}

/// <summary>Writes a note per TicketCreated; a title of "poison" always fails.</summary>
public sealed class NoteConsumer(TestDbContext db) : IdempotentConsumer<TicketCreated, TestDbContext>(db)
{
    protected override Task HandleAsync(TicketCreated message, CancellationToken ct)
    {
        if (message.Title == "poison") throw new InvalidOperationException("cannot digest this");
        Db.Notes.Add(new Note { Text = message.TicketKey });
        return Task.CompletedTask;
    }
}

/// <summary>A generic host using Platform.Messaging exactly as a service does, on a test's database and vhost.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<MessagingHost> StartAsync(
        IsolatedServers servers, string connectionString, bool dispatcher = true, bool consumer = false,
        IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null,
        Action<IBusRegistrationConfigurator>? bus = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = servers.ServiceConfiguration("Test", "unused");
        settings["ConnectionStrings:Test"] = connectionString;
        settings["Outbox:DispatcherEnabled"] = dispatcher.ToString();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);

        builder.AddServiceDatabase<TestDbContext>("Test");
        builder.AddServiceBus("msgtest", configurator =>
        {
            if (consumer) configurator.AddConsumer<NoteConsumer>();
            bus?.Invoke(configurator);
        });

        services?.Invoke(builder.Services);
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // A test-only schema: the services themselves always migrate.
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        if (consumer || dispatcher || bus is not null)
        {
            var control = host.Services.GetRequiredService<IBusControl>();
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            if (overrides?.ContainsKey("RabbitMq:Port") != true) await control.WaitForHealthStatus(BusHealthStatus.Healthy, ready.Token);
        }

        return new MessagingHost(host);
    }

    /// <summary>Writes a note and its event in one SaveChanges, as a request handler would.</summary>
    public async Task<Guid> WriteAsync(string key, string title = "t", string? assetTag = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        db.Notes.Add(new Note { Text = "written " + key });
        var row = db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), key, title, "alice", "hardware", "P3", DateTimeOffset.UtcNow, assetTag));
        await db.SaveChangesAsync();
        return row.Id;
    }

    public async Task<T> WithDbAsync<T>(Func<TestDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await _host.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        _host.Dispose();
    }
}
