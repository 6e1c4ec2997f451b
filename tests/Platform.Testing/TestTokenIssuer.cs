using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Testing;

/// <summary>
/// A minimal OpenID Connect provider for in-process service tests: a real HTTP server on loopback serving a
/// discovery document and its signing keys, and a minter of tokens — good ones, and the bad ones that services
/// must refuse (expired, wrong audience, foreign key, alg none, tampered).
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    public const string Audience = "platform-api";
    private static readonly string[] AllScopes = ["tickets", "projects", "assets", "notifications"];

    private readonly LoopbackServer _server;
    private readonly RsaSecurityKey _key = NewKey("test-key");

    private TestTokenIssuer(LoopbackServer server)
    {
        _server = server;
        Issuer = server.Address.ToString();
    }

    public string Issuer { get; }

    /// <summary>Settings that point a service at this provider.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Auth:Authority"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:RequireHttpsMetadata"] = "false",
    };

    public static async Task<TestTokenIssuer> StartAsync()
    {
        TestTokenIssuer? issuer = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/openid-configuration", (HttpContext context) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer!.Issuer,
                ["jwks_uri"] = issuer.Issuer + ".well-known/jwks",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            app.MapGet("/.well-known/jwks", () =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(issuer!._key.Rsa.ExportParameters(false)) { KeyId = issuer._key.KeyId });
                return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
            });
        });
        return issuer = new TestTokenIssuer(server);
    }

    /// <summary>A valid access token for a user with these roles (and, by default, both API scopes).</summary>
    public string Token(string subject, string[] roles, string[]? scopes = null, TimeSpan? lifetime = null,
        string? audience = null, SecurityKey? signWith = null, DateTime? notBefore = null)
    {
        var now = notBefore ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["name"] = subject,
            ["scope"] = string.Join(' ', scopes ?? AllScopes),
            ["client_id"] = "test-client",
        };
        if (roles.Length > 0) claims["role"] = roles.Length == 1 ? roles[0] : roles;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(15)),
            SigningCredentials = new SigningCredentials(signWith ?? _key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public string Expired(string subject, string role) =>
        Token(subject, [role], lifetime: TimeSpan.FromMinutes(5), notBefore: DateTime.UtcNow.AddHours(-1));

    public string WrongAudience(string subject, string role) => Token(subject, [role], audience: "some-other-api");

    public string ForeignSignature(string subject, string role) => Token(subject, [role], signWith: NewKey(_key.KeyId!));

    /// <summary>An unsigned token ("alg": "none") claiming admin.</summary>
    public string AlgNone(string subject)
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return $"{B64("""{"alg":"none","typ":"JWT"}""")}.{B64($$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"{{subject}}","role":"admin","scope":"tickets projects","exp":{{exp}}}""")}.";
    }

    /// <summary>A real token for a requester whose payload was edited to say admin, signature kept.</summary>
    public string TamperedRole(string subject)
    {
        var parts = Token(subject, ["requester"]).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"requester\"", "\"admin\"");
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };
}
