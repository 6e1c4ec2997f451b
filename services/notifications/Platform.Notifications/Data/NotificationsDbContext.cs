using Platform.Data.Reference;

namespace Platform.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<LoggedEvent> Events => Set<LoggedEvent>();
    public DbSet<NotificationRule> Rules => Set<NotificationRule>();
    /// <summary>The people directory copy (directory_people, kept by Consumers/PeopleDirectoryConsumer): roles, e-mails, leavers.</summary>
    public DbSet<DirectoryPerson> People => Set<DirectoryPerson>();
    public DbSet<Preference> Preferences => Set<Preference>();
    public DbSet<TicketContact> TicketContacts => Set<TicketContact>();
    public DbSet<ProjectContact> ProjectContacts => Set<ProjectContact>();
    public DbSet<InboxItem> Inbox => Set<InboxItem>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<DeliveryRecord> Deliveries => Set<DeliveryRecord>();
    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    /// <summary>
    /// The directory rows and the preferences of <paramref name="users"/>: from the process's snapshot
    /// (<see cref="PeopleSnapshot"/>) while it is kept, the database asked only about people it does not know; without
    /// it, one query (people, each with their preferences), and a second only for the preferences of people the
    /// directory does not know yet (their PersonJoined still on its way).
    /// </summary>
    public async Task<(Dictionary<string, DirectoryPerson> People, Dictionary<string, Preference> Preferences)> PeopleAndPreferencesAsync(
        IReadOnlyCollection<string> users, CancellationToken ct)
    {
        var people = new Dictionary<string, DirectoryPerson>(StringComparer.Ordinal);
        var preferences = new Dictionary<string, Preference>(StringComparer.Ordinal);
        IReadOnlyCollection<string> unheard = users;
        if (await PeopleSnapshotAsync(ct) is { } snapshot)
        {
            foreach (var user in users)
            {
                if (snapshot.Person(user) is not { } person) continue;
                people[user] = person;
                if (snapshot.PreferenceOf(user) is { } preference) preferences[user] = preference;
            }

            unheard = users.Where(u => !people.ContainsKey(u)).ToList();
            if (unheard.Count == 0) return (people, preferences);
        }

        var found = await People.AsNoTracking().Where(p => unheard.Contains(p.UserId))
            .Select(p => new { Person = p, Preference = Preferences.FirstOrDefault(x => x.UserId == p.UserId) }).ToListAsync(ct);
        foreach (var f in found)
        {
            people[f.Person.UserId] = f.Person;
            if (f.Preference is not null) preferences[f.Person.UserId] = f.Preference;
        }

        var unknown = unheard.Where(u => !people.ContainsKey(u)).ToList();
        if (unknown.Count > 0)
            foreach (var preference in await Preferences.AsNoTracking().Where(p => unknown.Contains(p.UserId)).ToListAsync(ct))
                preferences[preference.UserId] = preference;
        return (people, preferences);
    }

    /// <summary>The active people holding any of <paramref name="roles"/>.</summary>
    public async Task<IEnumerable<string>> ActiveWithAnyRoleAsync(IReadOnlyCollection<string> roles, CancellationToken ct) =>
        await PeopleSnapshotAsync(ct) is { } snapshot
            ? snapshot.ActiveWithAnyRole(roles)
            : await People.AsNoTracking().Where(p => p.Active && p.Roles.Any(r => roles.Contains(r))).Select(p => p.UserId).ToListAsync(ct);

    /// <summary>The process's snapshot of people and preferences, or null while none is kept (no listener, or switched off).</summary>
    private async ValueTask<PeopleSnapshot?> PeopleSnapshotAsync(CancellationToken ct)
    {
        var cache = this.ReferenceCache<PeopleSnapshot>();
        return cache.Listening ? await cache.GetAsync(this, ct) : null;
    }

    public const string DeliveryKey = "ux_deliveries_event_target";
    public const string InboxKey = "ux_inbox_items_user_event";
}
