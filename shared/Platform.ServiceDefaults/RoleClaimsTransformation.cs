using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults;

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
