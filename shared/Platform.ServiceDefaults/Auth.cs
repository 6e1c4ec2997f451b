using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

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

public static class Roles
{
    public const string Requester = "requester";
    public const string Agent = "agent";
    public const string PmoAnalyst = "pmo-analyst";
    public const string PsoStaff = "pso-staff";
    public const string Admin = "admin";

    /// <summary>A third-party tool signed in with client credentials.</summary>
    public const string Integration = "integration";
}

public static class Scopes
{
    public const string Tickets = "tickets";
    public const string Projects = "projects";
    public const string Assets = "assets";
    public const string Notifications = "notifications";
}

/// <summary>Named policies, the same in the gateway and in the services.</summary>
public static class Policies
{
    /// <summary>Any caller holding the tickets scope; what they may see is decided per ticket.</summary>
    public const string Tickets = "tickets";

    /// <summary>Help desk work: agents (and admins) with the tickets scope.</summary>
    public const string TicketsWork = "tickets:work";

    /// <summary>Handing a ticket to a project: agents and PMO.</summary>
    public const string TicketsPromote = "tickets:promote";

    /// <summary>Any caller holding the projects scope; what they may see is decided per project.</summary>
    public const string Projects = "projects";

    /// <summary>Creating projects and managing membership: PMO analysts (and admins).</summary>
    public const string ProjectsManage = "projects:manage";

    /// <summary>Any caller holding the assets scope (reading the inventory); what they may see is decided per record.</summary>
    public const string Assets = "assets";

    /// <summary>Keeping the inventory: PSO staff (and admins) with the assets scope.</summary>
    public const string AssetsManage = "assets:manage";

    /// <summary>Any caller holding the notifications scope: their own inbox and preferences.</summary>
    public const string Notifications = "notifications";

    /// <summary>Webhook subscriptions, deliveries and replay: admins and integration clients.</summary>
    public const string NotificationsIntegrations = "notifications:integrations";

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Tickets, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(Scopes.Tickets)));
        options.AddPolicy(TicketsWork, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasScope(Scopes.Tickets)).RequireRole(Roles.Agent, Roles.Admin));
        options.AddPolicy(TicketsPromote, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasScope(Scopes.Tickets)).RequireRole(Roles.Agent, Roles.PmoAnalyst, Roles.Admin));
        options.AddPolicy(Projects, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(Scopes.Projects)));
        options.AddPolicy(ProjectsManage, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasScope(Scopes.Projects)).RequireRole(Roles.PmoAnalyst, Roles.Admin));
        options.AddPolicy(Assets, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(Scopes.Assets)));
        options.AddPolicy(AssetsManage, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasScope(Scopes.Assets)).RequireRole(Roles.PsoStaff, Roles.Admin));
        options.AddPolicy(Notifications, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(Scopes.Notifications)));
        options.AddPolicy(NotificationsIntegrations, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasScope(Scopes.Notifications)).RequireRole(Roles.Admin, Roles.Integration));
    }
}

public static class AuthExtensions
{
    public const string RoleClaimType = "role";

