namespace Platform.Assets.Data.Configurations;

internal sealed class ProcurementRequestConfiguration : IEntityTypeConfiguration<ProcurementRequest>
{
    public void Configure(EntityTypeBuilder<ProcurementRequest> b)
    {
        b.IsNumberedAggregate("procurement_requests");
        b.HasMaxLength(Lengths.Name, r => r.Title, r => r.ApprovedVendor);
        b.StoresEnumNames(r => r.Status);
        b.HasMaxLength(Lengths.Person, r => r.RequestedBy, r => r.ApprovedBy);
        b.HasMaxLength(Lengths.Serial, r => r.OrderReference);
        b.HasMaxLength(Lengths.Note, r => r.Note);
        b.Property(r => r.ProjectKey).HasMaxLength(Lengths.Key);
        b.Property(r => r.Currency).HasMaxLength(3).IsFixedLength().HasDefaultValue(ProcurementRequest.DefaultCurrency);
        b.HasIndex(r => new { r.Status, r.Number });
        b.HasIndex(r => r.ProjectKey).HasFilter("project_key IS NOT NULL");
        b.HasRows(r => r.Items, "_items", i => i.RequestId);
        b.HasRows(r => r.Quotes, "_quotes", q => q.RequestId);
    }
}

internal sealed class ProcurementItemConfiguration : IEntityTypeConfiguration<ProcurementItem>
{
    public void Configure(EntityTypeBuilder<ProcurementItem> b)
    {
        b.HasAssignedKey("procurement_items", i => i.Id);
        b.StoresEnumNames(i => i.Kind);
        b.HasMaxLength(Lengths.Name, i => i.Model);
        b.ToTable(t => t.HasCheckConstraint("ck_procurement_items_received", "received BETWEEN 0 AND quantity"));
    }
}

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> b)
    {
        b.HasAssignedKey("procurement_quotes", q => q.Id);
        b.HasMaxLength(Lengths.Name, q => q.Vendor);
        b.Property(q => q.UnitPrice).HasPrecision(18, 2);
        b.HasMaxLength(Lengths.Person, q => q.RecordedBy);
        b.HasOne<ProcurementItem>().WithMany().HasForeignKey(q => q.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
