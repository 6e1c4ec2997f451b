using Platform.Portal.Api.Pmo;

namespace Platform.Portal.Api.People;

// Identity's admin API of the people directory (/api/users, admins only; services/identity/Features/Users) and what
// the other services say a person still holds (the leaver's offboarding list).

/// <summary>A person as the admin reads them; <see cref="ExternalId"/> is the provisioning identity provider's (SCIM) id.</summary>
public sealed record UserAccount(
    string Id, string UserName, string DisplayName, string? Email, string? Department, string? ManagerId,
    IReadOnlyList<string> Roles, bool Active, DateOnly? LeftOn, DateTimeOffset? LockedOutUntil, string? ExternalId,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A row of the directory (GET /api/users).</summary>
public sealed record DirectoryEntry(
    string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Department, string? ManagerId, bool Active, string? Email);

public sealed record NewPerson(string? UserName, string? DisplayName, string? Email, string? Department, IReadOnlyList<string> Roles, string? Password);

/// <summary>An asset (assets service) as the offboarding list shows it.</summary>
public sealed record HeldAsset(Guid Id, string Tag, string Kind, string Model, string? Serial, string Status, string? AssignedTo, DateTimeOffset? AssignedAt);

public sealed record LicenceSeat(Guid Id, string? UserId, string? AssetTag, DateTimeOffset AssignedAt, DateTimeOffset? ReleasedAt);

public sealed record HeldLicence(Guid Id, string Key, string Product, string? Vendor, IReadOnlyList<LicenceSeat> Assignments);

/// <summary>A person's bookings on projects (GET /api/people/{id}/allocations).</summary>
public sealed record PersonAllocations(string UserId, IReadOnlyList<Allocation> Allocations);
