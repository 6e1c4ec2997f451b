using Microsoft.AspNetCore.Authorization;
using OpenIddict.Validation.AspNetCore;
using Platform.Data;
using Platform.Identity.Endpoints;
using Platform.Identity.Features.People;
using Platform.Identity.Features.Scim;
using Platform.Identity.Features.Users;
using Platform.Identity.Server;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Identity;

/// <summary>
/// What the identity service is made of, for Program.cs: the platform defaults, its database (users and roles,
/// OpenIddict's clients and tokens, the server keys, the Data Protection key ring, the outbox) and the token server;
/// the people directory (<see cref="UserDirectory"/>) with its admin API, people search and SCIM 2.0 provisioning;
/// then the OpenID Connect endpoints (/connect/*) and the sign-in pages (/account/*).
/// </summary>
public static class IdentityService
{
    /// <summary>Builds, maps and runs the service (<see cref="PlatformService.RunAsync"/>): its Program.cs, and the all-in-one host.</summary>
    public static Task RunAsync(string[] args) => PlatformService.RunAsync(args, builder => builder.AddIdentityService(), app => app.MapIdentityServiceAsync());

    public static WebApplicationBuilder AddIdentityService(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("identity");
        builder.Services.AddApiDocs(IdentityApiDocs.Docs);
        var connectionString = builder.Configuration.GetConnectionString("Identity")
            ?? throw new InvalidOperationException("Connection string 'Identity' is not configured (ConnectionStrings__Identity).");
        // The service database as AddServiceDatabase registers it, without the audit trail: its rows are password
        // hashes and tokens, which no audit entry may copy. The outbox's interceptor comes with AddServiceBus.
        builder.Services.AddSingleton(new ServiceDatabase(typeof(IdentityStoreDbContext)));
        builder.Services.AddDbContext<IdentityStoreDbContext>((sp, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetServices<ServiceDatabaseInterceptor>().Select(i => i.Interceptor))
            .UseOpenIddict());
        builder.Services.AddHealthChecks().AddDbContextCheck<IdentityStoreDbContext>("database", tags: ["ready"]);
        builder.AddTokenServer();
        // The person events go out through the outbox; a service whose copy is empty asks for all of them again.
        builder.AddServiceBus("identity", bus => bus.AddConsumer<Consumers.PeopleDirectorySyncConsumer>());

        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddSingleton<GroupRoles>();
        builder.Services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.Section))
            .PostConfigure(o => o.FallBackTo(builder.Configuration.GetSection("Email")));
        builder.Services.AddScoped<PasswordLinks>();
        builder.Services.AddAuthorization(AddPolicies);
        return builder;
    }

    /// <summary>Migrates the database, makes sure of the clients, scopes and demo users, then maps the endpoints.</summary>
    public static async Task MapIdentityServiceAsync(this WebApplication app)
    {
        await MigrateAsync(app);
        await app.InitializeIdentityAsync();
        app.MapDefaultEndpoints();
        // Idempotency-Key on the authenticated POSTs (users, SCIM), as in every service; the OpenID Connect and
        // sign-in endpoints are anonymous and left alone.
        app.UseIdempotencyKeys<IdentityStoreDbContext>();
        app.UseAntiforgery();
        app.MapConnectEndpoints();
        app.MapAccountEndpoints();
        app.MapPasswordLinkPages();
        app.MapUserEndpoints();
        app.MapPeopleEndpoints();
        app.MapScimEndpoints();
    }

    /// <summary>
    /// Migrates as every service does, tolerating a replica that migrates at the same moment: EF Core's migration lock
    /// is held per migration, so two starting replicas can both try the same later migration; the loser's DDL fails on
    /// the object the winner made, and once the winner has committed there is nothing left to apply.
    /// </summary>
    private static async Task MigrateAsync(WebApplication app)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await app.MigrateDatabaseAsync<IdentityStoreDbContext>();
                return;
            }
            catch (Npgsql.PostgresException e) when (attempt < 5 && e.SqlState is Npgsql.PostgresErrorCodes.DuplicateColumn
                or Npgsql.PostgresErrorCodes.DuplicateTable or Npgsql.PostgresErrorCodes.DuplicateObject or Npgsql.PostgresErrorCodes.UniqueViolation)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>Identity's own APIs take its access tokens (OpenIddict validation), not the sign-in cookie.</summary>
    private static void AddPolicies(AuthorizationOptions options)
    {
        const string bearer = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        options.AddPolicy(IdentityPolicies.UsersAdmin, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser()
            .RequireRole(Roles.Admin));
        options.AddPolicy(IdentityPolicies.People, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser());
        // OpenIddict keeps a validated token's scopes as its own claims (oi_scp); its HasScope reads them.
        options.AddPolicy(IdentityPolicies.Scim, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser()
            .RequireAssertion(c => OpenIddict.Abstractions.OpenIddictExtensions.HasScope(c.User, PlatformNames.ScimScope)));
    }
}

public static class IdentityPolicies
{
    /// <summary>The admin API (/api/users): admins.</summary>
    public const string UsersAdmin = "users:admin";

    /// <summary>People search (/api/people): anyone signed in as a person.</summary>
    public const string People = "people";

    /// <summary>SCIM 2.0 (/scim/v2): a provisioning client with the scim scope.</summary>
    public const string Scim = "scim";
}
