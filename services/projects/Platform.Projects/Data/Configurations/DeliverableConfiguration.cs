namespace Platform.Projects.Data.Configurations;

internal sealed class DeliverableConfiguration : IEntityTypeConfiguration<Deliverable>
{
    public void Configure(EntityTypeBuilder<Deliverable> b)
    {
        b.IsNumbered("deliverables").BelongsToProject(withKey: false).HasRowVersion();
        b.HasMaxLength(Lengths.Title, d => d.Name);
        b.HasMaxLength(Lengths.Text, d => d.Description, d => d.RejectionReason);
        b.HasMaxLength(Lengths.Person, d => d.Owner);
        b.Property(d => d.Status).StoredAsName();
        b.HasIndex(d => new { d.ProjectId, d.Number });
        b.HasOne<VendorContract>().WithMany().HasForeignKey(d => d.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasRows(d => d.Reviews, "_reviews", r => r.DeliverableId);
    }
}

internal sealed class DeliverableReviewConfiguration : IEntityTypeConfiguration<DeliverableReview>
{
    public void Configure(EntityTypeBuilder<DeliverableReview> b)
    {
        b.IsIdentityKeyed("deliverable_reviews");
        b.HasMaxLength(Lengths.EnumName, r => r.Action);
        b.HasMaxLength(Lengths.Text, r => r.Reason);
        b.HasMaxLength(Lengths.Person, r => r.By);
    }
}
