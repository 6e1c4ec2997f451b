namespace Platform.Identity.Data;

/// <summary>A group provisioned over SCIM; its members get the platform role Scim:GroupRoles maps its name to (if any).</summary>
public sealed class ScimGroup
{
    public Guid Id { get; set; }

    public string DisplayName { get; set; } = "";

    public string? ExternalId { get; set; }

    public long Version { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ScimGroupMember> Members { get; set; } = [];
}

public sealed class ScimGroupMember
{
    public Guid GroupId { get; set; }

    public string UserId { get; set; } = "";
}

/// <summary>A single-use, expiring set-password link: only the SHA-256 of its token is kept.</summary>
public sealed class PasswordLink
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
