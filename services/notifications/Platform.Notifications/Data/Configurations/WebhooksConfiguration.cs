namespace Platform.Notifications.Data.Configurations;

internal sealed class LoggedEventConfiguration : IEntityTypeConfiguration<LoggedEvent>
{
    public void Configure(EntityTypeBuilder<LoggedEvent> b)
    {
        b.HasAssignedKey("event_log", e => e.Id);
        b.Property(e => e.Seq).UseIdentityAlwaysColumn();
        b.HasIndex(e => e.Seq).IsUnique();
        b.HasMaxLength(Lengths.EventName, e => e.Type, e => e.Subject);
        b.HasMaxLength(Lengths.Key, e => e.Domain, e => e.Severity, e => e.ProjectKey, e => e.Status);
        b.HasMaxLength(20, e => e.Priority);
        b.HasMaxLength(100, e => e.Category);
        b.Property(e => e.Data).HasColumnType("jsonb");
        b.HasMaxLength(128, e => e.TraceParent);
        b.HasMaxLength(512, e => e.TraceState);
        b.HasIndex(e => e.OccurredAt);
        // GET /api/events?subject=: one subject's events in log order, either way.
        b.HasIndex(e => new { e.Subject, e.Seq });
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.HasAssignedKey("webhook_subscriptions", s => s.Id);
        b.HasMaxLength(Lengths.Person, s => s.Owner, s => s.Secret);
        b.HasMaxLength(Lengths.Long, s => s.Url);
        b.HasMaxLength(Lengths.Description, s => s.Description, s => s.DisabledReason);
        b.Property(s => s.Filters).HasFiltersColumn();
        b.StoresEnumNames(s => s.Status);
        b.HasRowVersion();
        b.HasIndex(s => new { s.Owner, s.CreatedAt });
        b.HasIndex(s => s.Status);
    }
}

internal sealed class DeliveryRecordConfiguration : IEntityTypeConfiguration<DeliveryRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryRecord> b)
    {
        b.IsIdentityKeyed("deliveries");
        b.HasMaxLength(300, d => d.Target);
        b.StoresEnumNames(d => d.Channel, d => d.Status);
        b.HasMaxLength(Lengths.Person, d => d.Recipient);
        b.HasMaxLength(Lengths.Long, d => d.LastError);
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
        b.IsIdentityKeyed("delivery_attempts");
        b.HasMaxLength(30, a => a.Outcome);
        b.HasMaxLength(Lengths.Long, a => a.Error);
        b.HasOne<DeliveryRecord>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.DeliveryId, a.Number });
    }
}
