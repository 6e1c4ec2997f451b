namespace Platform.Ticketing.Data.Configurations;

public sealed class TicketCategoryConfiguration : IEntityTypeConfiguration<TicketCategory>
{
    public void Configure(EntityTypeBuilder<TicketCategory> b)
    {
        b.ToTableKeyedBy("ticket_categories", c => c.Id);
        b.Property(c => c.Key).HasMaxLength(Lengths.Key);
        b.HasIndex(c => c.Key).IsUnique();
        b.Property(c => c.Name).HasMaxLength(Lengths.Title);
        b.Property(c => c.DefaultImpact).StoredByName();
        b.Property(c => c.DefaultUrgency).StoredByName();
        b.Property(c => c.DefaultQueue).HasMaxLength(Lengths.Key);
        b.Property(c => c.TemplateTitle).HasMaxLength(Lengths.Title);
        b.Property(c => c.TemplateDescription).HasMaxLength(Lengths.Text);
        b.Property(c => c.Version).IsRowVersion();
    }
}
