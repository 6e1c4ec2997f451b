namespace Platform.Projects.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.IsNumbered("projects").HasRowVersion();
        b.HaveMaxLength(Lengths.Title, p => p.Name);
        b.HaveMaxLength(Lengths.Person, p => p.Manager, p => p.Sponsor, p => p.HealthOverrideBy);
        b.HaveMaxLength(Lengths.Text, p => p.Description);
        b.HaveMaxLength(Lengths.Key, p => p.Code);
        b.HaveMaxLength(Lengths.Comment, p => p.HealthOverrideComment);
        b.Property(p => p.Phase).StoredAsName();
        b.Property(p => p.Budget).HasPrecision(18, 2);
        b.Property(p => p.HealthOverride).StoredAsName(Lengths.Health);
        b.HasChildren(p => p.Members, m => m.ProjectId, "_members");
    }
}

internal sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> b)
    {
        b.ToTable("project_members");
        b.HasKey(m => new { m.ProjectId, m.UserId });
        b.HaveMaxLength(Lengths.Person, m => m.UserId);
        b.HaveMaxLength(Lengths.Key, m => m.Role);
        b.HasIndex(m => m.UserId);
    }
}
