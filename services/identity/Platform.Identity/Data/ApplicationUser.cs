namespace Platform.Identity.Data;

/// <summary>
/// A person of the directory: ASP.NET Core Identity's user (name, e-mail, password hash, lockout) with the profile the
/// platform publishes (<see cref="Platform.Contracts.People.PersonJoined"/>…). Changed only through
/// <see cref="Features.Users.UserDirectory"/>, which raises the events and grows <see cref="Version"/>.
/// </summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string? Department { get; set; }

    /// <summary>The user id of their manager.</summary>
    public string? ManagerId { get; set; }

    /// <summary>May sign in. False once deactivated or deleted (left).</summary>
    public bool Active { get; set; } = true;

    /// <summary>Deleted (SCIM DELETE, admin delete): gone from every API; a new user of the same name takes this row back.</summary>
    public bool Deleted { get; set; }

    public DateOnly? LeftOn { get; set; }

    /// <summary>Grows with every published change of this person (0: never announced).</summary>
    public long Version { get; set; }

    /// <summary>The provisioning identity provider's id of the user (SCIM externalId).</summary>
    public string? ExternalId { get; set; }

    /// <summary>Roles given to the user directly (admin API, demo seed); their roles are these and their groups' (Scim:GroupRoles).</summary>
    public List<string> AssignedRoles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
