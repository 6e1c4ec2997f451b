using Platform.Contracts.People;

namespace Platform.Notifications.Consumers;

/// <summary>
/// Notifications' copy of the people directory (directory_people): the roles that role rules resolve ("all PMO
/// analysts") and the e-mail addresses mail goes to are read from it at fan-out, so a mover's new roles count from
/// the next event on. A leaver is taken out of every rule that names them (a rule left naming no one is disabled);
/// the fan-out and the dispatcher skip people who left, so nothing more reaches them, queued digests included.
/// The people events themselves are logged and forwarded to webhooks by <see cref="EventConsumer{TEvent}"/> like
/// any other event.
/// </summary>
public sealed class PeopleDirectoryConsumer(NotificationsDbContext db) : Platform.Messaging.People.PeopleDirectoryConsumer<NotificationsDbContext>(db)
{
    protected override async Task OnLeftAsync(PersonLeft e, DirectoryPerson person, CancellationToken ct)
    {
        // Tracked, so the change is saved with the directory row and the inbox row (one transaction), and audited like
        // an admin's edit; an edit made meanwhile fails the row version and the message is retried.
        foreach (var rule in await Db.Rules.Where(r => r.Users.Contains(e.UserId)).ToListAsync(ct))
        {
            rule.Users = rule.Users.Where(u => u != e.UserId).ToList();
            if (rule.Users.Count + rule.Roles.Count + rule.Relations.Count == 0) rule.Enabled = false;
            rule.UpdatedAt = e.OccurredAt;
        }
    }
}
