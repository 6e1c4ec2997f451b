using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Identity.Features.People;
using Platform.ServiceDefaults;

namespace Platform.Identity.Features.Users;

public sealed record CreateUserRequest(
    string? UserName, string? DisplayName, string? Email, string? Department, string? ManagerId,
    IReadOnlyList<string>? Roles, string? Password);

/// <summary>PUT: the whole profile (roles left as they are when absent).</summary>
public sealed record UpdateUserRequest(
    string? UserName, string? DisplayName, string? Email, string? Department, string? ManagerId, IReadOnlyList<string>? Roles);

public sealed record SetPasswordRequest(string? Password);

public sealed record PasswordLinkResponse(string SentTo, DateTimeOffset ExpiresAt);

public sealed record UserView(
    string Id, string UserName, string DisplayName, string? Email, string? Department, string? ManagerId,
    IReadOnlyList<string> Roles, bool Active, DateOnly? LeftOn, DateTimeOffset? LockedOutUntil, string? ExternalId,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserView From(ApplicationUser u, IReadOnlyList<string> roles) => new(
        u.Id, u.UserName!, u.DisplayName, u.Email, u.Department, u.ManagerId, roles, u.Active, u.LeftOn,
        u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null, u.ExternalId, u.Version, u.CreatedAt, u.UpdatedAt);
}

