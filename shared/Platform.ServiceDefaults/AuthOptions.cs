namespace Platform.ServiceDefaults;

/// <summary>
/// Token validation settings ("Auth" section). Any OpenID Connect provider works: tokens are validated by
/// discovery from <see cref="Authority"/> (signing keys, issuer), for <see cref="Audience"/>, within their lifetime.
/// </summary>
public sealed class AuthOptions
{
    public string? Authority { get; set; }

    /// <summary>Where to read the discovery document when it is not at the authority (an internal address).</summary>
    public string? MetadataAddress { get; set; }

    public string Audience { get; set; } = "platform-api";

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The longest wait before the discovery document and signing keys are fetched again after a failed fetch (or
    /// an unknown key id). The library default is 5 minutes: a service that started while the provider was down kept
    /// refusing valid tokens that long (found by the fault suite). 30 s by default.
    /// </summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many validated tokens are remembered (see <see cref="ValidatedTokenCache"/>); 0 turns the cache off.</summary>
    public int TokenCacheSize { get; set; } = 10_000;

    /// <summary>The longest a validated token is remembered (never past its own expiry).</summary>
    public TimeSpan TokenCacheMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The claim that holds roles: "role" (OpenIddict), "roles" (Entra ID), "realm_access.roles" (Keycloak).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The provider's role names mapped to the platform's (for example "HelpdeskAgents" → "agent").</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
