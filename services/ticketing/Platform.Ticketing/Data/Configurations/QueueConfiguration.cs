namespace Platform.Ticketing.Data.Configurations;

public sealed class TicketQueueConfiguration : IEntityTypeConfiguration<TicketQueue>
{
    public void Configure(EntityTypeBuilder<TicketQueue> b)
    {
        b.ToTableKeyedBy("queues", q => q.Id);
        b.Property(q => q.Key).HasMaxLength(Lengths.Key);
        b.HasIndex(q => q.Key).IsUnique();
        b.Property(q => q.Name).HasMaxLength(Lengths.Title);
        b.Property(q => q.Rule).StoredByName();
        b.Property(q => q.TeamLead).HasMaxLength(Lengths.Person);
        b.Property(q => q.LastAssigned).HasMaxLength(Lengths.Person);
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
        b.Property(m => m.Agent).HasMaxLength(Lengths.Person);
        b.HasIndex(m => m.Agent);
    }
}
