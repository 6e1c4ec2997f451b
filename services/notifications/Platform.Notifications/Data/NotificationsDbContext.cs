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

    public const string DeliveryKey = "ux_deliveries_event_target";
    public const string InboxKey = "ux_inbox_items_user_event";
}
