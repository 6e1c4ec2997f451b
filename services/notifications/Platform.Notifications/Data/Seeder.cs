namespace Platform.Notifications.Data;

/// <summary>
/// At start-up: the built-in rules (once; later edits are kept) and the people configured in Notifications:Directory,
/// written into the directory copy as people learnt without identity (version 0): identity's events always win.
/// </summary>
public static class Seeder
{
    public static async Task SeedAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var rule in NotificationRule.Defaults(now))
        {
            if (await db.Rules.AnyAsync(r => r.Id == rule.Id)) continue;
            db.Rules.Add(rule);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Another replica seeded it first.
                db.ChangeTracker.Clear();
            }
        }

        var directory = scope.ServiceProvider.GetRequiredService<IOptions<NotificationsOptions>>().Value.Directory;
        foreach (var (userId, entry) in directory)
        {
            var name = entry.DisplayName ?? userId;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO directory_people (user_id, user_name, display_name, email, roles, active, version, updated_at)
                VALUES ({userId}, {userId}, {name}, {entry.Email}, {entry.Roles}, true, 0, {now})
                ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, email = excluded.email, roles = excluded.roles,
                    active = true, updated_at = excluded.updated_at
                WHERE directory_people.version <= 0
                """);
        }
    }
}
