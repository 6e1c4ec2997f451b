namespace Platform.Ticketing.Data.Configurations;

public sealed class TicketQueueConfiguration : IEntityTypeConfiguration<TicketQueue>
{
    public void Configure(EntityTypeBuilder<TicketQueue> b)
    {
        b.ToTableKeyedBy("queues", q => q.Id);
        b.Property(q => q.Key).HasMaxLength(Limits.Key);
        b.HasIndex(q => q.Key).IsUnique();
        b.Property(q => q.Name).HasMaxLength(Limits.Title);
        b.Property(q => q.Rule).StoredByName();
        b.Property(q => q.TeamLead).HasMaxLength(Limits.Person);
        b.Property(q => q.LastAssigned).HasMaxLength(Limits.Person);
        b.Property(q => q.Version).IsRowVersion();
        b.HasMany(q => q.Members).WithOne().HasForeignKey(m => m.QueueId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QueueMemberConfiguration : IEntityTypeConfiguration<QueueMember>
{
    public void Configure(EntityTypeBuilder<QueueMember> b)
    {
        b.ToTable("queue_members");
        b.HasKey(m => new { m.QueueId, m.Agent });
        b.Property(m => m.Agent).HasMaxLength(Limits.Person);
        b.HasIndex(m => m.Agent);
    }
}
