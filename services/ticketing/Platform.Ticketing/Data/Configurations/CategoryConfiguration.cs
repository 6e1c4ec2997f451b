namespace Platform.Ticketing.Data.Configurations;

public sealed class TicketCategoryConfiguration : IEntityTypeConfiguration<TicketCategory>
{
    public void Configure(EntityTypeBuilder<TicketCategory> builder)
    {
        builder.HasAssignedKey("ticket_categories", c => c.Id).HasRowVersion();
        builder.HasMaxLength(Lengths.Key, c => c.Key, c => c.DefaultQueue);
        builder.HasIndex(c => c.Key).IsUnique();
        builder.HasMaxLength(Lengths.Title, c => c.Name, c => c.TemplateTitle);
        builder.HasMaxLength(Lengths.Text, c => c.TemplateDescription);
        builder.StoresEnumNames(c => c.DefaultImpact, c => c.DefaultUrgency);
    }
}
