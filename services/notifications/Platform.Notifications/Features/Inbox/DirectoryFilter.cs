using System.Collections.Concurrent;

namespace Platform.Notifications.Features.Inbox;

/// <summary>
/// Learns people from their tokens: a signed-in person's id, roles, name and e-mail go into the directory that rules
/// resolve roles against ("all PMO analysts"). Written once per change, not on every call.
/// </summary>
public sealed class DirectoryFilter(NotificationsDbContext db, TimeProvider clock) : IEndpointFilter
{
    private static readonly ConcurrentDictionary<string, string> Seen = new(StringComparer.Ordinal);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = http.User;
        var sub = user.FindFirst("sub")?.Value;
        if (sub is not null && !user.IsInRole(Roles.Integration))
        {
            var roles = user.FindAll(AuthExtensions.RoleClaimType).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
            var email = user.FindFirst("email")?.Value;
            var name = user.FindFirst("name")?.Value;
            var signature = $"{db.Database.GetConnectionString()}|{string.Join(',', roles)}|{email}|{name}";
            if (!Seen.TryGetValue(sub, out var known) || known != signature)
            {
                await Upsert(db, sub, email, name, roles, clock.GetUtcNow(), http.RequestAborted);
                Seen[sub] = signature;
            }
        }

        return await next(context);
    }

    public static Task Upsert(NotificationsDbContext db, string userId, string? email, string? name, List<string> roles, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO people (user_id, email, display_name, roles, updated_at) VALUES ({userId}, {email}, {name}, {roles}, {now})
            ON CONFLICT (user_id) DO UPDATE SET roles = excluded.roles, email = COALESCE(excluded.email, people.email),
                display_name = COALESCE(excluded.display_name, people.display_name), updated_at = excluded.updated_at
            """, ct);
}
