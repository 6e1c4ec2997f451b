using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Platform.Identity.Features.Users;

namespace Platform.Identity.Features.Scim;

/// <summary>What a SCIM User resource sets of a person.</summary>
public sealed record ScimUserState(
    string? UserName, string? DisplayName, string? Email, string? ExternalId, bool Active, string? Department, string? ManagerId)
{
    public PersonInput ToInput() => new(UserName, DisplayName, Email, Department, ManagerId, Roles: null, ExternalId ?? "", Active);
}

/// <summary>/scim/v2/Users: people provisioned by an identity provider, through <see cref="UserDirectory"/> like any other.</summary>
public static class ScimUsers
{
    private static readonly string[] FilterAttributes = ["username", "externalid", "emails.value", "active", "id", "displayname"];

    public static void Map(RouteGroupBuilder scim)
    {
        var users = scim.MapGroup("/Users");
        users.MapPost("", Create).WithName("ScimCreateUser");
        users.MapGet("", List).WithName("ScimListUsers");
        users.MapGet("/{id}", Get).WithName("ScimGetUser");
        users.MapPut("/{id}", Replace).WithName("ScimReplaceUser");
        users.MapPatch("/{id}", Patch).WithName("ScimPatchUser");
        users.MapDelete("/{id}", Delete).WithName("ScimDeleteUser");
    }

    private static async Task<IResult> Create(HttpRequest request, UserDirectory directory, IdentitySettings settings, CancellationToken ct)
    {
        var (body, error) = await ScimNode.ReadAsync(request, ct);
        if (error is not null) return error;
        var (state, invalid) = Parse(body!);
        if (invalid is not null) return invalid;
        var (user, failure) = await directory.CreateAsync(state!.ToInput(), password: null, ct);
        if (failure is not null) return Failed(failure);
        return Resource(user!, settings, StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(IdentityStoreDbContext db, IdentitySettings settings, UserManager<ApplicationUser> users,
        [FromQuery] string? filter, [FromQuery] int? startIndex, [FromQuery] int? count, CancellationToken ct)
    {
        var (comparisons, problem) = ScimFilter.Parse(filter, FilterAttributes);
        if (comparisons is null) return ScimResult.Error(StatusCodes.Status400BadRequest, "invalidFilter", problem!);
        var query = db.Users.AsNoTracking().Where(u => !u.Deleted);
        foreach (var (attribute, value) in comparisons)
        {
            switch (attribute)
            {
                case "username":
                    var name = users.NormalizeName(value);
                    query = query.Where(u => u.NormalizedUserName == name);
                    break;
                case "emails.value":
                    var email = users.NormalizeEmail(value);
                    query = query.Where(u => u.NormalizedEmail == email);
                    break;
                case "externalid":
                    query = query.Where(u => u.ExternalId == value);
                    break;
                case "id":
                    query = query.Where(u => u.Id == value);
                    break;
                case "displayname":
                    query = query.Where(u => u.DisplayName == value);
                    break;
                case "active" when value is "true" or "false":
                    var active = value == "true";
                    query = query.Where(u => u.Active == active);
                    break;
                default:
                    return ScimResult.Error(StatusCodes.Status400BadRequest, "invalidFilter", $"'{attribute}' compares with true or false.");
            }
        }

        var (skip, take, start) = ScimNode.Paging(startIndex, count);
        var total = await query.CountAsync(ct);
        var page = take == 0 ? [] : await query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new ScimResult(StatusCodes.Status200OK, ScimNode.ListResponse(total, start, [.. page.Select(u => ToJson(u, settings))]));
    }

    private static async Task<IResult> Get(string id, UserDirectory directory, IdentitySettings settings, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } user ? Resource(user, settings, StatusCodes.Status200OK) : ScimResult.NotFound("User", id);

    private static async Task<IResult> Replace(string id, HttpRequest request, UserDirectory directory, IdentitySettings settings, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user) return ScimResult.NotFound("User", id);
        var (body, error) = await ScimNode.ReadAsync(request, ct);
        if (error is not null) return error;
        return await UpdateAsync(directory, settings, user, body!, ct);
    }

    private static async Task<IResult> Patch(string id, HttpRequest request, UserDirectory directory, IdentitySettings settings, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user) return ScimResult.NotFound("User", id);
        var (body, error) = await ScimNode.ReadAsync(request, ct);
        if (error is not null) return error;
        var resource = ToJson(user, settings);
        if (ScimPatch.Apply(resource, body!, ScimSchemas.User, ScimSchemas.EnterpriseUser) is { } invalid) return invalid;
        return await UpdateAsync(directory, settings, user, resource, ct);
    }

