namespace Platform.Projects.Data;

public sealed class ProjectsDbContext(DbContextOptions<ProjectsDbContext> options) : ServiceDbContext(options)
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
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<CostEntry> Costs => Set<CostEntry>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<LabourRate> LabourRates => Set<LabourRate>();
    public DbSet<TaskProgressEntry> TaskProgress => Set<TaskProgressEntry>();
    public DbSet<ProjectTemplate> Templates => Set<ProjectTemplate>();
    public DbSet<ProjectStandardItem> StandardItems => Set<ProjectStandardItem>();
    public DbSet<Vendor> Vendors => Set<Vendor>();
    public DbSet<VendorContract> Contracts => Set<VendorContract>();
    public DbSet<VendorQuote> VendorQuotes => Set<VendorQuote>();

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

    protected override IEnumerable<string> NumberSequences => Sequences.All;
}

/// <summary>The database sequences numbering what has a key (PRJ-3, ISS-12, ...).</summary>
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
    public const string Vendors = "vendor_numbers";
    public const string Contracts = "vendor_contract_numbers";

    public static readonly IReadOnlyList<string> All = [Projects, Issues, Risks, Escalations, Tasks, Deliverables, Meetings, StatusReports, Vendors, Contracts];
}
