using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Projects.Domain;

namespace Platform.Projects.Data;

public sealed class ProjectsDbContext(DbContextOptions<ProjectsDbContext> options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectIssue> Issues => Set<ProjectIssue>();
    public DbSet<Risk> Risks => Set<Risk>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<ProjectTask> Tasks => Set<ProjectTask>();

    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<Deliverable> Deliverables => Set<Deliverable>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<StatusReport> StatusReports => Set<StatusReport>();

    /// <summary>Serialises writers of one project's schedule until the transaction ends.</summary>
    public Task LockProjectAsync(Guid projectId, CancellationToken cancellationToken) => LockAsync("project:" + projectId, cancellationToken);

    /// <summary>A transaction-scoped advisory lock on a name: writers of the same thing wait for each other.</summary>
    public Task LockAsync(string name, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({name}, 0))", cancellationToken);

    public const string OpenConditionIndex = "ux_escalations_open_condition";

    /// <summary>
    /// Saves, then adds the escalations raised meanwhile one by one in the same transaction: an escalation whose
    /// condition another request raised first (unique index on open conditions) is dropped, with its event,
    /// and the rest of the work still commits. Returns the escalations that were kept.
    /// </summary>
    public async Task<IReadOnlyList<Escalation>> SaveChangesRaisingAsync(CancellationToken cancellationToken)
    {
        var raised = ChangeTracker.Entries<Escalation>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (raised.Count == 0)
        {
            await SaveChangesAsync(cancellationToken);
            return [];
        }

        foreach (var escalation in raised) Entry(escalation).State = EntityState.Detached;
        var kept = new List<Escalation>();
        var owned = Database.CurrentTransaction is null;
        var transaction = owned ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await SaveChangesAsync(cancellationToken);
            foreach (var escalation in raised)
            {
                Escalations.Add(escalation);
                try
                {
                    // EF Core wraps this in a savepoint and rolls back to it on failure.
                    await SaveChangesAsync(cancellationToken);
                    kept.Add(escalation);
                }
                catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException
                    { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: OpenConditionIndex })
                {
                    foreach (var entry in ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                        entry.State = EntityState.Detached;
                }
            }

            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
        }

        return kept;
    }

    public async Task<long> NextNumberAsync(string sequence, CancellationToken cancellationToken) =>
        await Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\"").SingleAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(Sequences.Projects);
        modelBuilder.HasSequence<long>(Sequences.Issues);
        modelBuilder.HasSequence<long>(Sequences.Risks);
        modelBuilder.HasSequence<long>(Sequences.Escalations);
        modelBuilder.HasSequence<long>(Sequences.Tasks);
        modelBuilder.HasSequence<long>(Sequences.Deliverables);
        modelBuilder.HasSequence<long>(Sequences.Meetings);
        modelBuilder.HasSequence<long>(Sequences.StatusReports);

        modelBuilder.Entity<Project>(b =>
        {
            b.ToTable("projects");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.HasIndex(p => p.Number).IsUnique();
            b.Ignore(p => p.Key);
            b.Property(p => p.Name).HasMaxLength(200);
            b.Property(p => p.Description).HasMaxLength(10_000);
            b.Property(p => p.Manager).HasMaxLength(200);
            b.Property(p => p.Code).HasMaxLength(50);
            b.Property(p => p.Sponsor).HasMaxLength(200);
            b.Property(p => p.Phase).HasConversion<string>().HasMaxLength(20);
            b.Property(p => p.Budget).HasPrecision(18, 2);
            b.Property(p => p.HealthOverride).HasConversion<string>().HasMaxLength(10);
            b.Property(p => p.HealthOverrideComment).HasMaxLength(2_000);
            b.Property(p => p.HealthOverrideBy).HasMaxLength(200);
            b.Property(p => p.Version).IsRowVersion();
            b.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(p => p.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<ProjectMember>(b =>
        {
            b.ToTable("project_members");
            b.HasKey(m => new { m.ProjectId, m.UserId });
            b.Property(m => m.UserId).HasMaxLength(200);
            b.Property(m => m.Role).HasMaxLength(50);
            b.HasIndex(m => m.UserId);
        });

        modelBuilder.Entity<ProjectIssue>(b =>
        {
            b.ToTable("project_issues");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).ValueGeneratedNever();
            b.HasIndex(i => i.Number).IsUnique();
            b.Ignore(i => i.Key);
            b.Property(i => i.ProjectKey).HasMaxLength(50);
            b.Property(i => i.Title).HasMaxLength(200);
            b.Property(i => i.Description).HasMaxLength(10_000);
            b.Property(i => i.Owner).HasMaxLength(200);
            b.Property(i => i.SourceTicketKey).HasMaxLength(50);
            b.Property(i => i.Resolution).HasMaxLength(10_000);
            b.Property(i => i.Severity).HasConversion<string>().HasMaxLength(20);
            b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(i => i.Version).IsRowVersion();
            b.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(i => new { i.ProjectId, i.Number });
            // One issue per ticket, whatever happens upstream: the last line of defence behind the inbox.
            b.HasIndex(i => i.SourceTicketId).IsUnique().HasFilter("source_ticket_id IS NOT NULL");
        });

        modelBuilder.Entity<Risk>(b =>
        {
            b.ToTable("project_risks");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.HasIndex(r => r.Number).IsUnique();
            b.Ignore(r => r.Key);
            b.Ignore(r => r.IsActive);
            b.Property(r => r.ProjectKey).HasMaxLength(50);
            b.Property(r => r.Title).HasMaxLength(200);
            b.Property(r => r.Description).HasMaxLength(10_000);
            b.Property(r => r.Owner).HasMaxLength(200);
            b.Property(r => r.Mitigation).HasMaxLength(10_000);
            b.Property(r => r.Trigger).HasMaxLength(2_000);
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(r => r.Version).IsRowVersion();
            b.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(r => new { r.ProjectId, r.Score });
            b.HasMany(r => r.History).WithOne().HasForeignKey(h => h.RiskId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(r => r.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<RiskScoreEntry>(b =>
        {
            b.ToTable("risk_score_history");
            b.HasKey(h => h.Id);
            b.Property(h => h.Id).UseIdentityAlwaysColumn();
            b.Property(h => h.ChangedBy).HasMaxLength(200);
            b.HasIndex(h => new { h.RiskId, h.At });
        });

        modelBuilder.Entity<Escalation>(b =>
        {
            b.ToTable("escalations");
            b.HasKey(e => e.Id);
            b.Property(e => e.Id).ValueGeneratedNever();
            b.HasIndex(e => e.Number).IsUnique();
            b.Ignore(e => e.Key);
            b.Property(e => e.ProjectKey).HasMaxLength(50);
            b.Property(e => e.Reason).HasMaxLength(2_000);
            b.Property(e => e.Severity).HasConversion<string>().HasMaxLength(20);
            b.Property(e => e.Rule).HasConversion<string>().HasMaxLength(30);
            b.Property(e => e.SourceType).HasConversion<string>().HasMaxLength(20);
            b.Property(e => e.SourceId).HasMaxLength(200);
            b.Property(e => e.SourceKey).HasMaxLength(50);
            b.Property(e => e.Condition).HasMaxLength(300);
            b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(e => e.RaisedBy).HasMaxLength(200);
            b.Property(e => e.AcknowledgedBy).HasMaxLength(200);
            b.Property(e => e.ResolvedBy).HasMaxLength(200);
            b.Property(e => e.Resolution).HasMaxLength(10_000);
            b.Property(e => e.Version).IsRowVersion();
            b.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Restrict);
            // The same condition never has two unresolved escalations, whoever races to raise it.
            b.HasIndex(e => new { e.ProjectId, e.Condition }).IsUnique().HasFilter("status <> 'Resolved'")
                .HasDatabaseName(OpenConditionIndex);
            b.HasIndex(e => new { e.Status, e.Number });
            b.HasMany(e => e.History).WithOne().HasForeignKey(h => h.EscalationId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(e => e.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<EscalationHistoryEntry>(b =>
        {
            b.ToTable("escalation_history");
            b.HasKey(h => h.Id);
            b.Property(h => h.Id).UseIdentityAlwaysColumn();
            b.Property(h => h.Action).HasMaxLength(30);
            b.Property(h => h.By).HasMaxLength(200);
            b.Property(h => h.Note).HasMaxLength(10_000);
            b.HasIndex(h => new { h.EscalationId, h.At });
        });

        modelBuilder.Entity<Milestone>(b =>
        {
            b.ToTable("project_milestones");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.ProjectKey).HasMaxLength(50);
            b.Property(m => m.Name).HasMaxLength(200);
            b.Property(m => m.Version).IsRowVersion();
            b.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(m => new { m.ProjectId, m.DueDate });
            // The overdue checker's scan: unfinished, not yet announced.
            b.HasIndex(m => m.DueDate).HasFilter("completed_at IS NULL AND overdue_raised_at IS NULL").HasDatabaseName("ix_project_milestones_pending_overdue");
        });

        modelBuilder.Entity<ProjectTask>(b =>
        {
            b.ToTable("project_tasks");
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).ValueGeneratedNever();
            b.HasIndex(t => t.Number).IsUnique();
            b.Ignore(t => t.Key);
            b.Ignore(t => t.IsDone);
            b.Property(t => t.Title).HasMaxLength(200);
            b.Property(t => t.Owner).HasMaxLength(200);
            b.Property(t => t.Origin).HasMaxLength(200);
            b.Property(t => t.EstimateHours).HasPrecision(10, 2);
            b.Property(t => t.Version).IsRowVersion();
            b.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Milestone>().WithMany().HasForeignKey(t => t.MilestoneId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(t => new { t.ProjectId, t.Number });
            b.HasIndex(t => new { t.Owner, t.DueDate });
            b.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(t => new { t.MeetingId, t.DueDate }).HasFilter("meeting_id IS NOT NULL");
            b.HasMany(t => t.Dependencies).WithOne().HasForeignKey(d => d.TaskId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(t => t.Dependencies).HasField("_dependencies").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<TaskDependency>(b =>
        {
            b.ToTable("task_dependencies");
            b.HasKey(d => new { d.TaskId, d.DependsOnId });
            b.HasOne<ProjectTask>().WithMany().HasForeignKey(d => d.DependsOnId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Allocation>(b =>
        {
            b.ToTable("allocations");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.ProjectKey).HasMaxLength(50);
            b.Property(a => a.UserId).HasMaxLength(200);
            b.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(a => new { a.UserId, a.From });
            b.HasIndex(a => a.ProjectId);
            b.ToTable(t => t.HasCheckConstraint("ck_allocations_percent", "percent BETWEEN 1 AND 100"));
        });

        modelBuilder.Entity<Deliverable>(b =>
        {
            b.ToTable("deliverables");
            b.HasKey(d => d.Id);
            b.Property(d => d.Id).ValueGeneratedNever();
            b.HasIndex(d => d.Number).IsUnique();
            b.Ignore(d => d.Key);
            b.Property(d => d.Name).HasMaxLength(200);
            b.Property(d => d.Description).HasMaxLength(10_000);
            b.Property(d => d.Owner).HasMaxLength(200);
            b.Property(d => d.RejectionReason).HasMaxLength(10_000);
            b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(d => d.Version).IsRowVersion();
            b.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(d => new { d.ProjectId, d.Number });
            b.HasMany(d => d.Reviews).WithOne().HasForeignKey(r => r.DeliverableId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(d => d.Reviews).HasField("_reviews").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<DeliverableReview>(b =>
        {
            b.ToTable("deliverable_reviews");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).UseIdentityAlwaysColumn();
            b.Property(r => r.Action).HasMaxLength(20);
            b.Property(r => r.Reason).HasMaxLength(10_000);
            b.Property(r => r.By).HasMaxLength(200);
        });

        modelBuilder.Entity<Meeting>(b =>
        {
            b.ToTable("meetings");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.HasIndex(m => m.Number).IsUnique();
            b.Ignore(m => m.Key);
            b.Property(m => m.ProjectKey).HasMaxLength(50);
            b.Property(m => m.Title).HasMaxLength(200);
            b.Property(m => m.Minutes).HasMaxLength(100_000);
            b.Property(m => m.CreatedBy).HasMaxLength(200);
            b.Property(m => m.Version).IsRowVersion();
            b.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(m => new { m.ProjectId, m.ScheduledAt });
            b.HasMany(m => m.Decisions).WithOne().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(m => m.Decisions).HasField("_decisions").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<MeetingDecision>(b =>
        {
            b.ToTable("meeting_decisions");
            b.HasKey(d => d.Id);
            b.Property(d => d.Id).UseIdentityAlwaysColumn();
            b.Property(d => d.Text).HasMaxLength(10_000);
            b.Property(d => d.RecordedBy).HasMaxLength(200);
            b.HasIndex(d => new { d.MeetingId, d.RecordedAt });
        });

        modelBuilder.Entity<StatusReport>(b =>
        {
            b.ToTable("status_reports");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.HasIndex(r => r.Number).IsUnique();
            b.Ignore(r => r.Key);
            b.Ignore(r => r.Week);
            b.Property(r => r.ProjectKey).HasMaxLength(50);
            b.Property(r => r.GeneratedBy).HasMaxLength(200);
            b.Property(r => r.Content).HasColumnType("jsonb");
            b.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(r => new { r.ProjectId, r.IsoYear, r.IsoWeek }).IsUnique();
        });

        modelBuilder.AddPlatformTables();
    }
}

public static class Sequences
{
    public const string Projects = "project_numbers";
    public const string Issues = "project_issue_numbers";
    public const string Risks = "project_risk_numbers";
    public const string Escalations = "escalation_numbers";
    public const string Tasks = "project_task_numbers";
    public const string Deliverables = "deliverable_numbers";
    public const string Meetings = "meeting_numbers";
    public const string StatusReports = "status_report_numbers";
}
