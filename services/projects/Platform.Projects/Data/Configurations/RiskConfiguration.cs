namespace Platform.Projects.Data.Configurations;

internal sealed class RiskConfiguration : IEntityTypeConfiguration<Risk>
{
    public void Configure(EntityTypeBuilder<Risk> b)
    {
        b.IsNumbered("project_risks").BelongsToProject().HasRowVersion();
        b.HasMaxLength(Lengths.Title, r => r.Title);
        b.HasMaxLength(Lengths.Text, r => r.Description, r => r.Mitigation);
        b.HasMaxLength(Lengths.Person, r => r.Owner);
        b.HasMaxLength(Lengths.Comment, r => r.Trigger);
        b.Property(r => r.Status).StoredAsName();
        b.HasIndex(r => new { r.ProjectId, r.Score });
        b.HasRows(r => r.History, "_history", h => h.RiskId);
    }
}

internal sealed class RiskScoreEntryConfiguration : IEntityTypeConfiguration<RiskScoreEntry>
{
    public void Configure(EntityTypeBuilder<RiskScoreEntry> b)
    {
        b.IsIdentityKeyed("risk_score_history");
        b.HasMaxLength(Lengths.Person, h => h.ChangedBy);
        b.HasIndex(h => new { h.RiskId, h.At });
    }
}
