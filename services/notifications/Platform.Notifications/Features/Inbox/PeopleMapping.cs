using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Notifications.Data;

namespace Platform.Notifications.Features.Inbox;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("people");
        b.HasKey(p => p.UserId);
        b.Property(p => p.UserId).HasMaxLength(FieldLengths.Person);
        b.Property(p => p.Email).HasMaxLength(FieldLengths.Email);
        b.Property(p => p.DisplayName).HasMaxLength(FieldLengths.Person);
        b.HasIndex(p => p.Roles).HasMethod("gin");
    }
}

internal sealed class PreferenceConfiguration : IEntityTypeConfiguration<Preference>
{
    public void Configure(EntityTypeBuilder<Preference> b)
    {
        b.ToTable("notification_preferences");
        b.HasKey(p => p.UserId);
        b.Property(p => p.UserId).HasMaxLength(FieldLengths.Person);
        b.Property(p => p.TimeZone).HasMaxLength(FieldLengths.TimeZone);
        b.Property(p => p.EmailAddress).HasMaxLength(FieldLengths.Email);
    }
}

internal sealed class TicketContactConfiguration : IEntityTypeConfiguration<TicketContact>
{
    public void Configure(EntityTypeBuilder<TicketContact> b)
    {
        b.ToTable("ticket_contacts");
        b.HasKey(t => t.TicketId);
        b.Property(t => t.TicketId).ValueGeneratedNever();
        b.Property(t => t.TicketKey).HasMaxLength(FieldLengths.Key);
        b.Property(t => t.Requester).HasMaxLength(FieldLengths.Person);
        b.Property(t => t.Assignee).HasMaxLength(FieldLengths.Person);
    }
}

internal sealed class ProjectContactConfiguration : IEntityTypeConfiguration<ProjectContact>
{
    public void Configure(EntityTypeBuilder<ProjectContact> b)
    {
        b.ToTable("project_contacts");
        b.HasKey(p => p.ProjectId);
        b.Property(p => p.ProjectId).ValueGeneratedNever();
        b.Property(p => p.ProjectKey).HasMaxLength(FieldLengths.Key);
        b.Property(p => p.Manager).HasMaxLength(FieldLengths.Person);
        b.Property(p => p.Sponsor).HasMaxLength(FieldLengths.Person);
    }
}

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> b)
    {
        b.ToTable("inbox_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).UseIdentityAlwaysColumn();
        b.Property(i => i.UserId).HasMaxLength(FieldLengths.Person);
        b.Property(i => i.EventType).HasMaxLength(FieldLengths.EventName);
        b.Property(i => i.Subject).HasMaxLength(FieldLengths.EventName);
        b.Property(i => i.Title).HasMaxLength(FieldLengths.Title);
        b.Property(i => i.Body).HasMaxLength(FieldLengths.Body);
        b.Property(i => i.Severity).HasMaxLength(FieldLengths.Key);
        b.HasIndex(i => new { i.UserId, i.EventId }).IsUnique().HasDatabaseName(NotificationsDbContext.InboxKey);
        b.HasIndex(i => new { i.UserId, i.Id });
        b.HasIndex(i => i.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_inbox_items_unread");
    }
}
