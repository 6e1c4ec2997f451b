using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

public static class MessagingModelBuilderExtensions
{
    /// <summary>
    /// Maps the outbox_messages and inbox_messages tables, and Platform.Data's audit_entries and idempotency_keys, into a service's DbContext.
    /// </summary>
    public static ModelBuilder AddPlatformTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.AddDataTables();

        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.Type).HasMaxLength(256);
            b.Property(m => m.Body).HasColumnType("jsonb");
            b.Property(m => m.TraceParent).HasMaxLength(128);
            b.Property(m => m.TraceState).HasMaxLength(512);
            b.Property(m => m.LastError).HasMaxLength(2000);
            // The dispatcher scans only pending rows: keep that index small.
            b.HasIndex(m => m.CreatedAt).HasFilter("dispatched_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
            b.HasIndex(m => m.DispatchedAt).HasFilter("dispatched_at IS NOT NULL");
        });

        modelBuilder.Entity<InboxMessage>(b =>
        {
            b.ToTable("inbox_messages");
            b.HasKey(m => new { m.MessageId, m.Consumer });
            b.Property(m => m.Consumer).HasMaxLength(200);
            b.Property(m => m.MessageType).HasMaxLength(256);
            b.HasIndex(m => m.ProcessedAt);
        });

        return modelBuilder;
    }
}
