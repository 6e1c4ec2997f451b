namespace Platform.Ticketing.Data.Configurations;

public sealed class TicketQueueConfiguration : IEntityTypeConfiguration<TicketQueue>
{
    public void Configure(EntityTypeBuilder<TicketQueue> builder)
    {
        builder.HasAssignedKey("queues", q => q.Id);
        builder.Property(q => q.Key).HasMaxLength(Lengths.Key);
        builder.HasIndex(q => q.Key).IsUnique();
        builder.Property(q => q.Name).HasMaxLength(Lengths.Title);
        builder.Property(q => q.Rule).StoredAsName();
        builder.Property(q => q.TeamLead).HasMaxLength(Lengths.Person);
        builder.Property(q => q.LastAssigned).HasMaxLength(Lengths.Person);
        builder.Property(q => q.Version).IsRowVersion();
        builder.HasMany(q => q.Members).WithOne().HasForeignKey(m => m.QueueId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QueueMemberConfiguration : IEntityTypeConfiguration<QueueMember>
{
    public void Configure(EntityTypeBuilder<QueueMember> builder)
    {
        builder.ToTable("queue_members");
        builder.HasKey(m => new { m.QueueId, m.Agent });
        builder.Property(m => m.Agent).HasMaxLength(Lengths.Person);
        builder.HasIndex(m => m.Agent);
    }
}