    private static async Task<IResult> Delete(string id, UserDirectory directory, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user) return ScimResult.NotFound("User", id);
        return await directory.DeleteAsync(user, ct) is { } failure ? Failed(failure) : new ScimResult(StatusCodes.Status204NoContent, null);
    }

    private static async Task<IResult> UpdateAsync(UserDirectory directory, IdentitySettings settings, ApplicationUser user, JsonObject body, CancellationToken ct)
    {
        var (state, invalid) = Parse(body);
        if (invalid is not null) return invalid;
        var (updated, failure) = await directory.UpdateAsync(user, state!.ToInput(), ct);
        return failure is not null ? Failed(failure) : Resource(updated!, settings, StatusCodes.Status200OK);
    }

    /// <summary>A User resource (RFC 7643 §4.1) read into what the directory keeps; userName is required.</summary>
    public static (ScimUserState? State, ScimResult? Error) Parse(JsonObject body)
    {
        var errors = new List<string>();
        var userName = body.Text("userName", errors);
        var name = body.Get("name") as JsonObject;
        var displayName = body.Text("displayName", errors) ?? name.Text("formatted", errors);
        if (string.IsNullOrWhiteSpace(displayName))
        {
            var parts = new[] { name.Text("givenName", errors), name.Text("familyName", errors) }.Where(p => !string.IsNullOrWhiteSpace(p));
            displayName = string.Join(' ', parts);
        }

        string? email = null;
        if (body.Get("emails") is JsonArray emails)
        {
            var chosen = emails.OfType<JsonObject>().FirstOrDefault(e => ScimNode.Bool(e.Get("primary"), "primary", errors) == true)
                ?? emails.OfType<JsonObject>().FirstOrDefault();
            email = chosen.Text("value", errors);
        }

        var extension = body.Get(ScimSchemas.EnterpriseUser) as JsonObject;
        var department = extension.Text("department", errors);
        var manager = extension.Get("manager") switch
        {
            JsonObject m => m.Text("value", errors),
            JsonValue v when v.TryGetValue<string>(out var s) => s, // Entra ID sends the manager's id alone
            _ => null,
        };
        var active = ScimNode.Bool(body.Get("active"), "active", errors) ?? true;
        var externalId = body.Text("externalId", errors);
        if (string.IsNullOrWhiteSpace(userName)) errors.Add("'userName' is required.");
        if (errors.Count > 0) return (null, ScimResult.InvalidValue(string.Join(" ", errors)));
        return (new ScimUserState(userName, string.IsNullOrWhiteSpace(displayName) ? null : displayName, email, externalId, active, department,
            string.IsNullOrWhiteSpace(manager) ? null : manager), null);
    }

    public static JsonObject ToJson(ApplicationUser user, IdentitySettings settings)
    {
        var resource = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.EnterpriseUser),
            ["id"] = user.Id,
            ["userName"] = user.UserName,
            ["name"] = new JsonObject { ["formatted"] = user.DisplayName },
            ["displayName"] = user.DisplayName,
            ["active"] = user.Active,
        };
        if (user.ExternalId is not null) resource["externalId"] = user.ExternalId;
        if (user.Email is not null)
            resource["emails"] = new JsonArray(new JsonObject { ["value"] = user.Email, ["type"] = "work", ["primary"] = true });
        var extension = new JsonObject();
        if (user.Department is not null) extension["department"] = user.Department;
        if (user.ManagerId is not null) extension["manager"] = new JsonObject { ["value"] = user.ManagerId };
        resource[ScimSchemas.EnterpriseUser] = extension;
        resource["meta"] = Meta("User", user.Id, user.CreatedAt, user.UpdatedAt, user.Version, settings);
        return resource;
    }

    public static JsonObject Meta(string type, string id, DateTimeOffset created, DateTimeOffset modified, long version, IdentitySettings settings) => new()
    {
        ["resourceType"] = type,
        ["created"] = ScimNode.Timestamp(created),
        ["lastModified"] = ScimNode.Timestamp(modified),
        ["location"] = Location(type, id, settings),
        ["version"] = ScimNode.ETag(version),
    };

    public static string Location(string type, string id, IdentitySettings settings) =>
        new Uri(settings.Issuer!, $"scim/v2/{type}s/{Uri.EscapeDataString(id)}").AbsoluteUri;

    private static ScimResult Resource(ApplicationUser user, IdentitySettings settings, int status) =>
        new(status, ToJson(user, settings), status == StatusCodes.Status201Created ? Location("User", user.Id, settings) : null, ScimNode.ETag(user.Version));

    public static ScimResult Failed(DirectoryFailure failure) => failure.Kind switch
    {
        DirectoryError.Duplicate => ScimResult.Error(StatusCodes.Status409Conflict, "uniqueness", failure.Message),
        DirectoryError.Conflict => ScimResult.Error(StatusCodes.Status409Conflict, null, failure.Message),
        DirectoryError.NotFound => ScimResult.Error(StatusCodes.Status404NotFound, null, failure.Message),
        _ => ScimResult.InvalidValue(failure.Message),
    };
}
