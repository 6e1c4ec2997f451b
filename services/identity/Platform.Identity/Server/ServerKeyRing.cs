using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Identity.Server;

/// <summary>
/// The token server's signing and encryption keys, read from the identity database at start-up and handed to
/// OpenIddict. The first instance to start creates them; every other instance and every restart reads the same
/// rows, so tokens stay valid across restarts and replicas. No development certificates.
/// </summary>
public sealed class ServerKeyRing
{
    private RsaSecurityKey? _signing;
    private RsaSecurityKey? _encryption;

    public RsaSecurityKey Signing => _signing ?? throw NotLoaded();

    public RsaSecurityKey Encryption => _encryption ?? throw NotLoaded();

    /// <summary>Creates the keys if absent (the first writer wins, concurrent starts included), then loads them.</summary>
    public async Task LoadAsync(IdentityStoreDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var (signing, encryption) = await EnsureAsync(db, clock, cancellationToken);
        _signing = signing;
        _encryption = encryption;
    }

    public static async Task<(RsaSecurityKey Signing, RsaSecurityKey Encryption)> EnsureAsync(
        IdentityStoreDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        foreach (var (purpose, algorithm) in new[] { (ServerKey.Signing, SecurityAlgorithms.RsaSha256), (ServerKey.Encryption, SecurityAlgorithms.RsaOAEP) })
        {
            if (await db.ServerKeys.AnyAsync(k => k.Purpose == purpose, cancellationToken)) continue;

            using var rsa = RSA.Create(2048);
            var privateKey = rsa.ExportPkcs8PrivateKey();
            var keyId = Thumbprint(rsa);
            // Insert-if-absent: when two replicas start at once, one row wins and both read it back below.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO server_keys (purpose, key_id, algorithm, private_key, created_at)
                VALUES ({purpose}, {keyId}, {algorithm}, {privateKey}, {clock.GetUtcNow()})
                ON CONFLICT (purpose) DO NOTHING
                """, cancellationToken);
        }

        var rows = await db.ServerKeys.AsNoTracking().ToDictionaryAsync(k => k.Purpose, cancellationToken);
        return (ToSecurityKey(rows[ServerKey.Signing]), ToSecurityKey(rows[ServerKey.Encryption]));
    }

    private static RsaSecurityKey ToSecurityKey(ServerKey row)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(row.PrivateKey, out _);
        return new RsaSecurityKey(rsa) { KeyId = row.KeyId };
    }

    /// <summary>The RFC 7638 JWK thumbprint of the public key, base64url: a stable, content-derived key id.</summary>
    private static string Thumbprint(RSA rsa)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)));
        return Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
    }

    private static InvalidOperationException NotLoaded() =>
        new("The server keys are not loaded: call InitializeIdentityAsync() at start-up, after the migrations.");
}
