namespace Platform.Projects.Data.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.IsNumbered("meetings").BelongsToProject().HasRowVersion();
        b.HasMaxLength(Lengths.Title, m => m.Title);
        b.HasMaxLength(Lengths.Minutes, m => m.Minutes);
        b.HasMaxLength(Lengths.Person, m => m.CreatedBy);
        b.HasIndex(m => new { m.ProjectId, m.ScheduledAt });
        b.HasRows(m => m.Decisions, "_decisions", d => d.MeetingId);
    }
}

internal sealed class MeetingDecisionConfiguration : IEntityTypeConfiguration<MeetingDecision>
{
    public void Configure(EntityTypeBuilder<MeetingDecision> b)
    {
        b.IsIdentityKeyed("meeting_decisions");
        b.HasMaxLength(Lengths.Text, d => d.Text);
        b.HasMaxLength(Lengths.Person, d => d.RecordedBy);
        b.HasIndex(d => new { d.MeetingId, d.RecordedAt });
    }
}
