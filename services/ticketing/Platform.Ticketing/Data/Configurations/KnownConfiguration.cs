namespace Platform.Ticketing.Data.Configurations;

/// <summary>Ticketing's copy of the projects it may promote to (from ProjectCreated).</summary>
public sealed class KnownProjectConfiguration : IEntityTypeConfiguration<KnownProject>
{
    public void Configure(EntityTypeBuilder<KnownProject> builder)
    {
        builder.HasAssignedKey("known_projects", p => p.Id);
        builder.Property(p => p.Key).HasMaxLength(Lengths.Tag);
        builder.Property(p => p.Name).HasMaxLength(Lengths.Title);
        builder.HasIndex(p => p.Key).IsUnique();
    }
}

/// <summary>Ticketing's summary of the assets tickets name (from the assets service's events).</summary>
public sealed class KnownAssetConfiguration : IEntityTypeConfiguration<KnownAsset>
{
    public void Configure(EntityTypeBuilder<KnownAsset> builder)
    {
        builder.ToTable("known_assets");
        builder.HasKey(a => a.Tag);
        builder.Property(a => a.Tag).HasMaxLength(Lengths.Tag);
        builder.Property(a => a.Kind).HasMaxLength(Lengths.Tag);
        builder.Property(a => a.Model).HasMaxLength(Lengths.Title);
        builder.Property(a => a.Status).HasMaxLength(30);
        builder.Property(a => a.AssignedTo).HasMaxLength(Lengths.Person);
        builder.Property(a => a.ProjectKey).HasMaxLength(Lengths.Tag);
    }
}
