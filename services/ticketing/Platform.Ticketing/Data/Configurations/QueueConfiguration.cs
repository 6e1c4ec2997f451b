namespace Platform.Ticketing.Data.Configurations;

public sealed class TicketQueueConfiguration : IEntityTypeConfiguration<TicketQueue>
{
    public void Configure(EntityTypeBuilder<TicketQueue> builder)
    {
        builder.HasAssignedKey("queues", q => q.Id).HasRowVersion();
        builder.HasMaxLength(Lengths.Key, q => q.Key);
        builder.HasIndex(q => q.Key).IsUnique();
        builder.HasMaxLength(Lengths.Title, q => q.Name);
        builder.HasMaxLength(Lengths.Person, q => q.TeamLead, q => q.LastAssigned);
        builder.Property(q => q.Rule).StoredAsName();
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
