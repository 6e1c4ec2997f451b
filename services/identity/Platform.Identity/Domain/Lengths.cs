namespace Platform.Identity.Domain;

/// <summary>Column lengths of identity's own tables (Data/Configurations) and of the fields its APIs accept.</summary>
public static class Lengths
{
    /// <summary>A user name, a user id, a manager's id: a person's id (PersonIds.MaxLength).</summary>
    public const int Person = 200;

    public const int DisplayName = 200;

    public const int Email = 254;

    public const int Department = 200;

    /// <summary>An identity provider's own id for a user or group (SCIM externalId).</summary>
    public const int ExternalId = 200;

    public const int Role = 64;

    public const int GroupName = 200;

    public const int TokenHash = 64;
}
