namespace Platform.Assets.Data.Configurations;

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> b)
    {
        b.IsNumberedAggregate("licences");
        b.Ignore(l => l.ActiveSeats);
        b.HasMaxLength(Lengths.Name, l => l.Product, l => l.Vendor);
        b.Property(l => l.Cost).HasPrecision(18, 2);
        b.HasIndex(l => l.ExpiresOn).HasFilter("expires_on IS NOT NULL").HasDatabaseName("ix_licences_expiry_watch");
        b.HasRows(l => l.Assignments, "_seats", s => s.LicenceId);
        b.ToTable(t => t.HasCheckConstraint("ck_licences_seats", "seats >= 0"));
    }
}

internal sealed class LicenceSeatConfiguration : IEntityTypeConfiguration<LicenceSeat>
{
    public void Configure(EntityTypeBuilder<LicenceSeat> b)
    {
        b.HasAssignedKey("licence_seats", s => s.Id);
        b.HasMaxLength(Lengths.Person, s => s.UserId, s => s.AssignedBy, s => s.ReleasedBy);
        b.HasMaxLength(Lengths.Key, s => s.AssetTag);
        b.HasIndex(s => s.UserId).HasFilter("released_at IS NULL");
        b.HasIndex(s => s.AssetId).HasFilter("released_at IS NULL");
        // One active seat per holder and licence, whoever races to assign it.
        b.HasIndex(s => new { s.LicenceId, s.UserId }).IsUnique().HasFilter("released_at IS NULL AND user_id IS NOT NULL");
        b.HasIndex(s => new { s.LicenceId, s.AssetId }).IsUnique().HasFilter("released_at IS NULL AND asset_id IS NOT NULL");
    }
}