/// <summary>
/// The admin API of the people directory (/api/users, admins only): create, read, list, replace, patch, deactivate,
/// reactivate, delete, set a password or send a set-password link. Every change goes through <see cref="UserDirectory"/>.
/// </summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(IdentityPolicies.UsersAdmin);
        group.MapPost("", Create).WithName("CreateUser");
        group.MapGet("", List).WithName("ListUsers");
        group.MapGet("/{id}", Get).WithName("GetUser");
        group.MapPut("/{id}", Replace).WithName("ReplaceUser");
        group.MapPatch("/{id}", Patch).WithName("PatchUser");
        group.MapDelete("/{id}", Delete).WithName("DeleteUser");
        group.MapPost("/{id}/deactivate", Deactivate).WithName("DeactivateUser");
        group.MapPost("/{id}/reactivate", Reactivate).WithName("ReactivateUser");
        group.MapPost("/{id}/password", SetPassword).WithName("SetUserPassword");
        group.MapPost("/{id}/password-link", SendPasswordLink).WithName("SendPasswordLink");
        return app;
    }

    private static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUserRequest request, UserDirectory directory, IdentityStoreDbContext db, CancellationToken ct)
    {
        var (user, failure) = await directory.CreateAsync(
            new PersonInput(request.UserName, request.DisplayName, request.Email, request.Department, request.ManagerId, request.Roles ?? []),
            string.IsNullOrEmpty(request.Password) ? null : request.Password, ct);
        if (failure is not null) return Problem(failure);
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(user!.Id)}", await ViewAsync(db, user, ct));
    }

    private static async Task<Results<Ok<Page<PersonView>>, ValidationProblem>> List(
        IdentityStoreDbContext db, [FromQuery] string? q, [FromQuery] string? role, [FromQuery] string? department,
        [FromQuery] bool? includeInactive, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct)
    {
        var search = PeopleSearch.From(q, role, department, includeInactive ?? true, limit, cursor, out var errors);
        if (errors is not null) return errors;
        return TypedResults.Ok(await search.RunAsync(db, showEmail: true, ct));
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Get(string id, UserDirectory directory, IdentityStoreDbContext db, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } user ? TypedResults.Ok(await ViewAsync(db, user, ct)) : Problems.NotFound("User", id);

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Replace(
        string id, UpdateUserRequest request, UserDirectory directory, IdentityStoreDbContext db, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user) return Problems.NotFound("User", id);
        return await UpdateAsync(directory, db, user, new PersonInput(request.UserName, request.DisplayName, request.Email,
            request.Department, request.ManagerId, request.Roles, Active: user.Active), ct);
    }

    /// <summary>JSON merge patch (RFC 7396): the fields present change, null clears.</summary>
    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Patch(
        string id, JsonElement body, UserDirectory directory, IdentityStoreDbContext db, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user) return Problems.NotFound("User", id);
        if (body.ValueKind != JsonValueKind.Object) return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["The body must be a JSON object."] });
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? Text(string name, string? current)
        {
            if (!body.TryGetProperty(name, out var value)) return current;
            if (value.ValueKind is JsonValueKind.String or JsonValueKind.Null) return value.GetString();
            errors[name] = [$"'{name}' must be a string or null."];
            return current;
        }

        IReadOnlyList<string>? roles = null;
        if (body.TryGetProperty("roles", out var r))
        {
            if (r.ValueKind == JsonValueKind.Array && r.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                roles = [.. r.EnumerateArray().Select(e => e.GetString()!)];
            else errors["roles"] = ["'roles' must be an array of role names."];
        }

        var input = new PersonInput(Text("userName", user.UserName), Text("displayName", user.DisplayName), Text("email", user.Email),
            Text("department", user.Department), Text("managerId", user.ManagerId), roles, Active: user.Active);
        if (errors.Count > 0) return Problems.Validation(errors);
        return await UpdateAsync(directory, db, user, input, ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, HttpContext http, UserDirectory directory, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user) return Problems.NotFound("User", id);
        if (Caller.Of(http).Id == user.Id) return Problems.Conflict("own-account", "Admins cannot delete their own account.");
        var failure = await directory.DeleteAsync(user, ct);
        return failure is null ? TypedResults.NoContent() : Problems.Conflict("concurrency-conflict", failure.Message);
    }

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Deactivate(
        string id, HttpContext http, UserDirectory directory, IdentityStoreDbContext db, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user) return Problems.NotFound("User", id);
        if (Caller.Of(http).Id == user.Id) return Problems.Conflict("own-account", "Admins cannot deactivate their own account.");
        return await Done(db, await directory.DeactivateAsync(user, ct), ct);
    }

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Reactivate(
        string id, UserDirectory directory, IdentityStoreDbContext db, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } user
            ? await Done(db, await directory.ReactivateAsync(user, ct), ct)
            : Problems.NotFound("User", id);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPassword(
        string id, SetPasswordRequest request, UserDirectory directory, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user) return Problems.NotFound("User", id);
        var failure = await directory.SetPasswordAsync(user, request.Password, ct);
        return failure is null ? TypedResults.NoContent() : Problem(failure);
    }

    private static async Task<Results<Accepted<PasswordLinkResponse>, ProblemHttpResult>> SendPasswordLink(
        string id, UserDirectory directory, PasswordLinks links, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user) return Problems.NotFound("User", id);
        var (sent, problem) = await links.SendAsync(user, ct);
        return sent is null ? problem! : TypedResults.Accepted((string?)null, sent);
    }

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        UserDirectory directory, IdentityStoreDbContext db, ApplicationUser user, PersonInput input, CancellationToken ct) =>
        await Done(db, await directory.UpdateAsync(user, input, ct), ct);

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Done(
        IdentityStoreDbContext db, (ApplicationUser? User, DirectoryFailure? Failure) outcome, CancellationToken ct) =>
        outcome.Failure is { } failure ? Problem(failure) : TypedResults.Ok(await ViewAsync(db, outcome.User!, ct));

    public static async Task<UserView> ViewAsync(IdentityStoreDbContext db, ApplicationUser user, CancellationToken ct) =>
        UserView.From(user, (await PeopleSearch.RolesOfAsync(db, [user.Id], ct)).GetValueOrDefault(user.Id) ?? []);

    /// <summary>A refusal of the directory as ProblemDetails: 400 with field errors, 409 for a duplicate or a concurrent edit.</summary>
    private static ProblemHttpResult Problem(DirectoryFailure failure) => failure.Kind switch
    {
        DirectoryError.Duplicate => Problems.Conflict("duplicate", failure.Message),
        DirectoryError.Conflict => Problems.Conflict("concurrency-conflict", failure.Message),
        DirectoryError.NotFound => Problems.NotFound("User", failure.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "One or more fields are invalid.",
            extensions: new Dictionary<string, object?> { ["errors"] = failure.Errors }),
    };
}
