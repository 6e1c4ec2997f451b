using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Endpoints;

/// <summary>
/// The OpenID Connect endpoints OpenIddict validates and then hands over ("passthrough"): the request has been
/// checked (client, grant, PKCE, scopes…) when these handlers run; they decide who the subject is.
/// Discovery and JWKS are answered by OpenIddict itself.
/// </summary>
public static partial class ConnectEndpoints
{
    private const string Server = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/connect").WithTags("OpenID Connect").ExcludeFromDescription();
        group.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize);
        group.MapPost("/token", Exchange);
        group.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfo);
        group.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], EndSession);
        return app;
    }

    private static async Task<Results<SignInHttpResult, ForbidHttpResult, ChallengeHttpResult>> Authorize(
        HttpContext http, UserManager<ApplicationUser> users, IOpenIddictApplicationManager applications,
        Principals principals, TimeProvider clock, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");

        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        var tooOld = request.MaxAge is { } maxAge && cookie.Properties?.IssuedUtc is { } issued
            && (clock.GetUtcNow() - issued).TotalSeconds > maxAge; // in seconds: a huge max_age is no TimeSpan

        if (user is null || tooOld || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Rejected(Errors.LoginRequired, "The user is not logged in.");

            // To the login page, then back to this very request — without prompt=login, or it would loop.
            var parameters = (http.Request.HasFormContentType ? (IEnumerable<KeyValuePair<string, StringValues>>)http.Request.Form : http.Request.Query)
                .Where(p => p.Key != Parameters.Prompt).ToList();
            var prompt = string.Join(' ', request.GetPromptValues().Remove(PromptValues.Login));
            if (prompt.Length > 0) parameters.Add(new(Parameters.Prompt, prompt));
            return TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
            ?? throw new InvalidOperationException("The client vanished after OpenIddict validated it.");
        // The platform's clients are first-party: consent is implicit. There is no consent screen for others.
        if (!await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit, ct))
            return Rejected(Errors.ConsentRequired, "This client needs a consent this server cannot ask for.");

        var identity = await principals.ForUserAsync(user, request.GetScopes(), ct);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Server);
    }

    private static async Task<Results<SignInHttpResult, ForbidHttpResult>> Exchange(
        HttpContext http, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
        IOpenIddictApplicationManager applications, Principals principals, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");

        if (request.IsPasswordGrantType())
        {
            var user = await users.FindByNameAsync(request.Username ?? "");
            if (user is null) return Rejected(Errors.InvalidGrant, "The user name or password is invalid.");
            var check = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
            if (!check.Succeeded)
                return Rejected(Errors.InvalidGrant, check.IsLockedOut
                    ? "The account is locked out after too many failed attempts; try again later."
                    : "The user name or password is invalid.");

            var identity = await principals.ForUserAsync(user, request.GetScopes(), ct);
            return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Server);
        }

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has authenticated the client and checked its grant and scope permissions.
            var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
                ?? throw new InvalidOperationException("The client vanished after OpenIddict validated it.");
            var identity = await principals.ForClientAsync(application, request.GetScopes(), ct);
            return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Server);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The principal OpenIddict stored in the code or refresh token; the user is read again, so a removed
            // user or a changed role takes effect at the next refresh.
            var stored = (await http.AuthenticateAsync(Server)).Principal;
            var user = stored?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (stored is null || user is null || !await signIn.CanSignInAsync(user))
                return Rejected(Errors.InvalidGrant, "The token is no longer valid.");

            var identity = await principals.RefreshAsync(stored, user, ct);
            return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Server);
        }

        return Rejected(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<Results<Ok<Dictionary<string, object>>, ChallengeHttpResult>> UserInfo(
        HttpContext http, UserManager<ApplicationUser> users)
    {
        var principal = (await http.AuthenticateAsync(Server)).Principal;
        var user = principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (principal is null || user is null)
            return TypedResults.Challenge(ErrorProperties(Errors.InvalidToken, "The access token does not belong to a user."), [Server]);

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.UserName!;
            claims[Claims.PreferredUsername] = user.UserName!;
        }

        if (principal.HasScope(Scopes.Email) && user.Email is not null)
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        if (principal.HasScope(Scopes.Roles)) claims[Claims.Role] = await users.GetRolesAsync(user);
        return TypedResults.Ok(claims);
    }

    /// <summary>
    /// Ends the person's session with identity and with the client that asked (its id_token_hint or client_id), in
    /// every browser: the refresh tokens and authorizations that client holds for the person are revoked, so none of
    /// its sessions can be renewed, and identity's sign-in cookies end (a new security stamp). Other clients' tokens
    /// are left alone.
    /// </summary>
    private static async Task<SignOutHttpResult> EndSession(
        HttpContext http, SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, ILoggerFactory logs, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest();
        var hint = (await http.AuthenticateAsync(Server)).Principal; // the id_token_hint's, validated by OpenIddict
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var subject = hint?.GetClaim(Claims.Subject)
            ?? (cookie.Succeeded ? cookie.Principal?.GetClaim(Claims.Subject) : null);
        var clientId = request?.ClientId ?? hint?.GetClaim(Claims.AuthorizedParty) ?? hint?.GetClaims(Claims.Audience).FirstOrDefault();
        int revokedTokens = 0, revokedAuthorizations = 0;
        if (subject is not null && clientId is not null && await applications.FindByClientIdAsync(clientId, ct) is { } client
            && await applications.GetIdAsync(client, ct) is { } clientKey)
        {
            // Listed first, then revoked: each revocation saves while the listing's reader would still be open.
            foreach (var token in await tokens.FindAsync(subject, clientKey, status: Statuses.Valid, type: null, ct).ToListAsync(ct))
                if (await tokens.TryRevokeAsync(token, ct)) revokedTokens++;
            foreach (var authorization in await authorizations.FindAsync(subject, clientKey, status: Statuses.Valid, type: null, scopes: null, ct).ToListAsync(ct))
                if (await authorizations.TryRevokeAsync(authorization, ct)) revokedAuthorizations++;
        }
        // Identity's own sign-in cookie in the person's other browsers ends too (checked on each request).
        if (subject is not null && await users.FindByIdAsync(subject) is { } user) await users.UpdateSecurityStampAsync(user);
        var logger = logs.CreateLogger(typeof(ConnectEndpoints));
        LogEndSession(logger, subject ?? "(unknown)", clientId ?? "(none)", hint is not null,
            revokedTokens, revokedAuthorizations);

        await signIn.SignOutAsync();
        // OpenIddict redirects to the client's post_logout_redirect_uri when it sent a registered one.
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/account/login" }, [Server]);
    }

    private static ForbidHttpResult Rejected(string error, string description) =>
        TypedResults.Forbid(ErrorProperties(error, description), [Server]);

    private static AuthenticationProperties ErrorProperties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    [LoggerMessage(Level = LogLevel.Information,
        Message = "End of session for {Subject} with client {ClientId} (id token hint: {Hinted}): revoked {Tokens} tokens and {Authorizations} authorizations")]
    private static partial void LogEndSession(ILogger logger, string subject, string clientId, bool hinted, int tokens, int authorizations);
}
