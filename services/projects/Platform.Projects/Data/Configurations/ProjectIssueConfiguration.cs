namespace Platform.Projects.Data.Configurations;

internal sealed class ProjectIssueConfiguration : IEntityTypeConfiguration<ProjectIssue>
{
    public void Configure(EntityTypeBuilder<ProjectIssue> b)
    {
        b.IsNumbered("project_issues").BelongsToProject().HasRowVersion();
        b.HasMaxLength(Lengths.Title, i => i.Title);
        b.HasMaxLength(Lengths.Text, i => i.Description, i => i.Resolution);
        b.HasMaxLength(Lengths.Person, i => i.Owner);
        b.HasMaxLength(Lengths.Key, i => i.SourceTicketKey);
        b.Property(i => i.Severity).StoredAsName();
        b.Property(i => i.Status).StoredAsName();
        b.HasIndex(i => new { i.ProjectId, i.Number });
        // One issue per ticket, whatever happens upstream: the last line of defence behind the inbox.
        b.HasIndex(i => i.SourceTicketId).IsUnique().HasFilter("source_ticket_id IS NOT NULL");
    }
}
