using System.Text.Json;
using Npgsql;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Seeding;

/// <summary>
/// What the token server needs in its database: the API scopes (always), and — when Identity:Seed is on and no
/// user exists yet — the LOCAL-DEVELOPMENT demo users, roles and clients. Every password and secret below is a
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
    public static readonly (string UserName, string Role)[] Users =
    [
        ("alice", "requester"), ("erin", "requester"), ("bob", "agent"),
        ("carol", "pmo-analyst"), ("dave", "pso-staff"), ("admin", "admin"),
    ];

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
            if (seedDemoData && !await db.Users.AnyAsync(ct))
            {
                await SeedUsersAsync(sp.GetRequiredService<RoleManager<IdentityRole>>(), sp.GetRequiredService<UserManager<IdentityUser>>());
                LogSeeded(logger, Users.Length);
            }
            if (seedDemoData) await SeedClientsAsync(sp.GetRequiredService<IOpenIddictApplicationManager>(), ct);

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
        foreach (var (name, displayName) in PlatformNames.ApiScopes)
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

    private static async Task SeedUsersAsync(RoleManager<IdentityRole> roles, UserManager<IdentityUser> users)
    {
        foreach (var role in Roles)
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), role);

        foreach (var (userName, role) in Users)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var user = new IdentityUser(userName) { Id = userName, Email = $"{userName}@platform.local", EmailConfirmed = true };
            Check(await users.CreateAsync(user, Password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
        }
    }

    private static async Task SeedClientsAsync(IOpenIddictApplicationManager applications, CancellationToken ct)
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
            Properties = { [PlatformNames.ClientRolesProperty] = JsonSerializer.SerializeToElement(new[] { PlatformNames.IntegrationRole }) },
        };
        monitoring.Permissions.UnionWith([
            Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials,
            Permissions.Prefixes.Scope + PlatformNames.TicketsScope, Permissions.Prefixes.Scope + PlatformNames.NotificationsScope]);

        // The browser front end: authorization code with PKCE, no consent screen.
        var web = new OpenIddictApplicationDescriptor
        {
            ClientId = WebClient,
            DisplayName = "Platform web",
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            RedirectUris = { new Uri("http://127.0.0.1:5000/signin-callback"), new Uri("http://localhost:5173/callback") },
            PostLogoutRedirectUris = { new Uri("http://127.0.0.1:5000/"), new Uri("http://localhost:5173/") },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        web.Permissions.UnionWith([
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code, .. userScopes]);

        foreach (var client in new[] { cli, monitoring, web })
        {
            if (await applications.FindByClientIdAsync(client.ClientId!, ct) is not { } existing)
            {
                await applications.CreateAsync(client, ct);
                continue;
            }
            // A database seeded by an earlier version: grant the demo clients the scopes added since (secrets untouched).
            var current = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(current, existing, ct);
            if (current.Permissions.IsSupersetOf(client.Permissions)) continue;
            current.Permissions.UnionWith(client.Permissions);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance seeded the identity database at the same time; keeping its rows")]
    private static partial void LogConcurrentSeed(ILogger logger);
}
