using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults;

namespace Platform.Data.People;

/// <summary>
/// People:LearnFromTokens — where the platform runs against an identity provider that does not provision people
/// (no SCIM, no PersonJoined events), a person is learnt from the token they sign in with: id, name, e-mail, roles.
/// A person identity has told the service about is never overwritten by a token.
/// </summary>
/// <summary>
/// A person as a token, identity's API or configuration describes them (see <see cref="PeopleDirectory.LearnPersonAsync"/>).
/// <see cref="Profile"/> is what only identity's API knows (user name, department, manager); null keeps what the copy has.
/// </summary>
public sealed record LearntPerson(string UserId, string DisplayName, string? Email, IEnumerable<string> Roles, LearntProfile? Profile = null);

/// <summary>A learnt person's user name, department and manager, as identity's API gives them.</summary>
public sealed record LearntProfile(string UserName, string? Department, string? ManagerId);

public sealed class PeopleDirectoryOptions
{
    public bool LearnFromTokens { get; set; }
}

/// <summary>Checks the people a request names against the service's copy of the directory.</summary>
public static class PeopleDirectory
{
    public const string UnknownPersonCode = "unknown-person";

    /// <summary>
    /// The ids among <paramref name="ids"/> that name no active person (null and empty ids are not checked). Those the
    /// copy lacks are looked up in the directory itself when People:DirectoryApi is set (<see cref="PeopleLookup"/>).
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnknownPeopleAsync(this DbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.Where(i => !string.IsNullOrEmpty(i)).Select(i => i!).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return [];
        var known = await db.Set<DirectoryPerson>().AsNoTracking()
            .Where(p => wanted.Contains(p.UserId) && p.Active).Select(p => p.UserId).ToListAsync(ct);
        var unknown = wanted.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0 && db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
                ?.GetService<PeopleLookup>() is { } lookup)
            unknown = unknown.Except(await lookup.LearnAsync(db, unknown, ct), StringComparer.Ordinal).ToList();
        return unknown;
    }

    /// <summary>
    /// A 422 ProblemDetails (code <c>unknown-person</c>, the fields in <c>errors</c>) when a field names someone who
    /// is not an active person in the directory; null when everyone named is known. A field may appear more than once
    /// (a list of people).
    /// </summary>
    public static async Task<ProblemHttpResult?> CheckPeopleAsync(this DbContext db, CancellationToken ct, params IEnumerable<(string Field, string? UserId)> named)
    {
        var pairs = named.Where(n => !string.IsNullOrEmpty(n.UserId)).ToList();
        var unknown = (await db.UnknownPeopleAsync(pairs.Select(n => n.UserId), ct)).ToHashSet(StringComparer.Ordinal);
        if (unknown.Count == 0) return null;
        var errors = pairs.Where(n => unknown.Contains(n.UserId!)).GroupBy(n => n.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(n => $"'{n.UserId}' is not a known, active person.").Distinct().ToArray(), StringComparer.Ordinal);
        return UnknownPerson(errors);
    }

    /// <summary><see cref="CheckPeopleAsync(DbContext, CancellationToken, IEnumerable{ValueTuple{string, string}})"/> for one field holding a list of people.</summary>
    public static Task<ProblemHttpResult?> CheckPeopleAsync(this DbContext db, string field, IEnumerable<string?>? userIds, CancellationToken ct) =>
        db.CheckPeopleAsync(ct, (userIds ?? []).Select(id => (field, id)));

    /// <summary>The 422 for people the directory does not know, by field.</summary>
    public static ProblemHttpResult UnknownPerson(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Unknown person",
            detail: $"{string.Join(", ", errors.SelectMany(e => e.Value))} Pick people from GET /api/people.",
            type: "https://platform.example/problems/unknown-person",
            extensions: new Dictionary<string, object?> { ["code"] = UnknownPersonCode, ["errors"] = errors });

    /// <summary>
    /// Writes a person learnt outside identity's events (a token, identity's API, configuration) to the copy at version
    /// 0: added, or refreshed if only ever learnt that way; a person identity's events told us about is left as it is.
    /// Over-long names are cut, an over-long e-mail dropped.
    /// </summary>
    public static async Task LearnPersonAsync(this DbContext db, LearntPerson p, CancellationToken ct)
    {
        var name = p.DisplayName.Length > DirectoryModelBuilderExtensions.IdLength ? p.DisplayName[..DirectoryModelBuilderExtensions.IdLength] : p.DisplayName;
        var email = p.Email is { Length: > DirectoryModelBuilderExtensions.EmailLength } ? null : p.Email;
        var roles = p.Roles.ToArray();
        var known = p.Profile is not null;
        var userName = p.Profile?.UserName ?? p.UserId;
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO directory_people (user_id, user_name, display_name, email, department, manager_id, roles, active, version, updated_at)
             VALUES ({p.UserId}, {userName}, {name}, {email}, {p.Profile?.Department}, {p.Profile?.ManagerId}, {roles}, true, 0, now())
             ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email, roles = EXCLUDED.roles,
                 user_name = CASE WHEN {known} THEN EXCLUDED.user_name ELSE directory_people.user_name END,
                 department = CASE WHEN {known} THEN EXCLUDED.department ELSE directory_people.department END,
                 manager_id = CASE WHEN {known} THEN EXCLUDED.manager_id ELSE directory_people.manager_id END,
                 active = true, version = 0, updated_at = now()
             WHERE directory_people.version <= 0
             """, ct);
    }

    /// <summary>
    /// With People:LearnFromTokens, every signed-in person (not integration clients) is added to the directory copy
    /// the first time they call, and their roles and e-mail kept up to date from later tokens.
    /// </summary>
    public static void LearnPeopleFromTokens<TDbContext>(this WebApplication app) where TDbContext : DbContext
    {
        if (!app.Configuration.GetValue("People:LearnFromTokens", false)) return;
        var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 });
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true
                && context.User.FindFirst("sub")?.Value is { Length: > 0 and <= DirectoryModelBuilderExtensions.IdLength } id
                && Caller.Of(context) is var caller && !caller.IsIn(Roles.Integration))
            {
                var name = context.User.FindFirst("name")?.Value ?? context.User.FindFirst("preferred_username")?.Value ?? id;
                var email = context.User.FindFirst("email")?.Value;
                var roles = caller.Roles.Order(StringComparer.Ordinal).ToArray();
                var key = $"{id}\n{name}\n{email}\n{string.Join(',', roles)}";
                if (!cache.TryGetValue(key, out _))
                {
                    var db = context.RequestServices.GetRequiredService<TDbContext>();
                    await db.LearnPersonAsync(new LearntPerson(id, name, email, roles), context.RequestAborted);
                    cache.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
                }
            }
            await next(context);
        });
    }
}
