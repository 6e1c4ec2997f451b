namespace Platform.Projects.Data.Configurations;

internal sealed class ProjectTemplateConfiguration : IEntityTypeConfiguration<ProjectTemplate>
{
    public void Configure(EntityTypeBuilder<ProjectTemplate> b)
    {
        b.HasAssignedKey("project_templates");
        b.HasMaxLength(Lengths.Key, t => t.Key);
        b.HasMaxLength(Lengths.Title, t => t.Name);
        b.HasMaxLength(Lengths.Text, t => t.Description);
        b.HasMaxLength(Lengths.Person, t => t.CreatedBy);
        b.Property(t => t.Definition).HasColumnType("jsonb");
        b.HasIndex(t => new { t.Key, t.Version }).IsUnique();
    }
}

internal sealed class ProjectStandardItemConfiguration : IEntityTypeConfiguration<ProjectStandardItem>
{
    public void Configure(EntityTypeBuilder<ProjectStandardItem> b)
    {
        b.ToTable("project_standard_items");
        b.HasKey(i => new { i.ProjectId, i.Ref });
        b.HasMaxLength(Lengths.Key, i => i.Ref);
        b.Property(i => i.Kind).StoredAsName();
        b.HasMaxLength(Lengths.Comment, i => i.SkippedReason);
        b.HasMaxLength(Lengths.Person, i => i.SkippedBy);
        b.BelongsToProject(withKey: false);
    }
}
