using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using MudBlazor.Services;
using Platform.Portal.Api;
using Platform.Portal.Auth;
using Platform.Portal.Components;
using Platform.Portal.Live;
using Platform.ServiceDefaults;
using Platform.Portal.Telemetry;

namespace Platform.Portal;

public static class PortalService
{
    /// <summary>Builds, maps and runs the portal: its Program.cs, and the all-in-one host.</summary>
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPortal();
        await using var app = builder.Build();
        app.MapPortal();
        await app.RunAsync();
    }

    /// <summary>The portal's languages (its resources and the language switch).</summary>
    public static readonly string[] Cultures = ["en", "ja"];

    /// <summary>Formats of dates and numbers: the languages' common regional variants, as the browser asks for them.</summary>
    private static readonly string[] FormatCultures = ["en", "en-US", "en-GB", "en-AU", "en-CA", "en-IE", "en-IN", "en-NZ", "en-SG", "ja", "ja-JP"];

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("portal");
        var settings = PortalSettings.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);

        // One key ring for every replica and every restart: cookies and sessions stay readable.
        builder.Services.AddDataProtection().SetApplicationName("platform-portal")
            .PersistKeysToFileSystem(Directory.CreateDirectory(Path.Combine(settings.DataDirectory!, "keys")));

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<UserClock>();
        builder.Services.AddScoped<PeopleNames>();
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(builder.Services, TimeProvider.System);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Portal:Attachments").Get<AttachmentLimits>() ?? new AttachmentLimits());

        AddSignIn(builder, settings);

        builder.Services.AddScoped<CircuitHandler, PortalTracing>();
        builder.Services.AddTransient<UserTokenHandler>();
        builder.Services.AddHttpClient<PlatformApi>(http => http.BaseAddress = settings.Gateway)
            .AddHttpMessageHandler<UserTokenHandler>();
        builder.Services.AddHttpClient(PortalSessions.RefreshClient);
        builder.Services.AddSingleton<PortalSessions>();
        builder.AddLiveUpdates();
        return builder;
    }

    /// <summary>
    /// A cookie session for the browser; OpenID Connect (authorization code + PKCE, public client) with identity for
    /// signing in; tokens kept in <see cref="PortalSessions"/>, never in the cookie.
    /// </summary>
    private static void AddSignIn(WebApplicationBuilder builder, PortalSettings settings)
    {
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "platform.portal";
                // A page whose [Authorize(Roles)] the person does not meet (a requester loading /queue) shows the portal's
                // not-found page, as anything else they may not see does, not the handler's /Account/AccessDenied.
                options.AccessDeniedPath = "/not-found";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = settings.SessionLifetime;
                options.SlidingExpiration = true;
                // The session's tokens are gone (signed out elsewhere, refresh refused): sign in again.
                options.Events.OnValidatePrincipal = async context =>
                {
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<PortalSessions>();
                    if (!await sessions.ExistsAsync(PortalSessions.SessionOf(context.Principal)))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = settings.Authority!.AbsoluteUri;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                options.ClientId = settings.ClientId;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.SaveTokens = false; // the tokens go to PortalSessions (OnTokenValidated), not into the cookie
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "role";
                options.Scope.Clear();
                foreach (var scope in settings.Scopes) options.Scope.Add(scope);
                options.CallbackPath = "/signin-oidc";
                options.SignedOutCallbackPath = "/signout-callback-oidc";
                options.SignedOutRedirectUri = "/";
                // Plain HTTP on loopback in local set-ups: the correlation and nonce cookies follow the request's scheme.
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events.OnTokenValidated = async context =>
                {
                    var response = context.TokenEndpointResponse
                        ?? throw new InvalidOperationException("The code flow answered without a token response.");
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<PortalSessions>();
                    var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                    var expiresIn = int.TryParse(response.ExpiresIn, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 300;
                    var id = await sessions.CreateAsync(new TokenSet(response.AccessToken, response.RefreshToken, response.IdToken,
                        clock.GetUtcNow().AddSeconds(expiresIn)), Roles.IdOf(context.Principal!), context.HttpContext.RequestAborted);
                    ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim(PortalSessions.SessionClaim, id));
                    sessions.Sweep();
                };
                options.Events.OnRedirectToIdentityProviderForSignOut = async context =>
                {
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<PortalSessions>();
                    var id = PortalSessions.SessionOf(context.HttpContext.User);
                    if (await sessions.GetAsync(id, context.HttpContext.RequestAborted) is { IdToken: { } idToken })
                        context.ProtocolMessage.IdTokenHint = idToken;
                    // Signing out ends the person's portal sessions in every browser; identity's end-session revokes
                    // their refresh tokens and its own sign-in everywhere.
                    sessions.Remove(id);
                    sessions.RemoveAllOf(Roles.IdOf(context.HttpContext.User));
                };
            });
        builder.Services.AddAuthorization();
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        // Behind the gateway: the public scheme and host (for the OIDC redirect URIs and links) come from its
        // X-Forwarded-* headers. The portal is reachable only through the gateway.
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        app.UseForwardedHeaders(forwarded);

        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(Cultures[0]).AddSupportedCultures(FormatCultures).AddSupportedUICultures(FormatCultures);
            options.ApplyCurrentCultureToResponseHeaders = true;
            // A choice made with the language switch (cookie) wins over the browser's languages.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.MapDefaultEndpoints(openApi: false);
        app.UseAntiforgery();

        // The manifest beside the content root when there is one (the all-in-one host runs the portal from the
        // portal's own output folder, not from the folder of the process's entry assembly, the default).
        var manifest = Path.Combine(app.Environment.ContentRootPath, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json");
        app.MapStaticAssets(File.Exists(manifest) ? manifest : null).AllowAnonymous();
        MapAccount(app);
        app.MapAttachmentDownloads();
        // Every page needs a signed-in person: an anonymous visit is sent to identity's sign-in.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
        return app;
    }

    private static void MapAccount(WebApplication app)
    {
        // Not /account: that is identity's (its sign-in page, routed there by the gateway).
        var account = app.MapGroup("/session");
        account.MapGet("/signin", (string? returnUrl) =>
            TypedResults.Challenge(new AuthenticationProperties { RedirectUri = Local(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();
        // A form post: ends the portal's session and identity's (end-session endpoint), then "/". The session cookie is
        // SameSite=Lax, so another site's form cannot post here signed in.
        account.MapPost("/signout", () => TypedResults.SignOut(
                new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]))
            .RequireAuthorization();
        // The language switch: a cookie that the request localization reads first.
        account.MapGet("/language", (HttpContext http, string? culture, string? returnUrl) =>
        {
            if (culture is not null && Cultures.Contains(culture))
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
            return TypedResults.LocalRedirect(Local(returnUrl));
        }).AllowAnonymous();
    }

    /// <summary>Only paths of this site: never an open redirect.</summary>
    private static string Local(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