    /// <summary>JWT bearer validation by discovery, role mapping from configuration, and the platform's policies.</summary>
    public static WebApplicationBuilder AddPlatformAuth(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Auth");
        builder.Services.AddOptions<AuthOptions>().Bind(section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Authority) || !string.IsNullOrWhiteSpace(o.MetadataAddress),
                "Auth:Authority is not configured: set it to the OpenID Connect provider's issuer URL.")
            .ValidateOnStart();
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = auth.Authority;
            if (!string.IsNullOrWhiteSpace(auth.MetadataAddress)) options.MetadataAddress = auth.MetadataAddress;
            options.Audience = auth.Audience;
            options.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            options.RefreshInterval = auth.MetadataRefreshInterval;
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "sub";
            options.TokenValidationParameters.RoleClaimType = RoleClaimType;
            // Asymmetric signatures only: no "none", no HMAC with a public key as secret.
            options.TokenValidationParameters.ValidAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    var cache = context.HttpContext.RequestServices.GetRequiredService<ValidatedTokenCache>();
                    if (cache.Enabled && BearerToken(context.Request) is { } token && cache.TryGet(token, out var principal))
                    {
                        context.Principal = principal;
                        context.Success();
                    }
                    return Task.CompletedTask;
                },
                OnTokenValidated = context =>
                {
                    if (context.SecurityToken is JsonWebToken jwt && context.Principal is { } principal)
                        context.HttpContext.RequestServices.GetRequiredService<ValidatedTokenCache>().Add(jwt.EncodedToken, principal, jwt.ValidTo);
                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddSingleton(sp => new ValidatedTokenCache(
            sp.GetService<TimeProvider>() ?? TimeProvider.System, auth.TokenCacheSize, auth.TokenCacheMaxAge));
        builder.Services.AddTransient<IClaimsTransformation, RoleClaimsTransformation>();
        builder.Services.AddAuthorization(Policies.Add);
        return builder;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").Concat(user.FindAll("scp"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
}

/// <summary>Maps the provider's role claim (and role names) onto the platform's "role" claims.</summary>
public sealed class RoleClaimsTransformation(IOptions<AuthOptions> options) : IClaimsTransformation
{
    private const string Marker = "platform_roles_mapped";

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        var auth = options.Value;
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity || identity.HasClaim(c => c.Type == Marker)
            || (auth.RoleClaim == AuthExtensions.RoleClaimType && auth.RoleMap.Count == 0))
            return Task.FromResult(principal);

        var source = ReadRoles(identity, auth.RoleClaim).ToList();
        foreach (var claim in identity.FindAll(AuthExtensions.RoleClaimType).ToList()) identity.RemoveClaim(claim);
        foreach (var role in source.Select(r => auth.RoleMap.TryGetValue(r, out var mapped) ? mapped : r).Distinct())
            identity.AddClaim(new Claim(AuthExtensions.RoleClaimType, role));
        identity.AddClaim(new Claim(Marker, "1"));
        return Task.FromResult(principal);
    }

    private static IEnumerable<string> ReadRoles(ClaimsIdentity identity, string path)
    {
        var dot = path.IndexOf('.');
        if (dot < 0) return identity.FindAll(path).Select(c => c.Value);

        // A nested claim such as Keycloak's realm_access.roles: the outer claim holds JSON.
        var outer = identity.FindFirst(path[..dot]);
        if (outer is null) return [];
        try
        {
            var element = JsonDocument.Parse(outer.Value).RootElement;
            foreach (var part in path[(dot + 1)..].Split('.'))
                if (!element.TryGetProperty(part, out element)) return [];
            return element.ValueKind == JsonValueKind.Array
                ? element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>The authenticated caller as the services see it: who, in which roles, with which scopes.</summary>
public sealed record Caller(string Id, IReadOnlySet<string> Roles)
{
    public static Caller Of(HttpContext context)
    {
        var user = context.User;
        var id = user.FindFirst("sub")?.Value ?? user.FindFirst("client_id")?.Value
            ?? throw new InvalidOperationException("An authenticated caller without a subject.");
        return new Caller(id, user.FindAll(AuthExtensions.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    public bool IsIn(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>Agents, PMO analysts and admins see every ticket, internal notes included.</summary>
    public bool SeesAllTickets => IsIn(ServiceDefaults.Roles.Agent, ServiceDefaults.Roles.PmoAnalyst, ServiceDefaults.Roles.Admin);

    public bool WorksTickets => IsIn(ServiceDefaults.Roles.Agent, ServiceDefaults.Roles.Admin);

    /// <summary>PMO analysts, admins and integration tools see every project; others the ones they belong to.</summary>
    public bool SeesAllProjects => IsIn(ServiceDefaults.Roles.PmoAnalyst, ServiceDefaults.Roles.Admin, ServiceDefaults.Roles.Integration);

    public bool ManagesProjects => IsIn(ServiceDefaults.Roles.PmoAnalyst, ServiceDefaults.Roles.Admin);
}
