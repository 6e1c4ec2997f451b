using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Assets.Data;
using Platform.Assets.Features.Assets;
using Platform.Messaging;

namespace Platform.Assets.Features.Kitting;

internal sealed class KitProfileConfiguration : IEntityTypeConfiguration<KitProfile>
{
    public void Configure(EntityTypeBuilder<KitProfile> b)
    {
        b.ToTable("kit_profiles");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(FieldLengths.Name);
        b.HasIndex(p => p.Name).IsUnique();
        b.Property(p => p.ProjectKey).HasMaxLength(FieldLengths.Key);
        b.Property(p => p.Role).HasMaxLength(FieldLengths.Key);
        b.Property(p => p.Items).HasColumnType("jsonb").HasConversion(
            v => System.Text.Json.JsonSerializer.Serialize(v, EventTypes.Json),
            v => System.Text.Json.JsonSerializer.Deserialize<List<KitItem>>(v, EventTypes.Json) ?? new List<KitItem>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<KitItem>>(
                (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, i) => HashCode.Combine(h, i.GetHashCode())), v => v.ToList()));
        b.Property(p => p.Version).IsRowVersion();
    }
}

internal sealed class KittingRequestConfiguration : IEntityTypeConfiguration<KittingRequest>
{
    public void Configure(EntityTypeBuilder<KittingRequest> b)
    {
        b.ToTable("kitting_requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.Number).IsUnique();
        b.Ignore(r => r.Key);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(r => r.ProjectKey).HasMaxLength(FieldLengths.Key);
        b.Property(r => r.UserId).HasMaxLength(FieldLengths.Person);
        b.Property(r => r.Role).HasMaxLength(FieldLengths.Key);
        b.Property(r => r.KitProfile).HasMaxLength(FieldLengths.Name);
        b.Property(r => r.CompletedBy).HasMaxLength(FieldLengths.Person);
        b.Property(r => r.Note).HasMaxLength(FieldLengths.Note);
        b.Property(r => r.Version).IsRowVersion();
        // One request per membership, however often (and under whatever message id) the event arrives.
        b.HasIndex(r => new { r.Kind, r.ProjectId, r.UserId, r.MembershipAt }).IsUnique().HasDatabaseName(AssetsDbContext.MembershipIndex);
        b.HasIndex(r => new { r.Status, r.Number });
        b.HasIndex(r => new { r.UserId, r.Number });
        b.HasRows(r => r.Items, "_items", i => i.RequestId);
    }
}

internal sealed class KittingItemConfiguration : IEntityTypeConfiguration<KittingItem>
{
    public void Configure(EntityTypeBuilder<KittingItem> b)
    {
        b.ToTable("kitting_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(i => i.AssetKind).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(i => i.Description).HasMaxLength(FieldLengths.Description);
        b.Property(i => i.Model).HasMaxLength(FieldLengths.Name);
        b.Property(i => i.Product).HasMaxLength(FieldLengths.Name);
        b.Property(i => i.AssetTag).HasMaxLength(FieldLengths.Key);
        b.Property(i => i.LicenceKey).HasMaxLength(FieldLengths.Key);
        b.Property(i => i.DoneBy).HasMaxLength(FieldLengths.Person);
        b.Property(i => i.Note).HasMaxLength(FieldLengths.Note);
        b.HasIndex(i => new { i.RequestId, i.Position }).IsUnique();
    }
}
