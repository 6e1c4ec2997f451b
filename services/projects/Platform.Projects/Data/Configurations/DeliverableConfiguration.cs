namespace Platform.Projects.Data.Configurations;

internal sealed class DeliverableConfiguration : IEntityTypeConfiguration<Deliverable>
{
    public void Configure(EntityTypeBuilder<Deliverable> b)
    {
        b.IsNumbered("deliverables").BelongsToProject(withKey: false).HasRowVersion();
        b.HaveMaxLength(Lengths.Title, d => d.Name);
        b.HaveMaxLength(Lengths.Text, d => d.Description, d => d.RejectionReason);
        b.HaveMaxLength(Lengths.Person, d => d.Owner);
        b.Property(d => d.Status).StoredAsName();
        b.HasIndex(d => new { d.ProjectId, d.Number });
        b.HasChildren(d => d.Reviews, r => r.DeliverableId, "_reviews");
    }
}

internal sealed class DeliverableReviewConfiguration : IEntityTypeConfiguration<DeliverableReview>
{
    public void Configure(EntityTypeBuilder<DeliverableReview> b)
    {
        b.IsIdentityKeyed("deliverable_reviews");
        b.HaveMaxLength(Lengths.EnumName, r => r.Action);
        b.HaveMaxLength(Lengths.Text, r => r.Reason);
        b.HaveMaxLength(Lengths.Person, r => r.By);
    }
}
