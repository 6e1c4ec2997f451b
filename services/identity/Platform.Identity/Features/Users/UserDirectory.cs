using Npgsql;
using Platform.Data;
using Platform.Contracts.People;
using Platform.Identity.Domain;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;

namespace Platform.Identity.Features.Users;

/// <summary>What a person is made of, as the admin API, SCIM and the demo seed give it.</summary>
public sealed record PersonInput(
    string? UserName,
    string? DisplayName,
    string? Email,
    string? Department,
    string? ManagerId,
    IReadOnlyList<string>? Roles,
    string? ExternalId = null,
    bool Active = true);

public enum DirectoryError { Invalid, Duplicate, NotFound, Conflict }

/// <summary>Why the directory refused a change: field errors (camelCase names, as the admin API takes them).</summary>
public sealed record DirectoryFailure(DirectoryError Kind, IDictionary<string, string[]> Errors)
{
    public static DirectoryFailure Field(DirectoryError kind, string field, string message) =>
        new(kind, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    public string Message => string.Join(" ", Errors.SelectMany(e => e.Value));
}

/// <summary>
/// The one way people are created, changed, deactivated, reactivated, deleted and given a password — by the admin
/// API, by SCIM provisioning and by the demo seed. Every change that others may care about grows the person's
/// <see cref="ApplicationUser.Version"/> and queues PersonJoined / PersonChanged / PersonLeft in the outbox, in the same
/// transaction as the change. A deactivated person can no longer sign in and their tokens are revoked at once.
/// </summary>
public sealed class UserDirectory(
    IdentityStoreDbContext db,
    UserManager<ApplicationUser> users,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    GroupRoles groupRoles,
    TimeProvider clock)
{
    /// <summary>The platform's roles a user can be given directly.</summary>
    public static readonly string[] KnownRoles = [Roles.Requester, Roles.Agent, Roles.PmoAnalyst, Roles.PsoStaff, Roles.Admin];

    /// <summary>A user who is not deleted, by id.</summary>
    public Task<ApplicationUser?> FindAsync(string id, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id && !u.Deleted, ct);

    public async Task<(ApplicationUser? User, DirectoryFailure? Failure)> CreateAsync(PersonInput input, string? password, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, self: null, ct);
        if (password is not null) errors.Required("password", password, 256);
        if (!errors.IsValid) return (null, new DirectoryFailure(DirectoryError.Invalid, errors.Errors));

        var userName = input.UserName!.Trim();
        var normalized = users.NormalizeName(userName);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var existing = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        if (existing is { Deleted: false })
            return (null, DirectoryFailure.Field(DirectoryError.Duplicate, "userName", $"A user named '{userName}' exists already."));

        var now = clock.GetUtcNow();
        var user = existing ?? new ApplicationUser
        {
            // The id is the user name, so that "sub" is readable, unless another user (since renamed) holds it.
            Id = await db.Users.AnyAsync(u => u.Id == userName, ct) ? Guid.NewGuid().ToString() : userName,
            UserName = userName,
            CreatedAt = now,
        };
        user.Deleted = false;
        user.EmailConfirmed = true;
        Apply(user, input, now);
        user.Active = input.Active;
        user.LeftOn = input.Active ? null : DateOnly.FromDateTime(now.UtcDateTime);

        var result = existing is null
            ? password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password)
            : await users.UpdateAsync(user);
        if (Failed(result) is { } failure) return (null, failure);
        if (existing is not null && password is not null && await ReplacePasswordAsync(user, password) is { } passwordFailure)
            return (null, passwordFailure);

