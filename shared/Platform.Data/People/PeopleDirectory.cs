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
    /// With People:LearnFromTokens, every signed-in person (not integration clients) is added to the directory copy
    /// the first time they call, and their roles and e-mail kept up to date from later tokens.
    /// </summary>
    public static void LearnPeopleFromTokens<TDbContext>(this WebApplication app) where TDbContext : DbContext
    {
        if (!app.Configuration.GetValue("People:LearnFromTokens", false)) return;
        var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 });
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { Length: > 0 and <= DirectoryModelBuilderExtensions.IdLength } id)
            {
                var caller = Caller.Of(context);
                if (caller.IsIn(Roles.Integration)) { await next(context); return; }
                var name = context.User.FindFirst("name")?.Value ?? context.User.FindFirst("preferred_username")?.Value ?? id;
                var email = context.User.FindFirst("email")?.Value;
                var roles = caller.Roles.Order(StringComparer.Ordinal).ToArray();
                var key = $"{id}\n{name}\n{email}\n{string.Join(',', roles)}";
                if (!cache.TryGetValue(key, out _))
                {
                    var db = context.RequestServices.GetRequiredService<TDbContext>();
                    name = name.Length > DirectoryModelBuilderExtensions.IdLength ? name[..DirectoryModelBuilderExtensions.IdLength] : name;
                    email = email is { Length: > 320 } ? null : email;
                    await db.Database.ExecuteSqlAsync(
                        $"""
                         INSERT INTO directory_people (user_id, user_name, display_name, email, roles, active, version, updated_at)
                         VALUES ({id}, {id}, {name}, {email}, {roles}, true, 0, now())
                         ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email,
                             roles = EXCLUDED.roles, active = true, version = 0, updated_at = now()
                         WHERE directory_people.version <= 0
                         """, context.RequestAborted);
                    cache.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
                }
            }
            await next(context);
        });
    }
}
