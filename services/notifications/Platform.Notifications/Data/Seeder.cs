using Platform.Data.People;

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
            await db.LearnPersonAsync(new LearntPerson(userId, entry.DisplayName ?? userId, entry.Email, entry.Roles), CancellationToken.None);
    }
}
