namespace Platform.Contracts.People;

// The people directory's events, published by identity whenever a person is created (by an admin, by SCIM
// provisioning or by the demo seed), changed or deactivated. Every service that names people keeps its own copy
// of the directory from them. Version grows with every change of one person, so a consumer applies an event only
// when it is newer than what it holds: the copy ends the same whatever order the events arrive in, and a
// redelivered event changes nothing.

/// <summary>A person who can now sign in: created, or reactivated after leaving.</summary>
public sealed record PersonJoined(
    string UserId,
    string UserName,
    string DisplayName,
    string? Email,
    string? Department,
    string? ManagerId,
    IReadOnlyList<string> Roles,
    long Version,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IPersonEvent, IPersonSnapshot;

/// <summary>An active person whose display name, e-mail, department, manager or roles changed (the full new state).</summary>
public sealed record PersonChanged(
    string UserId,
    string UserName,
    string DisplayName,
    string? Email,
    string? Department,
    string? ManagerId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Changed,
    long Version,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IPersonEvent, IPersonSnapshot;

/// <summary>
/// A person who left (deactivated or deleted): they can no longer sign in, and each service hands back what they
/// held from <see cref="LeftOn"/>. <see cref="Department"/> and <see cref="DisplayName"/> are their last values.
/// </summary>
public sealed record PersonLeft(
    string UserId,
    string UserName,
    string DisplayName,
    string? Department,
    DateOnly LeftOn,
    long Version,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IPersonEvent;

/// <summary>What <see cref="PersonJoined"/> and <see cref="PersonChanged"/> both carry: the person's whole current state.</summary>
public interface IPersonSnapshot
{
    string UserId { get; }
    string UserName { get; }
    string DisplayName { get; }
    string? Email { get; }
    string? Department { get; }
    string? ManagerId { get; }
    IReadOnlyList<string> Roles { get; }
    long Version { get; }
}

/// <summary>
/// A service asks identity to publish the whole directory again (PersonJoined for everyone active, PersonLeft for
/// everyone who left, each at its current Version): sent when the service's copy holds nobody identity told it
/// about, e.g. on its first start, when the events of the people seeded before its queue existed went nowhere.
/// </summary>
public sealed record PeopleDirectorySyncRequested(string Service, DateTimeOffset OccurredAt) : IIntegrationEvent;
