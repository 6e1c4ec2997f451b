using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Notifications.Data;

namespace Platform.Notifications.Features.Webhooks;

internal sealed class LoggedEventConfiguration : IEntityTypeConfiguration<LoggedEvent>
{
    public void Configure(EntityTypeBuilder<LoggedEvent> b)
    {
        b.ToTable("event_log");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Seq).UseIdentityAlwaysColumn();
        b.HasIndex(e => e.Seq).IsUnique();
        b.Property(e => e.Type).HasMaxLength(FieldLengths.EventName);
        b.Property(e => e.Domain).HasMaxLength(FieldLengths.Key);
        b.Property(e => e.Subject).HasMaxLength(FieldLengths.EventName);
        b.Property(e => e.Severity).HasMaxLength(FieldLengths.Key);
        b.Property(e => e.ProjectKey).HasMaxLength(FieldLengths.Key);
        b.Property(e => e.Priority).HasMaxLength(20);
        b.Property(e => e.Category).HasMaxLength(100);
        b.Property(e => e.Status).HasMaxLength(FieldLengths.Key);
        b.Property(e => e.Data).HasColumnType("jsonb");
        b.Property(e => e.TraceParent).HasMaxLength(128);
        b.Property(e => e.TraceState).HasMaxLength(512);
        b.HasIndex(e => e.OccurredAt);
        // GET /api/events?subject=: one subject's events in log order, either way.
        b.HasIndex(e => new { e.Subject, e.Seq });
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("webhook_subscriptions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Owner).HasMaxLength(FieldLengths.Person);
        b.Property(s => s.Url).HasMaxLength(FieldLengths.Long);
        b.Property(s => s.Secret).HasMaxLength(FieldLengths.Person);
        b.Property(s => s.Description).HasMaxLength(FieldLengths.Description);
        b.Property(s => s.Filters).HasFiltersColumn();
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(s => s.DisabledReason).HasMaxLength(FieldLengths.Description);
        b.Property(s => s.Version).IsRowVersion();
        b.HasIndex(s => new { s.Owner, s.CreatedAt });
        b.HasIndex(s => s.Status);
    }
}

internal sealed class DeliveryRecordConfiguration : IEntityTypeConfiguration<DeliveryRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryRecord> b)
    {
        b.ToTable("deliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).UseIdentityAlwaysColumn();
        b.Property(d => d.Target).HasMaxLength(300);
        b.Property(d => d.Channel).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(d => d.Recipient).HasMaxLength(FieldLengths.Person);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(d => d.LastError).HasMaxLength(FieldLengths.Long);
        // Exactly one delivery per event and target, whatever the redeliveries, restarts and replicas.
        b.HasIndex(d => new { d.EventId, d.Target }).IsUnique().HasDatabaseName(NotificationsDbContext.DeliveryKey);
        // The dispatcher's scan: pending rows by due time.
        b.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_deliveries_due");
        b.HasIndex(d => new { d.SubscriptionId, d.Id });
        b.HasIndex(d => new { d.Status, d.Id });
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> b)
    {
        b.ToTable("delivery_attempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).UseIdentityAlwaysColumn();
        b.Property(a => a.Outcome).HasMaxLength(30);
        b.Property(a => a.Error).HasMaxLength(FieldLengths.Long);
        b.HasOne<DeliveryRecord>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.DeliveryId, a.Number });
    }
}
