namespace Platform.Assets.Data.Configurations;

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> b)
    {
        b.IsNumberedAggregate("assets");
        b.StoresEnumNames(a => a.Kind, a => a.Status);
        b.HasMaxLength(Lengths.Name, a => a.Model, a => a.Vendor, a => a.Location);
        b.HasMaxLength(Lengths.Serial, a => a.Serial);
        b.Property(a => a.Cost).HasPrecision(18, 2);
        b.HasMaxLength(Lengths.Person, a => a.AssignedTo);
        b.HasMaxLength(Lengths.Key, a => a.ProjectKey);
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
        b.IsIdentityKeyed("asset_history");
        b.HasMaxLength(30, h => h.Action);
        b.StoresEnumNames(h => h.FromStatus, h => h.ToStatus);
        b.HasMaxLength(Lengths.Person, h => h.AssignedTo, h => h.By);
        b.HasMaxLength(Lengths.Key, h => h.ProjectKey);
        b.HasMaxLength(Lengths.Note, h => h.Note);
        b.HasIndex(h => new { h.AssetId, h.At });
    }
}

internal sealed class AssetIncidentConfiguration : IEntityTypeConfiguration<AssetIncident>
{
    public void Configure(EntityTypeBuilder<AssetIncident> b)
    {
        b.HasAssignedKey("asset_incidents", i => i.TicketId);
        b.HasMaxLength(Lengths.Key, i => i.TicketKey, i => i.AssetTag);
        b.HasMaxLength(Lengths.Name, i => i.Title);
        b.HasMaxLength(10, i => i.Priority);
        b.HasMaxLength(30, i => i.Status);
        b.HasIndex(i => new { i.AssetTag, i.OpenedAt });
    }
}
