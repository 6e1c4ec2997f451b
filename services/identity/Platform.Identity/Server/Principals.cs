using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Server;

/// <summary>
/// Builds the identities OpenIddict turns into tokens. Access tokens carry sub, name, preferred_username, one
/// "role" claim per role, the granted scopes, client_id and aud "platform-api"; identity tokens carry the
/// profile, email and roles claims only when those scopes were granted.
/// </summary>
public sealed class Principals(
    UserManager<ApplicationUser> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes)
{
    public async Task<ClaimsIdentity> ForUserAsync(ApplicationUser user, ImmutableArray<string> grantedScopes, CancellationToken ct)
    {
        var identity = NewIdentity();
        var userName = await users.GetUserNameAsync(user) ?? user.Id;
        identity.SetClaim(Claims.Subject, await users.GetUserIdAsync(user))
            .SetClaim(Claims.Name, userName)
            .SetClaim(Claims.PreferredUsername, userName)
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        if (grantedScopes.Contains(Scopes.Email) && await users.GetEmailAsync(user) is { Length: > 0 } email)
            identity.SetClaim(Claims.Email, email);

        await GrantAsync(identity, grantedScopes, ct);
        return identity;
    }

    /// <summary>
    /// The principal stored in an authorization code or refresh token, with the user's claims read again; its
    /// scopes, resources and authorization stay those first granted.
    /// </summary>
    public async Task<ClaimsIdentity> RefreshAsync(ClaimsPrincipal stored, ApplicationUser user, CancellationToken ct)
    {
        var identity = new ClaimsIdentity(stored.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        var userName = await users.GetUserNameAsync(user) ?? user.Id;
        identity.SetClaim(Claims.Subject, await users.GetUserIdAsync(user))
            .SetClaim(Claims.Name, userName)
            .SetClaim(Claims.PreferredUsername, userName)
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)])
            .SetClaim(Claims.Email, stored.HasScope(Scopes.Email) ? await users.GetEmailAsync(user) : null);
        identity.SetDestinations(Destinations);
        return identity;
    }

    /// <summary>A client acting on its own behalf (client credentials): the client is the subject.</summary>
    public async Task<ClaimsIdentity> ForClientAsync(object application, ImmutableArray<string> grantedScopes, CancellationToken ct)
    {
        var clientId = await applications.GetClientIdAsync(application, ct)
            ?? throw new InvalidOperationException("The client has no client_id.");
        var properties = await applications.GetPropertiesAsync(application, ct);
        var roles = properties.TryGetValue(PlatformNames.ClientRolesProperty, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(r => r.GetString()).OfType<string>().ToImmutableArray()
            : [];

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, clientId)
            .SetClaims(Claims.Role, roles);

        await GrantAsync(identity, grantedScopes, ct);
        return identity;
    }

    private async Task GrantAsync(ClaimsIdentity identity, ImmutableArray<string> grantedScopes, CancellationToken ct)
    {
        identity.SetScopes(grantedScopes);
        // Every access token is for the platform's APIs; API scopes name the same resource in the scope store.
        var resources = new HashSet<string>(StringComparer.Ordinal) { PlatformNames.Audience };
        await foreach (var resource in scopes.ListResourcesAsync(grantedScopes, ct)) resources.Add(resource);
        identity.SetResources(resources.ToImmutableArray());
        identity.SetDestinations(Destinations);
    }

    private static ClaimsIdentity NewIdentity() => new(
        authenticationType: TokenValidationParameters.DefaultAuthenticationType,
        nameType: Claims.Name,
        roleType: Claims.Role);

    /// <summary>Claims reach a token only with a destination; nothing else (security stamps…) leaves the server.</summary>
    private static IEnumerable<string> Destinations(Claim claim)
    {
        var principal = claim.Subject!;
        switch (claim.Type)
        {
            case Claims.Subject:
                yield return OpenIddictConstants.Destinations.AccessToken;
                yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
            case Claims.Name or Claims.PreferredUsername:
                yield return OpenIddictConstants.Destinations.AccessToken;
                if (principal.HasScope(Scopes.Profile)) yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
            case Claims.Email:
                yield return OpenIddictConstants.Destinations.AccessToken;
                if (principal.HasScope(Scopes.Email)) yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
            case Claims.Role:
                yield return OpenIddictConstants.Destinations.AccessToken;
                if (principal.HasScope(Scopes.Roles)) yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
        }
    }
}
