namespace Platform.Projects.Data.Configurations;

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> b)
    {
        b.IsNumbered("escalations").BelongsToProject().HasRowVersion();
        b.HasMaxLength(Lengths.Comment, e => e.Reason);
        b.HasMaxLength(Lengths.Person, e => e.SourceId, e => e.RaisedBy, e => e.AcknowledgedBy, e => e.ResolvedBy);
        b.HasMaxLength(Lengths.Key, e => e.SourceKey);
        b.HasMaxLength(Lengths.Condition, e => e.Condition);
        b.HasMaxLength(Lengths.Text, e => e.Resolution);
        b.Property(e => e.Severity).StoredAsName();
        b.Property(e => e.Rule).StoredAsName(Lengths.LongEnumName);
        b.Property(e => e.SourceType).StoredAsName();
        b.Property(e => e.Status).StoredAsName();
        // The same condition never has two unresolved escalations, whoever races to raise it.
        b.HasIndex(e => new { e.ProjectId, e.Condition }).IsUnique().HasFilter("status <> 'Resolved'")
            .HasDatabaseName(ProjectsDbContext.OpenConditionIndex);
        b.HasIndex(e => new { e.Status, e.Number });
        b.HasRows(e => e.History, "_history", h => h.EscalationId);
    }
}

internal sealed class EscalationHistoryEntryConfiguration : IEntityTypeConfiguration<EscalationHistoryEntry>
{
    public void Configure(EntityTypeBuilder<EscalationHistoryEntry> b)
    {
        b.IsIdentityKeyed("escalation_history");
        b.HasMaxLength(Lengths.LongEnumName, h => h.Action);
        b.HasMaxLength(Lengths.Person, h => h.By);
        b.HasMaxLength(Lengths.Text, h => h.Note);
        b.HasIndex(h => new { h.EscalationId, h.At });
    }
}
