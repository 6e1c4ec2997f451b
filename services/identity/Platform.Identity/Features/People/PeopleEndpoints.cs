using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Platform.ServiceDefaults;

namespace Platform.Identity.Features.People;

/// <summary>A person as pickers and lists show them; <see cref="Email"/> only for staff.</summary>
public sealed record PersonView(
    string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Department, string? ManagerId,
    bool Active, string? Email);

/// <summary>Who sees more of the directory: e-mail addresses and people who left.</summary>
public static class PeopleAccess
{
    extension(Caller caller)
    {
        public bool IsStaff => caller.IsIn(Roles.Agent, Roles.PmoAnalyst, Roles.PsoStaff, Roles.Admin);
    }
}

/// <summary>GET /api/people (the pickers' search) and GET /api/people/{id}, for anyone signed in.</summary>
public static class PeopleEndpoints
{
    public static IEndpointRouteBuilder MapPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/people").WithTags("People").RequireAuthorization(IdentityPolicies.People);
        group.MapGet("", Search).WithName("SearchPeople");
        group.MapGet("/{id}", Get).WithName("GetPerson");
        return app;
    }

    private static async Task<Results<Ok<Page<PersonView>>, ValidationProblem>> Search(
        HttpContext http, IdentityStoreDbContext db, [FromQuery] string? q, [FromQuery] string? role, [FromQuery] string? department,
        [FromQuery] bool? includeInactive, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct)
    {
        var staff = Caller.Of(http).IsStaff;
        var search = PeopleSearch.From(q, role, department, staff && includeInactive == true, limit, cursor, out var errors);
        if (errors is not null) return errors;
        return TypedResults.Ok(await search.RunAsync(db, showEmail: staff, ct));
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Get(string id, HttpContext http, IdentityStoreDbContext db, CancellationToken ct)
    {
        var staff = Caller.Of(http).IsStaff;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && !u.Deleted && (u.Active || staff), ct);
        if (user is null) return Problems.NotFound("Person", id);
        var roles = await PeopleSearch.RolesOfAsync(db, [user.Id], ct);
        return TypedResults.Ok(PeopleSearch.View(user, roles, staff));
    }
}

/// <summary>
/// The directory's search: q in display name or user name (case-insensitive, any script), a role, a department,
/// active people unless asked; ordered by display name, keyset-paged on (display name, id).
/// </summary>
public sealed record PeopleSearch(string? Text, string? Role, string? Department, bool IncludeInactive, int Take, (string Name, string Id)? After)
{
    public static PeopleSearch From(string? q, string? role, string? department, bool includeInactive, int? limit, string? cursor,
        out ValidationProblem? problem)
    {
        var v = new Validator().Optional("q", q, 200).Optional("role", role, 64).Optional("department", department, 200)
            .Check(limit is null or >= 1 and <= Keyset.MaxLimit, "limit", $"'limit' must be between 1 and {Keyset.MaxLimit}.");
        (string, string)? after = null;
        if (cursor is not null)
        {
            after = DecodeCursor(cursor);
            v.Check(after is not null, "cursor", "'cursor' is not a cursor this API returned.");
        }

        problem = v.IsValid ? null : Problems.Validation(v.Errors);
        return new PeopleSearch(RequestText.Blank(q), RequestText.Blank(role), RequestText.Blank(department), includeInactive, limit ?? Keyset.DefaultLimit, after);
    }

    public async Task<Page<PersonView>> RunAsync(IdentityStoreDbContext db, bool showEmail, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking().Where(u => !u.Deleted);
        if (!IncludeInactive) query = query.Where(u => u.Active);
        if (Text is not null)
        {
            var pattern = "%" + EscapeLike(Text) + "%";
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, pattern, "\\") || EF.Functions.ILike(u.UserName!, pattern, "\\"));
        }

        if (Role is not null)
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Role)));
        if (Department is not null)
        {
            var department = EscapeLike(Department);
            query = query.Where(u => u.Department != null && EF.Functions.ILike(u.Department, department, "\\"));
        }

        if (After is { } after)
            query = query.Where(u => string.Compare(u.DisplayName, after.Name) > 0
                || (u.DisplayName == after.Name && string.Compare(u.Id, after.Id) > 0));
        var rows = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Take(Take + 1).ToListAsync(ct);
        var page = rows.Take(Take).ToList();
        var roles = await RolesOfAsync(db, [.. page.Select(u => u.Id)], ct);
        var next = rows.Count > Take ? EncodeCursor(page[^1].DisplayName, page[^1].Id) : null;
        return new Page<PersonView>([.. page.Select(u => View(u, roles, showEmail))], next);
    }

    public static PersonView View(ApplicationUser u, Dictionary<string, List<string>> roles, bool showEmail) =>
        new(u.Id, u.UserName!, u.DisplayName, roles.GetValueOrDefault(u.Id) ?? [], u.Department, u.ManagerId, u.Active, showEmail ? u.Email : null);

    /// <summary>The roles of some users, sorted, by user id.</summary>
    public static async Task<Dictionary<string, List<string>>> RolesOfAsync(IdentityStoreDbContext db, List<string> ids, CancellationToken ct)
    {
        var pairs = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.Select(p => p.Name!).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Text matched literally by ILIKE (escape character \\).</summary>
    public static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string EncodeCursor(string name, string id) =>
        Base64UrlTextEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(new[] { name, id }));

    private static (string, string)? DecodeCursor(string cursor)
    {
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Base64UrlTextEncoder.Decode(cursor));
            return parts is [{ } name, { } id] ? (name, id) : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
