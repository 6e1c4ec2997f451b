using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Platform.Data;
using Platform.Identity.Domain;
using Platform.Identity.Features.People;
using Platform.Identity.Features.Users;

namespace Platform.Identity.Features.Scim;

/// <summary>
/// /scim/v2/Groups: groups with their members. A group whose display name Scim:GroupRoles maps to a platform role gives
/// its members that role (their roles change, PersonChanged); any other group is kept and grants nothing.
/// </summary>
public static class ScimGroups
{
    private static readonly string[] FilterAttributes = ["displayname", "externalid", "id"];

    public static void Map(RouteGroupBuilder scim)
    {
        var groups = scim.MapGroup("/Groups");
        groups.MapPost("", Create).WithName("ScimCreateGroup");
        groups.MapGet("", List).WithName("ScimListGroups");
        groups.MapGet("/{id}", Get).WithName("ScimGetGroup");
        groups.MapPut("/{id}", Replace).WithName("ScimReplaceGroup");
        groups.MapPatch("/{id}", Patch).WithName("ScimPatchGroup");
        groups.MapDelete("/{id}", Delete).WithName("ScimDeleteGroup");
    }

    private static async Task<IResult> Create(HttpRequest request, IdentityStoreDbContext db, UserDirectory directory,
        IdentitySettings settings, TimeProvider clock, CancellationToken ct)
    {
        var (body, error) = await ScimNode.ReadAsync(request, ct);
        if (error is not null) return error;
        var now = clock.GetUtcNow();
        var group = new ScimGroup { Id = Guid.CreateVersion7(), CreatedAt = now, UpdatedAt = now };
        db.ScimGroups.Add(group);
        return await SaveAsync(db, directory, settings, group, body!, [], StatusCodes.Status201Created, ct);
    }

    private static async Task<IResult> List(IdentityStoreDbContext db, IdentitySettings settings, [FromQuery] string? filter,
        [FromQuery] int? startIndex, [FromQuery] int? count, [FromQuery] string? excludedAttributes, CancellationToken ct)
    {
        var (comparisons, problem) = ScimFilter.Parse(filter, FilterAttributes);
        if (comparisons is null) return ScimResult.Error(StatusCodes.Status400BadRequest, "invalidFilter", problem!);
        var query = db.ScimGroups.AsNoTracking();
        foreach (var (attribute, value) in comparisons)
        {
            switch (attribute)
            {
                case "displayname":
                    var pattern = PeopleSearch.EscapeLike(value);
                    query = query.Where(g => EF.Functions.ILike(g.DisplayName, pattern, "\\"));
                    break;
                case "externalid":
                    query = query.Where(g => g.ExternalId == value);
                    break;
                default:
                    if (!Guid.TryParse(value, out var id)) return ScimResult.NotFound("Group", value);
                    query = query.Where(g => g.Id == id);
                    break;
            }
        }

        var withMembers = excludedAttributes?.Contains("members", StringComparison.OrdinalIgnoreCase) != true;
        var (skip, take, start) = ScimNode.Paging(startIndex, count);
        var total = await query.CountAsync(ct);
        if (withMembers) query = query.Include(g => g.Members);
        var page = take == 0 ? [] : await query.OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new ScimResult(StatusCodes.Status200OK, ScimNode.ListResponse(total, start, [.. page.Select(g => ToJson(g, settings, withMembers))]));
    }

    private static async Task<IResult> Get(string id, IdentityStoreDbContext db, IdentitySettings settings, CancellationToken ct) =>
        await FindAsync(db, id, ct) is { } group
            ? new ScimResult(StatusCodes.Status200OK, ToJson(group, settings, true), etag: ScimNode.ETag(group.Version))
            : ScimResult.NotFound("Group", id);

