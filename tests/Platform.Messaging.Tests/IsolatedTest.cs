namespace Platform.Messaging.Tests;

/// <summary>
/// A test class each of whose tests runs on its own database and virtual host (<see cref="IsolatedServers"/>), made
/// before the test and dropped after it.
/// </summary>
/// <param name="prefix">The servers' name prefix (the vhost, and the start of the database's name).</param>
/// <param name="database">The database's own name.</param>
public abstract class IsolatedTest(string prefix, string database) : IAsyncLifetime
{
    protected IsolatedServers Servers { get; private set; } = null!;

    /// <summary>The connection string of the test's database.</summary>
    protected string Database { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Servers = await IsolatedServers.CreateAsync(prefix);
        Database = Servers.Database(database);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Servers.DisposeAsync();
    }
}
