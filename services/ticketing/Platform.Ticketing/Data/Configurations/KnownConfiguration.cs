namespace Platform.Ticketing.Data.Configurations;

/// <summary>Ticketing's copy of the projects it may promote to (from ProjectCreated).</summary>
public sealed class KnownProjectConfiguration : IEntityTypeConfiguration<KnownProject>
{
    public void Configure(EntityTypeBuilder<KnownProject> b)
    {
        b.ToTableKeyedBy("known_projects", p => p.Id);
        b.Property(p => p.Key).HasMaxLength(Lengths.Tag);
        b.Property(p => p.Name).HasMaxLength(Lengths.Title);
        b.HasIndex(p => p.Key).IsUnique();
    }
}

/// <summary>Ticketing's summary of the assets tickets name (from the assets service's events).</summary>
public sealed class KnownAssetConfiguration : IEntityTypeConfiguration<KnownAsset>
{
    public void Configure(EntityTypeBuilder<KnownAsset> b)
    {
        b.ToTable("known_assets");
        b.HasKey(a => a.Tag);
        b.Property(a => a.Tag).HasMaxLength(Lengths.Tag);
        b.Property(a => a.Kind).HasMaxLength(Lengths.Tag);
        b.Property(a => a.Model).HasMaxLength(Lengths.Title);
        b.Property(a => a.Status).HasMaxLength(30);
        b.Property(a => a.AssignedTo).HasMaxLength(Lengths.Person);
        b.Property(a => a.ProjectKey).HasMaxLength(Lengths.Tag);
    }
}
