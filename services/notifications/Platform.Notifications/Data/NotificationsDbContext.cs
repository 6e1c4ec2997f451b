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
    /// The directory rows and the preferences of <paramref name="users"/>: one query (people, each with their
    /// preferences), and a second only for the preferences of people the directory does not know yet (their
    /// PersonJoined still on its way).
    /// </summary>
    public async Task<(Dictionary<string, DirectoryPerson> People, Dictionary<string, Preference> Preferences)> PeopleAndPreferencesAsync(
        IReadOnlyCollection<string> users, CancellationToken ct)
    {
        var found = await People.AsNoTracking().Where(p => users.Contains(p.UserId))
            .Select(p => new { Person = p, Preference = Preferences.FirstOrDefault(x => x.UserId == p.UserId) }).ToListAsync(ct);
        var people = found.ToDictionary(f => f.Person.UserId, f => f.Person, StringComparer.Ordinal);
        var preferences = found.Where(f => f.Preference is not null).ToDictionary(f => f.Person.UserId, f => f.Preference!, StringComparer.Ordinal);
        var unknown = users.Where(u => !people.ContainsKey(u)).ToList();
        if (unknown.Count > 0)
            foreach (var preference in await Preferences.AsNoTracking().Where(p => unknown.Contains(p.UserId)).ToListAsync(ct))
                preferences[preference.UserId] = preference;
        return (people, preferences);
    }

    public const string DeliveryKey = "ux_deliveries_event_target";
    public const string InboxKey = "ux_inbox_items_user_event";
}
