using Platform.ServiceDefaults;

namespace Platform.Identity;

/// <summary>The "Identity" configuration section.</summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>
    /// The public URL of the token server (the gateway's), used as "iss" in every token and as the base of every
    /// endpoint in the discovery document, whatever host a request arrived on.
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>Refuse OpenID Connect requests over plain HTTP. Local scripts and tests turn it off.</summary>
    public bool RequireHttps { get; set; } = true;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Seed the local-development users, roles and clients when the database has no user yet.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>How long a set-password link (POST /api/users/{id}/password-link) stays usable.</summary>
    public TimeSpan PasswordLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    public static IdentitySettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<IdentitySettings>() ?? new IdentitySettings();
        if (settings.Issuer is not { IsAbsoluteUri: true } issuer)
            throw new InvalidOperationException("Identity:Issuer must be an absolute URL (the public gateway URL, e.g. http://127.0.0.1:5000/).");
        // A trailing slash makes relative endpoint paths resolve under the issuer's path, not beside it.
        if (!issuer.AbsolutePath.EndsWith('/')) settings.Issuer = new Uri(issuer.AbsoluteUri + "/");
        if (settings.AccessTokenLifetime <= TimeSpan.Zero)
            throw new InvalidOperationException("Identity:AccessTokenLifetime must be positive.");
        return settings;
    }
}

/// <summary>Names the platform's services and tokens agree on.</summary>
public static class PlatformNames
{
    /// <summary>The audience ("aud") of every access token: the platform's APIs.</summary>
    public const string Audience = "platform-api";

    /// <summary>SCIM 2.0 provisioning (/scim/v2): the scope of an identity provider's provisioning client.</summary>
    public const string ScimScope = "scim";

    /// <summary>Every API scope a token can carry (the services' <see cref="Scopes"/>), with its display name.</summary>
    public static readonly (string Name, string DisplayName)[] ApiScopes =
    [
        (Scopes.Tickets, "Ticketing API"), (Scopes.Projects, "Projects API"),
        (Scopes.Assets, "Assets API"), (Scopes.Notifications, "Notifications API"),
    ];

    /// <summary>Application property holding the roles a client gets with client credentials (a JSON array).</summary>
    public const string ClientRolesProperty = "roles";
}
