namespace Platform.Ticketing.Data.Configurations;

public sealed class TicketCategoryConfiguration : IEntityTypeConfiguration<TicketCategory>
{
    public void Configure(EntityTypeBuilder<TicketCategory> builder)
    {
        builder.HasAssignedKey("ticket_categories", c => c.Id);
        builder.Property(c => c.Key).HasMaxLength(Lengths.Key);
        builder.HasIndex(c => c.Key).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(Lengths.Title);
        builder.Property(c => c.DefaultImpact).StoredAsName();
        builder.Property(c => c.DefaultUrgency).StoredAsName();
        builder.Property(c => c.DefaultQueue).HasMaxLength(Lengths.Key);
        builder.Property(c => c.TemplateTitle).HasMaxLength(Lengths.Title);
        builder.Property(c => c.TemplateDescription).HasMaxLength(Lengths.Text);
        builder.Property(c => c.Version).IsRowVersion();
    }
}
