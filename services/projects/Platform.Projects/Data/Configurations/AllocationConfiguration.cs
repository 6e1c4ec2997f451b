namespace Platform.Projects.Data.Configurations;

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> b)
    {
        b.HasAssignedKey("allocations").BelongsToProject();
        b.HasMaxLength(Lengths.Person, a => a.UserId);
        b.HasIndex(a => new { a.UserId, a.From });
        b.HasIndex(a => a.ProjectId);
        b.ToTable(t => t.HasCheckConstraint("ck_allocations_percent", "percent BETWEEN 1 AND 100"));
    }
}
