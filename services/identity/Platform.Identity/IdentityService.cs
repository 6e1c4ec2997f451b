using Platform.Data;
using Platform.Identity.Endpoints;
using Platform.Identity.Server;
using Platform.ServiceDefaults;

namespace Platform.Identity;

/// <summary>
/// What the identity service is made of, for Program.cs: the platform defaults, its database (users and roles,
/// OpenIddict's clients and tokens, the server keys, the Data Protection key ring) and the token server; then the
/// OpenID Connect endpoints (/connect/*) and the sign-in pages (/account/*).
/// </summary>
public static class IdentityService
{
    public static WebApplicationBuilder AddIdentityService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("identity");
        builder.Services.AddDbContext<IdentityStoreDbContext>(options => options
            .UseNpgsql(
                builder.Configuration.GetConnectionString("Identity")
                    ?? throw new InvalidOperationException("Connection string 'Identity' is not configured (ConnectionStrings__Identity)."),
                npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .UseOpenIddict());
        builder.Services.AddHealthChecks().AddDbContextCheck<IdentityStoreDbContext>("database", tags: ["ready"]);
        builder.AddTokenServer();
        return builder;
    }

    /// <summary>Migrates the database, makes sure of the clients, scopes and demo users, then maps the endpoints.</summary>
    public static async Task MapIdentityServiceAsync(this WebApplication app)
    {
        await app.MigrateDatabaseAsync<IdentityStoreDbContext>();
        await app.InitializeIdentityAsync();
        app.MapDefaultEndpoints();
        app.UseAntiforgery();
        app.MapConnectEndpoints();
        app.MapAccountEndpoints();
    }
}
