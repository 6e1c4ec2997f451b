namespace Platform.Projects.Data.Configurations;

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.HasAssignedKey("project_milestones").BelongsToProject().HasRowVersion();
        b.HasMaxLength(Lengths.Title, m => m.Name);
        b.HasIndex(m => new { m.ProjectId, m.DueDate });
        // The overdue checker's scan: unfinished, not yet announced.
        b.HasIndex(m => m.DueDate).HasFilter("completed_at IS NULL AND overdue_raised_at IS NULL").HasDatabaseName("ix_project_milestones_pending_overdue");
    }
}

internal sealed class ProjectTaskConfiguration : IEntityTypeConfiguration<ProjectTask>
{
    public void Configure(EntityTypeBuilder<ProjectTask> b)
    {
        b.IsNumbered("project_tasks").BelongsToProject(withKey: false).HasRowVersion();
        b.HasMaxLength(Lengths.Title, t => t.Title, t => t.Origin);
        b.HasMaxLength(Lengths.Person, t => t.Owner);
        b.Property(t => t.EstimateHours).HasPrecision(10, 2);
        b.Property(t => t.Budget).HasPrecision(18, 2);
        b.HasOne<Milestone>().WithMany().HasForeignKey(t => t.MilestoneId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(t => new { t.ProjectId, t.Number });
        b.HasIndex(t => new { t.Owner, t.DueDate });
        b.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(t => new { t.MeetingId, t.DueDate }).HasFilter("meeting_id IS NOT NULL");
        b.HasRows(t => t.Dependencies, "_dependencies", d => d.TaskId);
    }
}

internal sealed class TaskDependencyConfiguration : IEntityTypeConfiguration<TaskDependency>
{
    public void Configure(EntityTypeBuilder<TaskDependency> b)
    {
        b.ToTable("task_dependencies");
        b.HasKey(d => new { d.TaskId, d.DependsOnId });
        b.HasOne<ProjectTask>().WithMany().HasForeignKey(d => d.DependsOnId).OnDelete(DeleteBehavior.Cascade);
    }
}
