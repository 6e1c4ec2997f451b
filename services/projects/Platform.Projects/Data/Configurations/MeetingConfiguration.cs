namespace Platform.Projects.Data.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.IsNumbered("meetings").BelongsToProject().HasRowVersion();
        b.HaveMaxLength(Lengths.Title, m => m.Title);
        b.HaveMaxLength(Lengths.Minutes, m => m.Minutes);
        b.HaveMaxLength(Lengths.Person, m => m.CreatedBy);
        b.HasIndex(m => new { m.ProjectId, m.ScheduledAt });
        b.HasChildren(m => m.Decisions, d => d.MeetingId, "_decisions");
    }
}

internal sealed class MeetingDecisionConfiguration : IEntityTypeConfiguration<MeetingDecision>
{
    public void Configure(EntityTypeBuilder<MeetingDecision> b)
    {
        b.IsIdentityKeyed("meeting_decisions");
        b.HaveMaxLength(Lengths.Text, d => d.Text);
        b.HaveMaxLength(Lengths.Person, d => d.RecordedBy);
        b.HasIndex(d => new { d.MeetingId, d.RecordedAt });
    }
}
