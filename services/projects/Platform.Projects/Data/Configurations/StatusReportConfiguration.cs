namespace Platform.Projects.Data.Configurations;

internal sealed class StatusReportConfiguration : IEntityTypeConfiguration<StatusReport>
{
    public void Configure(EntityTypeBuilder<StatusReport> b)
    {
        b.IsNumbered("status_reports").BelongsToProject();
        b.HasMaxLength(Lengths.Person, r => r.GeneratedBy);
        b.Property(r => r.Content).HasColumnType("jsonb");
        b.HasIndex(r => new { r.ProjectId, r.IsoYear, r.IsoWeek }).IsUnique();
    }
}
