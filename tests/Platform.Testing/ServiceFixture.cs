using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.People;
using Platform.Data.People;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One service hosted in-process on a database and virtual host of its own, with a probe on the bus that sees
/// the given event types. Ready means migrated and connected to the broker.
/// </summary>
public abstract class ServiceFixture<TEntryPoint, TDbContext>(
    string connectionName, (string Subject, string Role) defaultCaller, params Type[] observed) : IAsyncLifetime
    where TEntryPoint : class
    where TDbContext : DbContext
{
    private IsolatedServers _servers = null!;

    public ServiceFactory<TEntryPoint> Service { get; private set; } = null!;

    /// <summary>A client signed in as the fixture's default caller.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The OpenID Connect provider the service trusts in this test.</summary>
    public TestTokenIssuer Tokens { get; private set; } = null!;
    public BusProbe Bus { get; private set; } = null!;

    /// <summary>The warnings and errors the service logged since it started.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The test's own database and virtual host (for queue depths, e.g. of the _error queues).</summary>
    public IsolatedServers Servers => _servers;

    public async ValueTask InitializeAsync()
    {
        var service = connectionName.ToLowerInvariant();
        _servers = await IsolatedServers.CreateAsync(service);
        Bus = await BusProbe.StartAsync(_servers, observed);
        Tokens = await TestTokenIssuer.StartAsync();
        var settings = _servers.ServiceConfiguration(connectionName, service);
        foreach (var (key, value) in Tokens.Settings) settings[key] = value;
        foreach (var (key, value) in ExtraSettings()) settings[key] = value;
        Service = new ServiceFactory<TEntryPoint>(settings, Logs);
        Http = As(defaultCaller.Subject, defaultCaller.Role);
        await Eventually.GetAsync(() => Http.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
    }

    /// <summary>Configuration a fixture adds to (or overrides in) the service's settings, e.g. a secret or an SMTP port.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    /// <summary>A client signed in as <paramref name="subject"/> with these roles and every API scope.</summary>
    public HttpClient As(string subject, params string[] roles) => WithToken(Tokens.Token(subject, roles));

    /// <summary>A client presenting this raw token (or none, when null).</summary>
    public HttpClient WithToken(string? token)
    {
        var client = Service.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private long _personVersion;

    /// <summary>
    /// Tells the service (as identity would, by <see cref="PersonJoined"/>) that a person exists, and waits until its
    /// copy of the directory has them. The service must keep a copy (a PeopleDirectoryConsumer).
    /// </summary>
    public async Task<string> JoinAsync(string userId, string[] roles, string? department = null, string? email = null, string? manager = null)
    {
        var version = Interlocked.Increment(ref _personVersion) + 1_000_000;
        await Bus.PublishAsync(new PersonJoined(userId, userId, $"Person {userId}", email, department, manager, roles, version, DateTimeOffset.UtcNow), Guid.NewGuid());
        await WaitForPersonAsync(userId, p => p.Version >= version);
        return userId;
    }

    /// <summary>Tells the service a person changed (the whole new state), and waits until its copy has it.</summary>
    public async Task ChangeAsync(string userId, string[] roles, string? department = null, string? email = null, string? manager = null)
    {
        var version = Interlocked.Increment(ref _personVersion) + 1_000_000;
        await Bus.PublishAsync(new PersonChanged(userId, userId, $"Person {userId}", email, department, manager, roles, ["roles", "department"], version, DateTimeOffset.UtcNow), Guid.NewGuid());
        await WaitForPersonAsync(userId, p => p.Version >= version);
    }

    /// <summary>Tells the service a person left (today), and waits until its copy has it.</summary>
    public async Task LeaveAsync(string userId, string? department = null)
    {
        var version = Interlocked.Increment(ref _personVersion) + 1_000_000;
        await Bus.PublishAsync(new PersonLeft(userId, userId, $"Person {userId}", department, DateOnly.FromDateTime(DateTime.UtcNow), version, DateTimeOffset.UtcNow), Guid.NewGuid());
        await WaitForPersonAsync(userId, p => p.Version >= version && !p.Active);
    }

    private async Task WaitForPersonAsync(string userId, Func<DirectoryPerson, bool> done)
    {
        var person = await Eventually.GetAsync(
            () => WithDbAsync(db => db.Set<DirectoryPerson>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId)),
            p => p is not null && done(p), TimeSpan.FromSeconds(30));
        if (person is null || !done(person)) throw new TimeoutException($"The service's people directory did not take in {userId} within 30 s.");
    }

    public async Task<T> WithDbAsync<T>(Func<TDbContext, Task<T>> action)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Http.Dispose();
        await Service.DisposeAsync();
        await Bus.DisposeAsync();
        await Tokens.DisposeAsync();
        await _servers.DisposeAsync();
    }
}
