using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Identity.Data;

/// <summary>
/// One of the token server's RSA keys, shared by every replica and kept across restarts: the signing key (its
/// public half is published in the JWKS) and the encryption key (for authorization codes and refresh tokens).
/// </summary>
public sealed class ServerKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    /// <summary>"signing" or "encryption": one active key per purpose.</summary>
    public required string Purpose { get; init; }

    /// <summary>The "kid": the RFC 7638 thumbprint of the public key, so it never changes for a given key.</summary>
    public required string KeyId { get; init; }

    public required string Algorithm { get; init; }

    /// <summary>PKCS#8 DER. The identity database is the trust boundary for these keys.</summary>
    public required byte[] PrivateKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class ServerKeyConfiguration : IEntityTypeConfiguration<ServerKey>
{
    public void Configure(EntityTypeBuilder<ServerKey> b)
    {
        b.ToTable("server_keys");
        b.HasKey(k => k.Purpose);
        b.Property(k => k.Purpose).HasMaxLength(20);
        b.Property(k => k.KeyId).HasMaxLength(100);
        b.Property(k => k.Algorithm).HasMaxLength(20);
        b.HasIndex(k => k.KeyId).IsUnique();
    }
}
