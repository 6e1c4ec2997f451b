using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Assets.Data;

namespace Platform.Assets.Features.Procurement;

internal sealed class ProcurementRequestConfiguration : IEntityTypeConfiguration<ProcurementRequest>
{
    public void Configure(EntityTypeBuilder<ProcurementRequest> b)
    {
        b.ToTable("procurement_requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.Number).IsUnique();
        b.Ignore(r => r.Key);
        b.Property(r => r.Title).HasMaxLength(FieldLengths.Name);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(r => r.RequestedBy).HasMaxLength(FieldLengths.Person);
        b.Property(r => r.ApprovedVendor).HasMaxLength(FieldLengths.Name);
        b.Property(r => r.ApprovedBy).HasMaxLength(FieldLengths.Person);
        b.Property(r => r.OrderReference).HasMaxLength(FieldLengths.Serial);
        b.Property(r => r.Note).HasMaxLength(FieldLengths.Note);
        b.Property(r => r.Version).IsRowVersion();
        b.HasIndex(r => new { r.Status, r.Number });
        b.HasRows(r => r.Items, "_items", i => i.RequestId);
        b.HasRows(r => r.Quotes, "_quotes", q => q.RequestId);
    }
}

internal sealed class ProcurementItemConfiguration : IEntityTypeConfiguration<ProcurementItem>
{
    public void Configure(EntityTypeBuilder<ProcurementItem> b)
    {
        b.ToTable("procurement_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(i => i.Model).HasMaxLength(FieldLengths.Name);
        b.ToTable(t => t.HasCheckConstraint("ck_procurement_items_received", "received BETWEEN 0 AND quantity"));
    }
}

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> b)
    {
        b.ToTable("procurement_quotes");
        b.HasKey(q => q.Id);
        b.Property(q => q.Id).ValueGeneratedNever();
        b.Property(q => q.Vendor).HasMaxLength(FieldLengths.Name);
        b.Property(q => q.UnitPrice).HasPrecision(18, 2);
        b.Property(q => q.RecordedBy).HasMaxLength(FieldLengths.Person);
        b.HasOne<ProcurementItem>().WithMany().HasForeignKey(q => q.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
