using System.Text.Json;
using Npgsql;
using Platform.Identity.Features.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Seeding;

/// <summary>
/// What the token server needs in its database: the API scopes and the portal's client (always), and — when
/// Identity:Seed is on and no user exists yet — the LOCAL-DEVELOPMENT demo users, roles and clients. Every password and secret below is a
/// local-development default, never to be used anywhere reachable by others; turn Identity:Seed off elsewhere.
/// Safe when several instances start at once: the work runs in one transaction under an advisory lock, and a
/// unique violation from a concurrent writer is tolerated.
/// </summary>
public static partial class DemoData
{
    /// <summary>Local-development password of every demo user.</summary>
    public const string Password = "Passw0rd!";

    /// <summary>Local-development secret of the monitoring-tool client.</summary>
    public const string MonitoringSecret = "monitoring-secret";

    public static readonly string[] Roles = ["requester", "agent", "pmo-analyst", "pso-staff", "admin"];

    /// <summary>Demo users; the user id is the user name, so "sub" is readable.</summary>
    public static readonly (string UserName, string Role, string DisplayName, string Department)[] Users =
    [
        ("alice", "requester", "Alice Anderson", "Sales"), ("erin", "requester", "Erin Evans", "Finance"),
        ("bob", "agent", "Bob Brown", "IT"), ("carol", "pmo-analyst", "Carol Clark", "PMO"),
        ("dave", "pso-staff", "Dave Davis", "PSO"), ("admin", "admin", "Administrator", "IT"),
    ];

    /// <summary>Local-development secret of the scim-provisioner client (an enterprise identity provider's provisioning).</summary>
    public const string ScimSecret = "scim-secret";

    public const string ScimClient = "scim-provisioner";

    public const string CliClient = "platform-cli";
    public const string MonitoringClient = "monitoring-tool";
    public const string WebClient = "platform-web";

    private const long LockKey = 0x1D_5EED;

