namespace Platform.Ticketing.Data.Configurations;

/// <summary>Ticketing's copy of the projects it may promote to (from ProjectCreated).</summary>
public sealed class KnownProjectConfiguration : IEntityTypeConfiguration<KnownProject>
{
    public void Configure(EntityTypeBuilder<KnownProject> builder)
    {
        builder.HasAssignedKey("known_projects", p => p.Id);
        builder.HasMaxLength(Lengths.Tag, p => p.Key);
        builder.HasMaxLength(Lengths.Title, p => p.Name);
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
        builder.HasMaxLength(Lengths.Tag, a => a.Tag, a => a.Kind, a => a.ProjectKey);
        builder.HasMaxLength(Lengths.Title, a => a.Model);
        builder.HasMaxLength(30, a => a.Status);
        builder.HasMaxLength(Lengths.Person, a => a.AssignedTo);
    }
}
