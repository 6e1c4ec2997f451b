namespace Platform.Projects.Data.Configurations;

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.ToTable("cost_budget_lines");
        b.HasKey(l => new { l.ProjectId, l.Period, l.Category });
        b.Property(l => l.Category).StoredAsName();
        b.Property(l => l.Amount).HasPrecision(18, 2);
        b.BelongsToProject(withKey: false);
    }
}

internal sealed class CostEntryConfiguration : IEntityTypeConfiguration<CostEntry>
{
    public void Configure(EntityTypeBuilder<CostEntry> b)
    {
        b.HasAssignedKey("cost_entries").BelongsToProject(withKey: false);
        b.Property(c => c.Category).StoredAsName();
        b.Property(c => c.Source).StoredAsName();
        b.Property(c => c.Amount).HasPrecision(18, 2);
        b.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        b.HasMaxLength(Lengths.Comment, c => c.Description);
        b.HasMaxLength(Lengths.Key, c => c.SourceKey);
        b.HasMaxLength(Lengths.Person, c => c.RecordedBy);
        b.HasIndex(c => new { c.ProjectId, c.Date });
        // One cost per procurement receipt event, however often it is delivered.
        b.HasIndex(c => c.SourceEventId).IsUnique().HasFilter("source_event_id IS NOT NULL");
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.HasAssignedKey("cost_commitments", c => c.RequestId).BelongsToProject(withKey: false);
        b.Property(c => c.Status).StoredAsName();
        b.Property(c => c.Total).HasPrecision(18, 2);
        b.Property(c => c.Received).HasPrecision(18, 2);
        b.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        b.HasMaxLength(Lengths.Key, c => c.RequestKey);
        b.HasMaxLength(Lengths.Title, c => c.Title, c => c.Vendor);
        b.Ignore(c => c.Outstanding);
        b.HasIndex(c => c.ProjectId);
    }
}

internal sealed class LabourRateConfiguration : IEntityTypeConfiguration<LabourRate>
{
    public void Configure(EntityTypeBuilder<LabourRate> b)
    {
        b.ToTable("labour_rates");
        b.HasKey(r => new { r.Role, r.Currency });
        b.HasMaxLength(Lengths.Key, r => r.Role);
        b.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(r => r.HourlyRate).HasPrecision(18, 2);
        b.HasMaxLength(Lengths.Person, r => r.UpdatedBy);
    }
}

internal sealed class TaskProgressEntryConfiguration : IEntityTypeConfiguration<TaskProgressEntry>
{
    public void Configure(EntityTypeBuilder<TaskProgressEntry> b)
    {
        b.ToTable("task_progress_history");
        b.HasKey(e => new { e.TaskId, e.On });
        b.HasOne<ProjectTask>().WithMany().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => e.ProjectId);
    }
}
