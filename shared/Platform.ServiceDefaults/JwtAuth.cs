using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Platform.ServiceDefaults;

public static class AuthExtensions
{
    public const string RoleClaimType = "role";

    /// <summary>JWT bearer validation by discovery, role mapping from configuration, and the platform's policies.</summary>
    public static WebApplicationBuilder AddPlatformAuth(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Auth");
        builder.AddSettings<AuthOptions>("Auth",
            (o => !string.IsNullOrWhiteSpace(o.Authority) || !string.IsNullOrWhiteSpace(o.MetadataAddress),
                "Auth:Authority is not configured: set it to the OpenID Connect provider's issuer URL."));
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