    public static async Task InitializeAsync(IServiceProvider services, bool seedDemoData, CancellationToken ct = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoData).FullName!);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<IdentityStoreDbContext>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);

            await EnsureApiScopesAsync(sp.GetRequiredService<IOpenIddictScopeManager>(), ct);
            await EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
            if (seedDemoData && !await db.Users.AnyAsync(ct))
            {
                await SeedUsersAsync(sp.GetRequiredService<UserDirectory>(), ct);
                LogSeeded(logger, Users.Length);
            }
            // The portal's client always (a production identity runs without the demo seed, and the portal must sign
            // people in there too); the command-line, monitoring and SCIM clients with their well-known local secrets
            // only with the seed.
            await EnsureClientsAsync(sp.GetRequiredService<IOpenIddictApplicationManager>(), sp.GetRequiredService<IdentitySettings>().Issuer!,
                seedDemoData, ct);
            // Users of a database seeded before the people directory's events: announced once, so every copy fills.
            var announced = await sp.GetRequiredService<UserDirectory>().AnnounceUnannouncedAsync(ct);
            if (announced > 0) LogAnnounced(logger, announced);

            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance wrote the same rows first: what it wrote is what we wanted.
            LogConcurrentSeed(logger);
        }
    }

    private static async Task EnsureApiScopesAsync(IOpenIddictScopeManager scopes, CancellationToken ct)
    {
        foreach (var (name, displayName) in PlatformNames.ApiScopes.Append((PlatformNames.ScimScope, "SCIM 2.0 provisioning")))
        {
            if (await scopes.FindByNameAsync(name, ct) is not null) continue;
            await scopes.CreateAsync(new OpenIddictScopeDescriptor
            {
                Name = name,
                DisplayName = displayName,
                Resources = { PlatformNames.Audience },
            }, ct);
        }
    }

    /// <summary>The platform's roles exist in every database (the admin API and Scim:GroupRoles give them).</summary>
    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles)
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), role);
    }

    /// <summary>Through the directory, as any user is created: each demo user is announced (PersonJoined).</summary>
    private static async Task SeedUsersAsync(UserDirectory directory, CancellationToken ct)
    {
        foreach (var (userName, role, displayName, department) in Users)
        {
            var (_, failure) = await directory.CreateAsync(
                new PersonInput(userName, displayName, $"{userName}@platform.local", department, null, [role]), Password, ct);
            if (failure is { Kind: not DirectoryError.Duplicate })
                throw new InvalidOperationException($"Seeding '{userName}' failed: {failure.Message}");
        }
    }

    /// <param name="issuer">The gateway's public URL: the portal is served there at "/", so its redirect URIs derive from it.</param>
    private static async Task EnsureClientsAsync(IOpenIddictApplicationManager applications, Uri issuer, bool demo, CancellationToken ct)
    {
        string[] userScopes =
        [
            Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Scopes.Roles,
            .. PlatformNames.ApiScopes.Select(s => Permissions.Prefixes.Scope + s.Name),
        ];

        // Scripts and the command line: a public client with the password and refresh token grants.
        var cli = new OpenIddictApplicationDescriptor
        {
            ClientId = CliClient,
            DisplayName = "Platform command line and scripts",
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
        };
        cli.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken, .. userScopes]);

        // A third-party tool on its own behalf: client credentials, role "integration"; it raises tickets and
        // subscribes to events (webhooks, replay), nothing else.
        var monitoring = new OpenIddictApplicationDescriptor
        {
            ClientId = MonitoringClient,
            ClientSecret = MonitoringSecret,
            DisplayName = "Monitoring tool",
            ClientType = ClientTypes.Confidential,
            Properties = { [PlatformNames.ClientRolesProperty] = JsonSerializer.SerializeToElement(new[] { Platform.ServiceDefaults.Roles.Integration }) },
        };
        monitoring.Permissions.UnionWith([
            Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials,
            Permissions.Prefixes.Scope + Platform.ServiceDefaults.Scopes.Tickets, Permissions.Prefixes.Scope + Platform.ServiceDefaults.Scopes.Notifications]);

        // The browser front end: authorization code with PKCE, no consent screen. The portal (served through the
        // gateway at "/") signs in at {issuer}signin-oidc and comes back from signing out at {issuer}signout-callback-oidc;
        // the local development front ends' addresses are allowed only with the demo seed.
        var web = new OpenIddictApplicationDescriptor
        {
            ClientId = WebClient,
            DisplayName = "Platform web",
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            RedirectUris = { new Uri(issuer, "signin-oidc") },
            PostLogoutRedirectUris = { new Uri(issuer, "signout-callback-oidc"), issuer },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        if (demo)
        {
            web.RedirectUris.UnionWith([new Uri("http://127.0.0.1:5000/signin-callback"), new Uri("http://localhost:5173/callback")]);
            web.PostLogoutRedirectUris.UnionWith([new Uri("http://127.0.0.1:5000/"), new Uri("http://localhost:5173/")]);
        }
        web.Permissions.UnionWith([
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code, .. userScopes]);

        // An enterprise identity provider's provisioning (Entra ID, Okta…): client credentials, the scim scope only.
        var scim = new OpenIddictApplicationDescriptor
        {
            ClientId = ScimClient,
            ClientSecret = ScimSecret,
            DisplayName = "SCIM provisioning",
            ClientType = ClientTypes.Confidential,
        };
        scim.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + PlatformNames.ScimScope]);

        foreach (var client in demo ? new[] { cli, monitoring, web, scim } : [web])
        {
            if (await applications.FindByClientIdAsync(client.ClientId!, ct) is not { } existing)
            {
                await applications.CreateAsync(client, ct);
                continue;
            }
            // A database seeded by an earlier version (or under another issuer): grant the demo clients the scopes and
            // redirect URIs added since (secrets untouched).
            var current = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(current, existing, ct);
            if (current.Permissions.IsSupersetOf(client.Permissions) && current.RedirectUris.IsSupersetOf(client.RedirectUris)
                && current.PostLogoutRedirectUris.IsSupersetOf(client.PostLogoutRedirectUris)) continue;
            current.Permissions.UnionWith(client.Permissions);
            current.RedirectUris.UnionWith(client.RedirectUris);
            current.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
            await applications.UpdateAsync(existing, current, ct);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Seeding '{what}' failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} local-development users, their roles and the demo clients")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {Count} users never announced before (PersonJoined)")]
    private static partial void LogAnnounced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance seeded the identity database at the same time; keeping its rows")]
    private static partial void LogConcurrentSeed(ILogger logger);
}