        var roles = await SyncRolesAsync(user, ct);
        if (user.Active) Announce(user, Joined(user, roles, now));
        return await SaveAsync(user, transaction, ct);
    }

    /// <summary>Replaces the profile (every field of <paramref name="input"/>; roles only when given).</summary>
    public async Task<(ApplicationUser? User, DirectoryFailure? Failure)> UpdateAsync(ApplicationUser user, PersonInput input, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, user, ct);
        if (!errors.IsValid) return (null, new DirectoryFailure(DirectoryError.Invalid, errors.Errors));

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var rolesBefore = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        var before = (user.UserName, user.DisplayName, user.Email, user.Department, user.ManagerId);
        var now = clock.GetUtcNow();
        Apply(user, input with { UserName = input.UserName ?? user.UserName }, now);
        var result = await users.UpdateAsync(user);
        if (Failed(result) is { } failure) return (null, failure);
        var roles = await SyncRolesAsync(user, ct);

        List<string> changed = [];
        if (before.UserName != user.UserName) changed.Add("userName");
        if (before.DisplayName != user.DisplayName) changed.Add("displayName");
        if (before.Email != user.Email) changed.Add("email");
        if (before.Department != user.Department) changed.Add("department");
        if (before.ManagerId != user.ManagerId) changed.Add("managerId");
        if (!rolesBefore.SequenceEqual(roles)) changed.Add("roles");

        if (input.Active != user.Active)
        {
            if (input.Active) await ReactivateCoreAsync(user, roles, now);
            else await DeactivateCoreAsync(user, now, ct);
        }
        else if (changed.Count > 0 && user.Active)
        {
            Announce(user, new PersonChanged(user.Id, user.UserName!, user.DisplayName, user.Email, user.Department, user.ManagerId,
                roles, changed, user.Version + 1, now));
        }

        return await SaveAsync(user, transaction, ct);
    }

    public async Task<(ApplicationUser? User, DirectoryFailure? Failure)> DeactivateAsync(ApplicationUser user, CancellationToken ct)
    {
        if (!user.Active) return (user, null);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await DeactivateCoreAsync(user, clock.GetUtcNow(), ct);
        return await SaveAsync(user, transaction, ct);
    }

    public async Task<(ApplicationUser? User, DirectoryFailure? Failure)> ReactivateAsync(ApplicationUser user, CancellationToken ct)
    {
        if (user.Active) return (user, null);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        await ReactivateCoreAsync(user, roles, clock.GetUtcNow());
        return await SaveAsync(user, transaction, ct);
    }

    /// <summary>Deletes a person (they leave): gone from every API, tokens revoked, groups left; the row keeps their version.</summary>
    public async Task<DirectoryFailure?> DeleteAsync(ApplicationUser user, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (user.Active) await DeactivateCoreAsync(user, now, ct);
        user.Deleted = true;
        user.AssignedRoles = [];
        await db.ScimGroupMembers.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(ct);
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        var (_, failure) = await SaveAsync(user, transaction, ct);
        return failure;
    }

    public async Task<DirectoryFailure?> SetPasswordAsync(ApplicationUser user, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(password))
            return DirectoryFailure.Field(DirectoryError.Invalid, "password", "'password' is required.");
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (await ReplacePasswordAsync(user, password) is { } failure) return failure;
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>
    /// Sets the user's platform roles to their own (<see cref="ApplicationUser.AssignedRoles"/>) and their SCIM groups'
    /// (Scim:GroupRoles); returns the roles they hold now, sorted.
    /// </summary>
    public async Task<List<string>> SyncRolesAsync(ApplicationUser user, CancellationToken ct)
    {
        var groups = await db.ScimGroupMembers.Where(m => m.UserId == user.Id)
            .Join(db.ScimGroups, m => m.GroupId, g => g.Id, (_, g) => g.DisplayName).ToListAsync(ct);
        var wanted = user.AssignedRoles.Concat(groups.Select(groupRoles.RoleOf).OfType<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var current = await users.GetRolesAsync(user);
        var remove = current.Except(wanted, StringComparer.Ordinal).ToList();
        var add = wanted.Except(current, StringComparer.Ordinal).ToList();
        if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove));
        if (add.Count > 0) Check(await users.AddToRolesAsync(user, add));
        return wanted;
    }

    /// <summary>
    /// After a group's membership or name changed: resyncs the roles of <paramref name="userIds"/> and announces those whose
    /// roles changed (PersonChanged). Runs inside the caller's transaction; the caller saves.
    /// </summary>
    public async Task ResyncRolesAsync(IEnumerable<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id) && !u.Deleted).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var user in people)
        {
            var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            var roles = await SyncRolesAsync(user, ct);
            if (before.SequenceEqual(roles) || !user.Active) continue;
            Announce(user, new PersonChanged(user.Id, user.UserName!, user.DisplayName, user.Email, user.Department, user.ManagerId,
                roles, ["roles"], user.Version + 1, now));
        }
    }

    /// <summary>
    /// Announces (PersonJoined) every active user never announced (version 0: seeded before the directory's events
    /// existed), so that every service's copy fills. Safe to run on every start.
    /// </summary>
    public async Task<int> AnnounceUnannouncedAsync(CancellationToken ct)
    {
        var pending = await db.Users.Where(u => u.Version == 0 && u.Active && !u.Deleted).OrderBy(u => u.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var user in pending)
        {
            if (user.DisplayName.Length == 0) user.DisplayName = user.UserName ?? user.Id;
            var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            if (user.AssignedRoles.Count == 0) user.AssignedRoles = roles;
            Announce(user, Joined(user, roles, now));
        }

        if (pending.Count > 0) await db.SaveChangesAsync(ct);
        return pending.Count;
    }

    /// <summary>
    /// Publishes every announced person's current state again, at their current version (PersonJoined if active,
    /// PersonLeft if not), for a service whose copy is empty (<see cref="PeopleDirectorySyncRequested"/>). Services
    /// ignore what they hold already. The caller saves.
    /// </summary>
    public async Task<int> RepublishAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var people = await db.Users.AsNoTracking().Where(u => u.Version > 0 && !u.Deleted).OrderBy(u => u.Id).ToListAsync(ct);
        foreach (var user in people)
        {
            db.AddIntegrationEvent(user.Active
                ? new PersonJoined(user.Id, user.UserName!, user.DisplayName, user.Email, user.Department, user.ManagerId,
                    (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList(), user.Version, now)
                : new PersonLeft(user.Id, user.UserName!, user.DisplayName, user.Department, user.LeftOn ?? DateOnly.FromDateTime(now.UtcDateTime), user.Version, now));
        }
        return people.Count;
    }

    private async Task DeactivateCoreAsync(ApplicationUser user, DateTimeOffset now, CancellationToken ct)
    {
        user.Active = false;
        user.LeftOn = DateOnly.FromDateTime(now.UtcDateTime);
        await users.UpdateSecurityStampAsync(user); // the sign-in cookie dies at its next validation
        await tokens.RevokeBySubjectAsync(user.Id, ct);
        await authorizations.RevokeBySubjectAsync(user.Id, ct);
        Announce(user, new PersonLeft(user.Id, user.UserName!, user.DisplayName, user.Department, user.LeftOn.Value, user.Version + 1, now));
    }

    private Task ReactivateCoreAsync(ApplicationUser user, List<string> roles, DateTimeOffset now)
    {
        user.Active = true;
        user.LeftOn = null;
        Announce(user, Joined(user, roles, now));
        return Task.CompletedTask;
    }

    private static PersonJoined Joined(ApplicationUser user, List<string> roles, DateTimeOffset now) =>
        new(user.Id, user.UserName!, user.DisplayName, user.Email, user.Department, user.ManagerId, roles, user.Version + 1, now);

    /// <summary>Queues the event and grows the person's version to the event's.</summary>
    private void Announce(ApplicationUser user, Platform.Contracts.IIntegrationEvent @event)
    {
        user.Version++;
        user.UpdatedAt = @event switch
        {
            PersonJoined j => j.OccurredAt,
            PersonChanged c => c.OccurredAt,
            PersonLeft l => l.OccurredAt,
            _ => user.UpdatedAt,
        };
        db.AddIntegrationEvent(@event);
    }

    private static void Apply(ApplicationUser user, PersonInput input, DateTimeOffset now)
    {
        user.UserName = input.UserName!.Trim();
        user.DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? user.UserName : input.DisplayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        user.Department = string.IsNullOrWhiteSpace(input.Department) ? null : input.Department.Trim();
        user.ManagerId = string.IsNullOrWhiteSpace(input.ManagerId) ? null : input.ManagerId.Trim();
        if (input.ExternalId is not null) user.ExternalId = input.ExternalId.Length == 0 ? null : input.ExternalId;
        if (input.Roles is not null) user.AssignedRoles = [.. input.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        user.UpdatedAt = now;
    }

    private async Task<Validator> ValidateAsync(PersonInput input, ApplicationUser? self, CancellationToken ct)
    {
        var v = new Validator();
        if (self is null || input.UserName is not null) v.Person("userName", input.UserName?.Trim());
        v.Optional("displayName", input.DisplayName, Lengths.DisplayName)
            .Optional("department", input.Department, Lengths.Department)
            .Optional("externalId", input.ExternalId, Lengths.ExternalId)
            .Optional("email", input.Email, Lengths.Email)
            .Check(string.IsNullOrWhiteSpace(input.Email) || System.Net.Mail.MailAddress.TryCreate(input.Email.Trim(), out _),
                "email", "'email' is not an e-mail address.")
            .Person("managerId", input.ManagerId?.Trim(), required: false);
        foreach (var role in input.Roles ?? [])
            v.Check(KnownRoles.Contains(role, StringComparer.Ordinal), "roles", $"'{role}' is not a role; one of: {string.Join(", ", KnownRoles)}.");
        if (v.IsValid && !string.IsNullOrWhiteSpace(input.ManagerId))
        {
            var manager = input.ManagerId.Trim();
            v.Check(self is null || manager != self.Id, "managerId", "A person cannot be their own manager.")
                .Check(await db.Users.AnyAsync(u => u.Id == manager && !u.Deleted, ct), "managerId", $"'managerId' names no user ('{manager}').");
        }

        if (v.IsValid && self is not null && input.UserName is not null && input.UserName.Trim() != self.UserName)
        {
            var normalized = users.NormalizeName(input.UserName.Trim());
            if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized && u.Id != self.Id, ct))
                return new Validator().Check(false, "userName", $"A user named '{input.UserName.Trim()}' exists already.");
        }

        return v;
    }

    private async Task<DirectoryFailure?> ReplacePasswordAsync(ApplicationUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded) return PasswordFailure(check);
        }

        if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user));
        var result = await users.AddPasswordAsync(user, password);
        return result.Succeeded ? null : PasswordFailure(result);
    }

    private static DirectoryFailure PasswordFailure(IdentityResult result) => new(DirectoryError.Invalid,
        new Dictionary<string, string[]>(StringComparer.Ordinal) { ["password"] = [.. result.Errors.Select(e => e.Description)] });

    private static DirectoryFailure? Failed(IdentityResult result)
    {
        if (result.Succeeded) return null;
        var codes = result.Errors.Select(e => e.Code).ToList();
        if (codes.Contains(nameof(IdentityErrorDescriber.DuplicateUserName)))
            return DirectoryFailure.Field(DirectoryError.Duplicate, "userName", result.Errors.First().Description);
        if (codes.Contains(nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            return DirectoryFailure.Field(DirectoryError.Conflict, "user", "Someone changed this user meanwhile; read it again and retry.");
        var passwordErrors = result.Errors.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal)).ToList();
        if (passwordErrors.Count > 0) return PasswordFailure(IdentityResult.Failed([.. passwordErrors]));
        return new DirectoryFailure(DirectoryError.Invalid,
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["user"] = [.. result.Errors.Select(e => e.Description)] });
    }

    private async Task<(ApplicationUser?, DirectoryFailure?)> SaveAsync(
        ApplicationUser user, JoinableTransaction transaction, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (user, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, DirectoryFailure.Field(DirectoryError.Conflict, "user", "Someone changed this user meanwhile; read it again and retry."));
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return (null, DirectoryFailure.Field(DirectoryError.Duplicate, "userName", "A user of this name exists already."));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"The user store refused: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}

/// <summary>Scim:GroupRoles: which platform role the members of a SCIM group (by display name) get. Unmapped groups grant nothing.</summary>
public sealed class GroupRoles(IConfiguration configuration)
{
    private readonly Dictionary<string, string> _map = configuration.GetSection("Scim:GroupRoles").GetChildren()
        .Where(c => !string.IsNullOrWhiteSpace(c.Value))
        .ToDictionary(c => c.Key, c => c.Value!, StringComparer.OrdinalIgnoreCase);

    public string? RoleOf(string groupName) => _map.GetValueOrDefault(groupName);
}
