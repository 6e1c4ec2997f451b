namespace Platform.Projects.Jobs;

/// <summary>
/// Announces each milestone that passed its due date unfinished, once: <c>MilestoneOverdue</c> plus the
/// overdue-milestone escalation. Safe with several replicas: each claims due rows with FOR UPDATE SKIP LOCKED and
/// marks them in the same transaction as the events it writes to the outbox.
/// </summary>
public sealed partial class OverdueMilestoneChecker(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<ProjectsOptions> options, ILogger<OverdueMilestoneChecker> logger)
    : PollingWorker
{
    private const int Batch = 100;

    protected override bool Enabled => options.Value.OverdueCheckerEnabled;

    protected override TimeProvider Clock => clock;

    protected override TimeSpan Interval => options.Value.OverdueCheckInterval;

    protected override async Task<PollOutcome> RunPassAsync(CancellationToken ct) =>
        await CheckAsync(ct) == Batch ? PollOutcome.More : PollOutcome.Idle;

    /// <summary>One pass; returns how many milestones it announced.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProjectsDbContext>();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Milestones
            .FromSql($"""
                SELECT *, xmin FROM project_milestones
                WHERE completed_at IS NULL AND overdue_raised_at IS NULL AND due_date < {today}
                ORDER BY due_date LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (due.Count == 0) return 0;

        var projectIds = due.Select(m => m.ProjectId).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var milestoneIds = due.Select(m => m.Id).ToList();
        var tasks = (await db.Tasks.AsNoTracking().Where(t => t.MilestoneId != null && milestoneIds.Contains(t.MilestoneId.Value)).ToListAsync(ct))
            .ToLookup(t => t.MilestoneId!.Value);
        foreach (var milestone in due)
        {
            var progress = Schedule.RollUp(tasks[milestone.Id].ToList(), today).Actual;
            milestone.MarkOverdue(progress, now);
            await Escalator.TryRaiseAsync(db, projects[milestone.ProjectId], EscalationRule.MilestoneOverdue, EscalationSource.Milestone,
                milestone.Id.ToString(), milestone.Name, EscalationSeverity.High,
                $"Milestone '{milestone.Name}' was due on {milestone.DueDate:yyyy-MM-dd} and is {progress} % done.", Actor.System, now, ct);
        }

        await db.SaveChangesRaisingAsync(ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Overdue milestone check failed")]
    protected override partial void LogFailed(Exception exception);
}
