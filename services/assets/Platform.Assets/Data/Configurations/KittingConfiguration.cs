namespace Platform.Assets.Data.Configurations;

internal sealed class KitProfileConfiguration : IEntityTypeConfiguration<KitProfile>
{
    public void Configure(EntityTypeBuilder<KitProfile> b)
    {
        b.HasAssignedKey("kit_profiles", p => p.Id);
        b.HasMaxLength(Lengths.Name, p => p.Name);
        b.HasIndex(p => p.Name).IsUnique();
        b.HasMaxLength(Lengths.Key, p => p.ProjectKey, p => p.Role);
        b.HasMaxLength(Lengths.Name, p => p.Department);
        b.Property(p => p.Items).HasColumnType("jsonb").HasConversion(
            v => System.Text.Json.JsonSerializer.Serialize(v, EventTypes.Json),
            v => System.Text.Json.JsonSerializer.Deserialize<List<KitItem>>(v, EventTypes.Json) ?? new List<KitItem>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<KitItem>>(
                (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, i) => HashCode.Combine(h, i.GetHashCode())), v => v.ToList()));
        b.HasRowVersion();
    }
}

internal sealed class KittingRequestConfiguration : IEntityTypeConfiguration<KittingRequest>
{
    public void Configure(EntityTypeBuilder<KittingRequest> b)
    {
        b.IsNumberedAggregate("kitting_requests");
        b.Ignore(r => r.IsPersonLevel);
        b.Ignore(r => r.Outstanding);
        b.StoresEnumNames(r => r.Kind, r => r.Status);
        b.HasMaxLength(Lengths.Key, r => r.ProjectKey, r => r.Role);
        b.HasMaxLength(Lengths.Person, r => r.UserId, r => r.CompletedBy);
        b.HasMaxLength(Lengths.Name, r => r.KitProfile, r => r.Department);
        b.HasMaxLength(Lengths.Note, r => r.Note);
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
        b.HasAssignedKey("kitting_items", i => i.Id);
        b.StoresEnumNames(i => i.Kind, i => i.AssetKind);
        b.HasMaxLength(Lengths.Description, i => i.Description);
        b.HasMaxLength(Lengths.Name, i => i.Model, i => i.Product);
        b.HasMaxLength(Lengths.Key, i => i.AssetTag, i => i.LicenceKey);
        b.HasMaxLength(Lengths.Person, i => i.DoneBy);
        b.HasMaxLength(Lengths.Note, i => i.Note);
        b.HasIndex(i => new { i.RequestId, i.Position }).IsUnique();
    }
}
