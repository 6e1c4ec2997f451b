namespace Platform.Projects.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.IsNumbered("projects").HasRowVersion();
        b.HasMaxLength(Lengths.Title, p => p.Name);
        b.HasMaxLength(Lengths.Person, p => p.Manager, p => p.Sponsor, p => p.HealthOverrideBy);
        b.HasMaxLength(Lengths.Text, p => p.Description);
        b.HasMaxLength(Lengths.Key, p => p.Code, p => p.TemplateKey);
        b.HasMaxLength(Lengths.Title, p => p.KitProfile);
        b.HasMaxLength(Lengths.Comment, p => p.HealthOverrideComment);
        b.Property(p => p.Phase).StoredAsName();
        b.Property(p => p.Budget).HasPrecision(18, 2);
        b.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().HasDefaultValue(Project.DefaultCurrency);
        b.Property(p => p.HealthOverride).StoredAsName(Lengths.Health);
        b.HasRows(p => p.Members, "_members", m => m.ProjectId);
    }
}

internal sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> b)
    {
        b.ToTable("project_members");
        b.HasKey(m => new { m.ProjectId, m.UserId });
        b.HasMaxLength(Lengths.Person, m => m.UserId);
        b.HasMaxLength(Lengths.Key, m => m.Role);
        b.HasIndex(m => m.UserId);
    }
}
