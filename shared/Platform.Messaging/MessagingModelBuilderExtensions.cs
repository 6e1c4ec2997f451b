using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Audit;
using Platform.Messaging.Idempotency;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

public static class MessagingModelBuilderExtensions
{
    /// <summary>
    /// Maps the outbox_messages, inbox_messages, audit_entries and idempotency_keys tables into a service's DbContext.
    /// </summary>
    public static ModelBuilder AddPlatformTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("audit_entries");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.Entity).HasMaxLength(100);
            b.Property(a => a.EntityId).HasMaxLength(200);
            b.Property(a => a.Action).HasMaxLength(20);
            b.Property(a => a.Actor).HasMaxLength(200);
            b.Property(a => a.Changes).HasColumnType("jsonb");
            b.HasIndex(a => new { a.Entity, a.EntityId, a.At });
        });

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

        // Idempotency-Key requests: raw SQL in IdempotencyKeyMiddleware names these columns, keep them in step.
        modelBuilder.Entity<IdempotencyKey>(b =>
        {
            b.ToTable("idempotency_keys");
            b.HasKey(k => new { k.Caller, k.Key });
            b.Property(k => k.Caller).HasMaxLength(200);
            b.Property(k => k.Key).HasMaxLength(IdempotencyKeys.MaxKeyLength);
            b.Property(k => k.RequestHash).HasMaxLength(64);
            b.Property(k => k.ContentType).HasMaxLength(200);
            b.HasIndex(k => k.CreatedAt); // pruning
        });

        return modelBuilder;
    }
}
