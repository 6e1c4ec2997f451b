using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Assets.Data;

namespace Platform.Assets.Features.Assets;

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> b)
    {
        b.ToTable("assets");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.HasIndex(a => a.Number).IsUnique();
        b.Ignore(a => a.Tag);
        b.Ignore(a => a.Details);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(a => a.Model).HasMaxLength(FieldLengths.Name);
        b.Property(a => a.Serial).HasMaxLength(FieldLengths.Serial);
        b.Property(a => a.Vendor).HasMaxLength(FieldLengths.Name);
        b.Property(a => a.Location).HasMaxLength(FieldLengths.Name);
        b.Property(a => a.Cost).HasPrecision(18, 2);
        b.Property(a => a.AssignedTo).HasMaxLength(FieldLengths.Person);
        b.Property(a => a.ProjectKey).HasMaxLength(FieldLengths.Key);
        b.Property(a => a.Version).IsRowVersion();
        // One asset per serial number (when known): a second import of the same device is refused.
        b.HasIndex(a => a.Serial).IsUnique().HasFilter("serial IS NOT NULL");
        b.HasIndex(a => new { a.AssignedTo, a.Number });
        b.HasIndex(a => new { a.Status, a.Number });
        b.HasIndex(a => a.WarrantyEnd).HasFilter("warranty_end IS NOT NULL AND status NOT IN ('Retired', 'Disposed')")
            .HasDatabaseName("ix_assets_warranty_watch");
        b.HasRows(a => a.History, "_history", h => h.AssetId);
    }
}

internal sealed class AssetHistoryEntryConfiguration : IEntityTypeConfiguration<AssetHistoryEntry>
{
    public void Configure(EntityTypeBuilder<AssetHistoryEntry> b)
    {
        b.ToTable("asset_history");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).UseIdentityAlwaysColumn();
        b.Property(h => h.Action).HasMaxLength(30);
        b.Property(h => h.FromStatus).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(h => h.ToStatus).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(h => h.AssignedTo).HasMaxLength(FieldLengths.Person);
        b.Property(h => h.ProjectKey).HasMaxLength(FieldLengths.Key);
        b.Property(h => h.By).HasMaxLength(FieldLengths.Person);
        b.Property(h => h.Note).HasMaxLength(FieldLengths.Note);
        b.HasIndex(h => new { h.AssetId, h.At });
    }
}

internal sealed class AssetIncidentConfiguration : IEntityTypeConfiguration<AssetIncident>
{
    public void Configure(EntityTypeBuilder<AssetIncident> b)
    {
        b.ToTable("asset_incidents");
        b.HasKey(i => i.TicketId);
        b.Property(i => i.TicketId).ValueGeneratedNever();
        b.Property(i => i.TicketKey).HasMaxLength(FieldLengths.Key);
        b.Property(i => i.AssetTag).HasMaxLength(FieldLengths.Key);
        b.Property(i => i.Title).HasMaxLength(FieldLengths.Name);
        b.Property(i => i.Priority).HasMaxLength(10);
        b.Property(i => i.Status).HasMaxLength(30);
        b.Ignore(i => i.IsOpen);
        b.HasIndex(i => new { i.AssetTag, i.OpenedAt });
    }
}
