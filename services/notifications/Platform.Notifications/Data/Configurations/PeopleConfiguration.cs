namespace Platform.Notifications.Data.Configurations;

internal sealed class PreferenceConfiguration : IEntityTypeConfiguration<Preference>
{
    public void Configure(EntityTypeBuilder<Preference> b)
    {
        b.ToTable("notification_preferences");
        b.HasKey(p => p.UserId);
        b.HasMaxLength(Lengths.Person, p => p.UserId);
        b.HasMaxLength(Lengths.TimeZone, p => p.TimeZone);
        b.HasMaxLength(Lengths.Email, p => p.EmailAddress);
    }
}

internal sealed class TicketContactConfiguration : IEntityTypeConfiguration<TicketContact>
{
    public void Configure(EntityTypeBuilder<TicketContact> b)
    {
        b.HasAssignedKey("ticket_contacts", t => t.TicketId);
        b.HasMaxLength(Lengths.Key, t => t.TicketKey);
        b.HasMaxLength(Lengths.Person, t => t.Requester, t => t.Assignee);
    }
}

internal sealed class ProjectContactConfiguration : IEntityTypeConfiguration<ProjectContact>
{
    public void Configure(EntityTypeBuilder<ProjectContact> b)
    {
        b.HasAssignedKey("project_contacts", p => p.ProjectId);
        b.HasMaxLength(Lengths.Key, p => p.ProjectKey);
        b.HasMaxLength(Lengths.Person, p => p.Manager, p => p.Sponsor);
    }
}

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> b)
    {
        b.IsIdentityKeyed("inbox_items");
        b.HasMaxLength(Lengths.Person, i => i.UserId);
        b.HasMaxLength(Lengths.EventName, i => i.EventType, i => i.Subject);
        b.HasMaxLength(Lengths.Title, i => i.Title);
        b.HasMaxLength(Lengths.Body, i => i.Body);
        b.HasMaxLength(Lengths.Key, i => i.Severity);
        b.HasIndex(i => new { i.UserId, i.EventId }).IsUnique().HasDatabaseName(NotificationsDbContext.InboxKey);
        b.HasIndex(i => new { i.UserId, i.Id });
        b.HasIndex(i => i.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_inbox_items_unread");
    }
}