    private static async Task<IResult> Replace(string id, HttpRequest request, IdentityStoreDbContext db, UserDirectory directory,
        IdentitySettings settings, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } group) return ScimResult.NotFound("Group", id);
        var (body, error) = await ScimNode.ReadAsync(request, ct);
        if (error is not null) return error;
        return await SaveAsync(db, directory, settings, group, body!, [.. group.Members.Select(m => m.UserId)], StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> Patch(string id, HttpRequest request, IdentityStoreDbContext db, UserDirectory directory,
        IdentitySettings settings, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } group) return ScimResult.NotFound("Group", id);
        var (body, error) = await ScimNode.ReadAsync(request, ct);
        if (error is not null) return error;
        var resource = ToJson(group, settings, true);
        if (ScimPatch.Apply(resource, body!, ScimSchemas.Group) is { } invalid) return invalid;
        return await SaveAsync(db, directory, settings, group, resource, [.. group.Members.Select(m => m.UserId)], StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> Delete(string id, IdentityStoreDbContext db, UserDirectory directory, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } group) return ScimResult.NotFound("Group", id);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var members = group.Members.Select(m => m.UserId).ToList();
        db.ScimGroups.Remove(group);
        await db.SaveChangesAsync(ct);
        await directory.ResyncRolesAsync(members, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ScimResult(StatusCodes.Status204NoContent, null);
    }

    /// <summary>Sets the group from a whole Group resource, then resyncs the roles of its members before and after.</summary>
    private static async Task<IResult> SaveAsync(IdentityStoreDbContext db, UserDirectory directory, IdentitySettings settings,
        ScimGroup group, JsonObject body, List<string> membersBefore, int status, CancellationToken ct)
    {
        var errors = new List<string>();
        var displayName = body.Text("displayName", errors)?.Trim();
        var externalId = body.Text("externalId", errors);
        var members = new List<string>();
        switch (body.Get("members"))
        {
            case null:
                break;
            case JsonArray list:
                foreach (var item in list)
                    if ((item as JsonObject).Text("value", errors) is { Length: > 0 } value) members.Add(value);
                    else errors.Add("Each member needs a 'value' (the user's id).");
                break;
            default:
                errors.Add("'members' is an array.");
                break;
        }

        if (string.IsNullOrWhiteSpace(displayName)) errors.Add("'displayName' is required.");
        else if (displayName.Length > Lengths.GroupName) errors.Add($"'displayName' must be at most {Lengths.GroupName} characters.");
        if (externalId?.Length > Lengths.ExternalId) errors.Add($"'externalId' must be at most {Lengths.ExternalId} characters.");
        members = [.. members.Distinct(StringComparer.Ordinal)];
        if (members.Count > 10_000) errors.Add("At most 10000 members per group.");
        if (errors.Count > 0) return ScimResult.InvalidValue(string.Join(" ", errors));

        var known = await db.Users.Where(u => members.Contains(u.Id) && !u.Deleted).Select(u => u.Id).ToListAsync(ct);
        if (known.Count != members.Count)
            return ScimResult.InvalidValue($"Unknown members: {string.Join(", ", members.Except(known, StringComparer.Ordinal).Take(20))}.");
        var sameName = PeopleSearch.EscapeLike(displayName!);
        if (await db.ScimGroups.AnyAsync(g => g.Id != group.Id && EF.Functions.ILike(g.DisplayName, sameName, "\\"), ct))
            return ScimResult.Error(StatusCodes.Status409Conflict, "uniqueness", $"A group named '{displayName}' exists already.");

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        group.DisplayName = displayName!;
        group.ExternalId = externalId;
        group.Members.RemoveAll(m => !members.Contains(m.UserId));
        foreach (var id in members.Where(id => group.Members.All(m => m.UserId != id)))
            group.Members.Add(new ScimGroupMember { GroupId = group.Id, UserId = id });
        if (status != StatusCodes.Status201Created)
        {
            group.Version++;
            group.UpdatedAt = DateTimeOffset.UtcNow;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await directory.ResyncRolesAsync(membersBefore.Union(members), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ScimResult.Error(StatusCodes.Status409Conflict, "uniqueness", $"A group named '{displayName}' exists already.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return ScimResult.Error(StatusCodes.Status409Conflict, null, "The group changed meanwhile; read it again and retry.");
        }

        var location = status == StatusCodes.Status201Created ? ScimUsers.Location("Group", group.Id.ToString(), settings) : null;
        return new ScimResult(status, ToJson(group, settings, true), location, ScimNode.ETag(group.Version));
    }

    private static async Task<ScimGroup?> FindAsync(IdentityStoreDbContext db, string id, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) ? await db.ScimGroups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == guid, ct) : null;

    private static JsonObject ToJson(ScimGroup group, IdentitySettings settings, bool withMembers)
    {
        var id = group.Id.ToString();
        var resource = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Group),
            ["id"] = id,
            ["displayName"] = group.DisplayName,
        };
        if (group.ExternalId is not null) resource["externalId"] = group.ExternalId;
        if (withMembers)
            resource["members"] = new JsonArray([.. group.Members.OrderBy(m => m.UserId, StringComparer.Ordinal).Select(m => (JsonNode)new JsonObject
            {
                ["value"] = m.UserId,
                ["$ref"] = ScimUsers.Location("User", m.UserId, settings),
                ["type"] = "User",
            })]);
        resource["meta"] = ScimUsers.Meta("Group", id, group.CreatedAt, group.UpdatedAt, group.Version, settings);
        return resource;
    }
}
