using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Platform.Messaging;
using Platform.Notifications.Domain;

namespace Platform.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<LoggedEvent> Events => Set<LoggedEvent>();
    public DbSet<NotificationRule> Rules => Set<NotificationRule>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Preference> Preferences => Set<Preference>();
    public DbSet<TicketContact> TicketContacts => Set<TicketContact>();
    public DbSet<ProjectContact> ProjectContacts => Set<ProjectContact>();
    public DbSet<InboxItem> Inbox => Set<InboxItem>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<DeliveryRecord> Deliveries => Set<DeliveryRecord>();
    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    public const string DeliveryKey = "ux_deliveries_event_target";
    public const string InboxKey = "ux_inbox_items_user_event";

    private static readonly JsonSerializerOptions FilterJson = new(JsonSerializerDefaults.Web);

    private static readonly ValueConverter<Filters, string> FiltersConverter = new(
        f => JsonSerializer.Serialize(f, FilterJson),
        s => JsonSerializer.Deserialize<Filters>(s, FilterJson) ?? Filters.None);

    private static readonly ValueComparer<Filters> FiltersComparer = new(
        (a, b) => JsonSerializer.Serialize(a, FilterJson) == JsonSerializer.Serialize(b, FilterJson),
        f => JsonSerializer.Serialize(f, FilterJson).GetHashCode(StringComparison.Ordinal),
        f => JsonSerializer.Deserialize<Filters>(JsonSerializer.Serialize(f, FilterJson), FilterJson)!);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LoggedEvent>(b =>
        {
            b.ToTable("event_log");
            b.HasKey(e => e.Id);
            b.Property(e => e.Id).ValueGeneratedNever();
            b.Property(e => e.Seq).UseIdentityAlwaysColumn();
            b.HasIndex(e => e.Seq).IsUnique();
            b.Property(e => e.Type).HasMaxLength(200);
            b.Property(e => e.Domain).HasMaxLength(50);
            b.Property(e => e.Subject).HasMaxLength(200);
            b.Property(e => e.Severity).HasMaxLength(50);
            b.Property(e => e.ProjectKey).HasMaxLength(50);
            b.Property(e => e.Priority).HasMaxLength(20);
            b.Property(e => e.Category).HasMaxLength(100);
            b.Property(e => e.Status).HasMaxLength(50);
            b.Property(e => e.Data).HasColumnType("jsonb");
            b.Property(e => e.TraceParent).HasMaxLength(128);
            b.Property(e => e.TraceState).HasMaxLength(512);
            b.HasIndex(e => e.OccurredAt);
            // GET /api/events?subject=: one subject's events in log order, either way.
            b.HasIndex(e => new { e.Subject, e.Seq });
        });

        modelBuilder.Entity<NotificationRule>(b =>
        {
            b.ToTable("notification_rules");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Name).HasMaxLength(200);
            b.Property(r => r.Filters).HasColumnType("jsonb").HasConversion(FiltersConverter, FiltersComparer);
            b.Property(r => r.Version).IsRowVersion();
        });

        modelBuilder.Entity<Person>(b =>
        {
            b.ToTable("people");
            b.HasKey(p => p.UserId);
            b.Property(p => p.UserId).HasMaxLength(200);
            b.Property(p => p.Email).HasMaxLength(320);
            b.Property(p => p.DisplayName).HasMaxLength(200);
            b.HasIndex(p => p.Roles).HasMethod("gin");
        });

        modelBuilder.Entity<Preference>(b =>
        {
            b.ToTable("notification_preferences");
            b.HasKey(p => p.UserId);
            b.Property(p => p.UserId).HasMaxLength(200);
            b.Property(p => p.TimeZone).HasMaxLength(100);
            b.Property(p => p.EmailAddress).HasMaxLength(320);
        });

        modelBuilder.Entity<TicketContact>(b =>
        {
            b.ToTable("ticket_contacts");
            b.HasKey(t => t.TicketId);
            b.Property(t => t.TicketId).ValueGeneratedNever();
            b.Property(t => t.TicketKey).HasMaxLength(50);
            b.Property(t => t.Requester).HasMaxLength(200);
            b.Property(t => t.Assignee).HasMaxLength(200);
        });

        modelBuilder.Entity<ProjectContact>(b =>
        {
            b.ToTable("project_contacts");
            b.HasKey(p => p.ProjectId);
            b.Property(p => p.ProjectId).ValueGeneratedNever();
            b.Property(p => p.ProjectKey).HasMaxLength(50);
            b.Property(p => p.Manager).HasMaxLength(200);
            b.Property(p => p.Sponsor).HasMaxLength(200);
        });

        modelBuilder.Entity<InboxItem>(b =>
        {
            b.ToTable("inbox_items");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).UseIdentityAlwaysColumn();
            b.Property(i => i.UserId).HasMaxLength(200);
            b.Property(i => i.EventType).HasMaxLength(200);
            b.Property(i => i.Subject).HasMaxLength(200);
            b.Property(i => i.Title).HasMaxLength(300);
            b.Property(i => i.Body).HasMaxLength(4_000);
            b.Property(i => i.Severity).HasMaxLength(50);
            b.HasIndex(i => new { i.UserId, i.EventId }).IsUnique().HasDatabaseName(InboxKey);
            b.HasIndex(i => new { i.UserId, i.Id });
            b.HasIndex(i => i.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_inbox_items_unread");
        });

        modelBuilder.Entity<Subscription>(b =>
        {
            b.ToTable("webhook_subscriptions");
            b.HasKey(s => s.Id);
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.Owner).HasMaxLength(200);
            b.Property(s => s.Url).HasMaxLength(2_000);
            b.Property(s => s.Secret).HasMaxLength(200);
            b.Property(s => s.Description).HasMaxLength(500);
            b.Property(s => s.Filters).HasColumnType("jsonb").HasConversion(FiltersConverter, FiltersComparer);
            b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(s => s.DisabledReason).HasMaxLength(500);
            b.Property(s => s.Version).IsRowVersion();
            b.HasIndex(s => new { s.Owner, s.CreatedAt });
            b.HasIndex(s => s.Status);
        });

        modelBuilder.Entity<DeliveryRecord>(b =>
        {
            b.ToTable("deliveries");
            b.HasKey(d => d.Id);
            b.Property(d => d.Id).UseIdentityAlwaysColumn();
            b.Property(d => d.Target).HasMaxLength(300);
            b.Property(d => d.Channel).HasConversion<string>().HasMaxLength(20);
            b.Property(d => d.Recipient).HasMaxLength(200);
            b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(d => d.LastError).HasMaxLength(2_000);
            // Exactly one delivery per event and target, whatever the redeliveries, restarts and replicas.
            b.HasIndex(d => new { d.EventId, d.Target }).IsUnique().HasDatabaseName(DeliveryKey);
            // The dispatcher's scan: pending rows by due time.
            b.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_deliveries_due");
            b.HasIndex(d => new { d.SubscriptionId, d.Id });
            b.HasIndex(d => new { d.Status, d.Id });
        });

        modelBuilder.Entity<DeliveryAttempt>(b =>
        {
            b.ToTable("delivery_attempts");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).UseIdentityAlwaysColumn();
            b.Property(a => a.Outcome).HasMaxLength(30);
            b.Property(a => a.Error).HasMaxLength(2_000);
            b.HasOne<DeliveryRecord>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(a => new { a.DeliveryId, a.Number });
        });

        modelBuilder.AddPlatformTables();
    }
}
