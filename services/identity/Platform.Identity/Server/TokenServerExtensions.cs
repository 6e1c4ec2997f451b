using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Platform.Identity.Seeding;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Server;

public static class TokenServerExtensions
{
    /// <summary>
    /// ASP.NET Core Identity (users, roles, the sign-in cookie) and the OpenIddict server with its EF Core stores:
    /// password, client credentials, authorization code (PKCE required) and refresh token flows.
    /// </summary>
    public static WebApplicationBuilder AddTokenServer(this WebApplicationBuilder builder)
    {
        var settings = IdentitySettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServerKeyRing>();
        builder.Services.AddScoped<Principals>();
        builder.Services.AddAntiforgery();
        builder.Services.AddAuthorization();

        // One key ring for every replica: the sign-in cookie and antiforgery tokens are readable by all of them.
        builder.Services.AddDataProtection().SetApplicationName("platform-identity");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, services) => options.XmlRepository = new DatabaseXmlRepository(services));

        builder.Services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                // The cookie principal speaks the same claim names as the tokens.
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
                options.ClaimsIdentity.EmailClaimType = Claims.Email;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                // User names are people's ids (PersonIds: letters of any script…), checked by the directory.
                options.User.AllowedUserNameCharacters = "";
                // "Confirmed" is "active": a deactivated person cannot sign in (password grant, login page, refresh).
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<IdentityStoreDbContext>();
        builder.Services.AddScoped<IUserConfirmation<ApplicationUser>, ActiveUserConfirmation>();
        // A sign-in cookie is checked against the person's security stamp on every request (identity's pages are few
        // and rare): signing out ends it in every browser at once, and so does deactivating a leaver.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "platform.identity";
            options.LoginPath = "/account/login";
            options.LogoutPath = "/connect/endsession";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            // Relative redirects: behind the gateway the request's Host is the service's own, not the public one.
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect(LocalPart(context.RedirectUri));
                return Task.CompletedTask;
            };
        });

        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityStoreDbContext>())
            .AddServer(options =>
            {
                options.SetIssuer(settings.Issuer!);
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession");
                // Discovery (.well-known/openid-configuration) and JWKS (.well-known/jwks) keep their default paths.

                options.AllowPasswordFlow()
                    .AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow();
                options.RequireProofKeyForCodeExchange();
                // S256 only: "plain" would hand the verifier to anyone who sees the authorization request.
                options.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess);
                options.RegisterScopes([.. PlatformNames.ApiScopes.Select(s => s.Name), PlatformNames.ScimScope]);
                options.RegisterClaims(Claims.Name, Claims.PreferredUsername, Claims.Email, Claims.Role, Claims.Scope, Claims.ClientId);
                options.SetAccessTokenLifetime(settings.AccessTokenLifetime);

                // Plain signed JWTs (RS256): any JwtBearer resource server validates them from the discovery document.
                options.DisableAccessTokenEncryption();

                options.AddEventHandler(UseIssuerAsBaseUri.Descriptor);
                options.AddEventHandler(RejectScopesNotPermitted.Descriptor);

                var host = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!settings.RequireHttps) host.DisableTransportSecurityRequirement();
            })
            // Identity's own APIs (/api/users, /api/people, /scim/v2) accept its access tokens, checked against the token
            // store on every request: a revoked token (a deactivated person's) stops working at once.
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.EnableTokenEntryValidation();
                options.EnableAuthorizationEntryValidation();
                options.UseAspNetCore();
            });

        // The keys live in the database, which is only reachable once the host is built and migrated: OpenIddict
        // reads them from the key ring when it first resolves its options (InitializeIdentityAsync loads them before).
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<ServerKeyRing>((options, keys) =>
        {
            options.SigningCredentials.Add(new SigningCredentials(keys.Signing, SecurityAlgorithms.RsaSha256));
            options.EncryptionCredentials.Add(new EncryptingCredentials(
                keys.Encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });

        return builder;
    }

    /// <summary>Loads (creating on first start) the server keys, then ensures the API scopes and the local-development data.</summary>
    public static async Task InitializeIdentityAsync(this WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
            await app.Services.GetRequiredService<ServerKeyRing>().LoadAsync(db, app.Services.GetRequiredService<TimeProvider>());
        }

        await DemoData.InitializeAsync(app.Services, app.Services.GetRequiredService<IdentitySettings>().Seed);
    }

    /// <summary>Only active people may sign in (ASP.NET Core Identity asks this when RequireConfirmedAccount is on).</summary>
    private sealed class ActiveUserConfirmation : IUserConfirmation<ApplicationUser>
    {
        public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
            Task.FromResult(user.Active && !user.Deleted);
    }

    private static string LocalPart(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : uri;
}
