namespace Platform.Portal;

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalSettings
{
    public const string Section = "Portal";

    /// <summary>The OpenID Connect provider (identity's issuer: the gateway's public URL, e.g. http://127.0.0.1:5000/).</summary>
    public Uri? Authority { get; set; }

    /// <summary>Where the portal calls the platform's API: the gateway. Defaults to <see cref="Authority"/>.</summary>
    public Uri? Gateway { get; set; }

    public string ClientId { get; set; } = "platform-web";

    /// <summary>Off only for local HTTP set-ups (scripts and tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Where the portal keeps what every replica shares and a restart must not lose: the data-protection key ring
    /// (keys/) and the signed-in sessions' tokens (sessions/, encrypted with that key ring). A shared volume when
    /// several replicas run.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>An access token this close to its expiry is refreshed before it is used.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a session lasts without use (the cookie slides; the refresh token must still be valid).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public string[] Scopes { get; set; } =
        ["openid", "profile", "email", "roles", "offline_access", "tickets", "projects", "assets", "notifications"];

    public static PortalSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(Section).Get<PortalSettings>() ?? new PortalSettings();
        if (settings.Authority is not { IsAbsoluteUri: true })
            throw new InvalidOperationException("Portal:Authority must be an absolute URL (identity's issuer: the gateway's public URL, e.g. http://127.0.0.1:5000/).");
        settings.Authority = WithSlash(settings.Authority);
        settings.Gateway = settings.Gateway is { IsAbsoluteUri: true } gateway ? WithSlash(gateway) : settings.Authority;
        settings.DataDirectory = string.IsNullOrWhiteSpace(settings.DataDirectory)
            ? Path.Combine(environment.ContentRootPath, ".portal-data")
            : Path.GetFullPath(settings.DataDirectory);
        if (settings.RefreshBefore < TimeSpan.Zero) throw new InvalidOperationException("Portal:RefreshBefore must not be negative.");
        return settings;
    }

    private static Uri WithSlash(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
