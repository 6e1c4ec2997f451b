using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Assets.Data;

namespace Platform.Assets.Features.Licences;

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> b)
    {
        b.ToTable("licences");
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedNever();
        b.HasIndex(l => l.Number).IsUnique();
        b.Ignore(l => l.Key);
        b.Ignore(l => l.Count);
        b.Ignore(l => l.ActiveSeats);
        b.Property(l => l.Product).HasMaxLength(FieldLengths.Name);
        b.Property(l => l.Vendor).HasMaxLength(FieldLengths.Name);
        b.Property(l => l.Cost).HasPrecision(18, 2);
        b.Property(l => l.Version).IsRowVersion();
        b.HasIndex(l => l.ExpiresOn).HasFilter("expires_on IS NOT NULL").HasDatabaseName("ix_licences_expiry_watch");
        b.HasRows(l => l.Assignments, "_seats", s => s.LicenceId);
        b.ToTable(t => t.HasCheckConstraint("ck_licences_seats", "seats >= 0"));
    }
}

internal sealed class LicenceSeatConfiguration : IEntityTypeConfiguration<LicenceSeat>
{
    public void Configure(EntityTypeBuilder<LicenceSeat> b)
    {
        b.ToTable("licence_seats");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.UserId).HasMaxLength(FieldLengths.Person);
        b.Property(s => s.AssetTag).HasMaxLength(FieldLengths.Key);
        b.Property(s => s.AssignedBy).HasMaxLength(FieldLengths.Person);
        b.Property(s => s.ReleasedBy).HasMaxLength(FieldLengths.Person);
        b.HasIndex(s => s.UserId).HasFilter("released_at IS NULL");
        b.HasIndex(s => s.AssetId).HasFilter("released_at IS NULL");
        // One active seat per holder and licence, whoever races to assign it.
        b.HasIndex(s => new { s.LicenceId, s.UserId }).IsUnique().HasFilter("released_at IS NULL AND user_id IS NOT NULL");
        b.HasIndex(s => new { s.LicenceId, s.AssetId }).IsUnique().HasFilter("released_at IS NULL AND asset_id IS NOT NULL");
    }
}
