namespace Platform.Projects.Data.Configurations;

internal sealed class RiskConfiguration : IEntityTypeConfiguration<Risk>
{
    public void Configure(EntityTypeBuilder<Risk> b)
    {
        b.IsNumbered("project_risks").BelongsToProject().HasRowVersion();
        b.Ignore(r => r.IsActive);
        b.HaveMaxLength(Lengths.Title, r => r.Title);
        b.HaveMaxLength(Lengths.Text, r => r.Description, r => r.Mitigation);
        b.HaveMaxLength(Lengths.Person, r => r.Owner);
        b.HaveMaxLength(Lengths.Comment, r => r.Trigger);
        b.Property(r => r.Status).StoredAsName();
        b.HasIndex(r => new { r.ProjectId, r.Score });
        b.HasChildren(r => r.History, h => h.RiskId, "_history");
    }
}

internal sealed class RiskScoreEntryConfiguration : IEntityTypeConfiguration<RiskScoreEntry>
{
    public void Configure(EntityTypeBuilder<RiskScoreEntry> b)
    {
        b.IsIdentityKeyed("risk_score_history");
        b.HaveMaxLength(Lengths.Person, h => h.ChangedBy);
        b.HasIndex(h => new { h.RiskId, h.At });
    }
}
