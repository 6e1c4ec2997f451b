using Platform.Contracts.People;

namespace Platform.Identity.Tests;

/// <summary>
/// One identity instance for the people directory's tests: a bus probe that sees its person events (started first, so
/// the demo seed's PersonJoined are seen too), an SMTP sink for set-password links, and Scim:GroupRoles mapping
/// "Help Desk Agents" to agent.
/// </summary>
public sealed class DirectoryFixture : IAsyncLifetime
{
    public const string GoodPassword = "Str0ng-Passw0rd!";
    public const string AgentsGroup = "Help Desk Agents";

    public IdentityDatabase Database { get; private set; } = null!;

    public IdentityInstance Service { get; private set; } = null!;

    public BusProbe Probe { get; private set; } = null!;

    public SmtpSink Smtp { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await IdentityDatabase.CreateAsync();
        Smtp = await SmtpSink.StartAsync();
        Database.Extra["Smtp:Host"] = Smtp.Host;
        Database.Extra["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Database.Extra["Smtp:Security"] = "None";
        Database.Extra[$"Scim:GroupRoles:{AgentsGroup}"] = "agent";
        Probe = await BusProbe.StartAsync(Database.Servers, typeof(PersonJoined), typeof(PersonChanged), typeof(PersonLeft));
        Service = await Database.StartAsync();
    }

    /// <summary>A fresh user name (letters and digits).</summary>
    public static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public async Task<string> AccessTokenAsync(string user, string password = IdentityInstance.Password, string scope = "openid profile roles") =>
        (await PasswordGrantAsync(user, password, scope)).EnsureSuccessStatusCode() is { } response
            ? (await response.ReadJsonAsync()).Str("access_token")
            : throw new InvalidOperationException();

    public Task<HttpResponseMessage> PasswordGrantAsync(string user, string password, string scope = "openid profile roles") =>
        Service.PasswordGrantAsync(user, password, scope);

    public async Task<HttpClient> ClientAsync(string user) => Service.NewClient(await AccessTokenAsync(user));

    /// <summary>An admin creates a user (with <see cref="GoodPassword"/>) and the test gets its JSON.</summary>
    public async Task<JsonElement> CreateUserAsync(string userName, string? displayName = null, string[]? roles = null,
        string? department = null, string? email = null)
    {
        using var admin = await ClientAsync("admin");
        var response = await admin.PostJsonAsync("/api/users", new
        {
            userName, displayName, email = email ?? $"{userName}@example.com", department, roles = roles ?? ["requester"], password = GoodPassword,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public async Task<string> ScimTokenAsync()
    {
        var response = await Service.TokenAsync(("grant_type", "client_credentials"), ("client_id", "scim-provisioner"),
            ("client_secret", "scim-secret"), ("scope", "scim"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).Str("access_token");
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Probe.DisposeAsync();
        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DirectoryCollection : ICollectionFixture<DirectoryFixture>
{
    public const string Name = "people directory";
}
