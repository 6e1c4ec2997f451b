namespace Platform.Projects.Domain;

/// <summary>A dated goal of a project; its progress is the estimate-weighted progress of its tasks.</summary>
public sealed class Milestone : AggregateRoot
{
    private Milestone() { }

    public Guid Id { get; private init; }
    public Guid ProjectId { get; private init; }
    public string ProjectKey { get; private init; } = "";
    public string Name { get; private set; } = "";
    public DateOnly DueDate { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When the overdue checker announced it (null: not yet, or due date moved since).</summary>
    public DateTimeOffset? OverdueRaisedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public uint Version { get; private set; }

    public static Milestone Plan(Project project, string name, DateOnly dueDate, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), ProjectId = project.Id, ProjectKey = project.Key, Name = name, DueDate = dueDate, CreatedAt = now,
    };

    public bool IsOverdue(DateOnly today) => CompletedAt is null && DueDate < today;

    public void Update(string? name, DateOnly? dueDate, bool? completed, DateTimeOffset now)
    {
        if (name is not null) Name = name;
        if (dueDate is not null && dueDate != DueDate)
        {
            DueDate = dueDate.Value;
            OverdueRaisedAt = null; // a new due date may be missed anew
        }

        if (completed is not null) CompletedAt = completed.Value ? CompletedAt ?? now : null;
    }

    public void MarkOverdue(int progress, DateTimeOffset now)
    {
        if (OverdueRaisedAt is not null) return;
        OverdueRaisedAt = now;
        Raise(new MilestoneOverdue(Id, Name, ProjectId, ProjectKey, DueDate, progress, now));
    }
}

/// <summary>A unit of work (TSK-12): owner, dates, estimate, percent done, finish-to-start predecessors.</summary>
public sealed class ProjectTask : NumberedEntity
{
    public const string KeyPrefix = "TSK-";
    private readonly List<TaskDependency> _dependencies = [];

    private ProjectTask() { }

    private ProjectTask(long number, Project project) : base(number) => ProjectId = project.Id;

    protected override string KeyPrefixOfType => KeyPrefix;

    public Guid ProjectId { get; private init; }
    public Guid? MilestoneId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Owner { get; private set; }
    public DateOnly? StartDate { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public decimal EstimateHours { get; private set; }

    /// <summary>The task's own share of the project's budget (null: it takes a share of what the budgeted tasks leave, by estimate).</summary>
    public decimal? Budget { get; private set; }
    public int PercentDone { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Where the task came from when not planned directly (a meeting's action item).</summary>
    public string? Origin { get; private init; }

    /// <summary>The meeting whose action item this task is.</summary>
    public Guid? MeetingId { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<TaskDependency> Dependencies => _dependencies;

    public static ProjectTask Plan(long number, Project project, Guid? milestoneId, string title, string? owner, DateOnly? start,
        DateOnly? due, decimal estimateHours, DateTimeOffset now, string? origin = null, Guid? meetingId = null)
    {
        Schedule.CheckDates(start, due);
        if (estimateHours < 0) throw new DomainException("negative-estimate", "An estimate cannot be negative.");
        return new ProjectTask(number, project)
        {
            MilestoneId = milestoneId, Title = title, Owner = owner,
            StartDate = start, DueDate = due, EstimateHours = estimateHours, Origin = origin, MeetingId = meetingId, CreatedAt = now, UpdatedAt = now,
        };
    }

    public bool IsDone => PercentDone == 100;

    public bool IsOverdue(DateOnly today) => !IsDone && DueDate < today;

    public void Update(string? title, string? owner, DateOnly? start, DateOnly? due, decimal? estimate, Guid? milestoneId, bool clearMilestone, DateTimeOffset now)
    {
        Schedule.CheckDates(start ?? StartDate, due ?? DueDate);
        if (estimate < 0) throw new DomainException("negative-estimate", "An estimate cannot be negative.");
        if (title is not null) Title = title;
        if (owner is not null) Owner = owner.Length == 0 ? null : owner;
        if (start is not null) StartDate = start;
        if (due is not null) DueDate = due;
        if (estimate is not null) EstimateHours = estimate.Value;
        if (clearMilestone) MilestoneId = null;
        else if (milestoneId is not null) MilestoneId = milestoneId;
        UpdatedAt = now;
    }

    /// <summary>Sets progress; finish-to-start: work starts only when every predecessor is done.</summary>
    public void Progress(int percent, IReadOnlyCollection<ProjectTask> predecessors, DateTimeOffset now)
    {
        if (percent is < 0 or > 100) throw new DomainException("invalid-percent", "Percent done is 0–100.");
        var unfinished = predecessors.Where(p => !p.IsDone).Select(p => p.Key).ToList();
        if (percent > 0 && unfinished.Count > 0)
            throw new DomainException("predecessor-not-finished", $"{Key} cannot start before {string.Join(", ", unfinished)} finish.");
        PercentDone = percent;
        CompletedAt = percent == 100 ? CompletedAt ?? now : null;
        UpdatedAt = now;
    }

    /// <summary>Gives the task its own budget (null and <paramref name="clear"/>: back to a share by estimate).</summary>
    public void BudgetAt(decimal? budget, bool clear, DateTimeOffset now)
    {
        if (budget < 0) throw new DomainException("negative-budget", "A budget cannot be negative.");
        if (clear) Budget = null;
        else if (budget is not null) Budget = Money.Round(budget.Value);
        UpdatedAt = now;
    }

    public void DependOn(ProjectTask predecessor, IReadOnlyCollection<(Guid Task, Guid DependsOn)> projectEdges)
    {
        if (predecessor.Id == Id) throw new DomainException("dependency-cycle", "A task cannot depend on itself.");
        if (predecessor.ProjectId != ProjectId) throw new DomainException("other-project", "Dependencies stay within one project.");
        if (_dependencies.Any(d => d.DependsOnId == predecessor.Id)) return;
        if (Schedule.WouldCycle(projectEdges, Id, predecessor.Id))
            throw new DomainException("dependency-cycle", $"{Key} cannot depend on {predecessor.Key}: {predecessor.Key} already waits for {Key}.");
        _dependencies.Add(new TaskDependency { TaskId = Id, DependsOnId = predecessor.Id });
    }

    public void DropDependency(Guid predecessorId) => _dependencies.RemoveAll(d => d.DependsOnId == predecessorId);
}

/// <summary>Finish-to-start: <see cref="TaskId"/> starts when <see cref="DependsOnId"/> finishes.</summary>
public sealed class TaskDependency
{
    public Guid TaskId { get; init; }
    public Guid DependsOnId { get; init; }
}

/// <summary>Progress of a set of tasks, as planned by the calendar and as done.</summary>
public readonly record struct ProgressFigures(int Actual, int Planned, decimal EstimateHours)
{
    /// <summary>Schedule variance in percentage points: negative is behind plan.</summary>
    public int Variance => Actual - Planned;
}

/// <summary>Schedule arithmetic: roll-up, planned progress, dependency cycles.</summary>
public static class Schedule
{
    public static void CheckDates(DateOnly? start, DateOnly? due)
    {
        if (start is not null && due is not null && due < start)
            throw new DomainException("invalid-dates", "A due date cannot be before the start date.");
    }

    /// <summary>
    /// Estimate-weighted progress: Σ(estimate × percent) / Σ estimate. Tasks without estimate count equally among
    /// themselves when no task has one; none at all is 0 %.
    /// </summary>
    public static ProgressFigures RollUp(IReadOnlyCollection<ProjectTask> tasks, DateOnly today)
    {
        if (tasks.Count == 0) return new ProgressFigures(0, 0, 0);
        var total = tasks.Sum(t => t.EstimateHours);
        decimal Weight(ProjectTask t) => total > 0 ? t.EstimateHours : 1m;
        var weights = tasks.Sum(Weight);
        if (weights == 0) return new ProgressFigures(0, 0, 0);
        var actual = tasks.Sum(t => Weight(t) * t.PercentDone) / weights;
        var planned = tasks.Sum(t => Weight(t) * PlannedPercent(t, today)) / weights;
        return new ProgressFigures((int)Math.Round(actual, MidpointRounding.AwayFromZero), (int)Math.Round(planned, MidpointRounding.AwayFromZero), total);
    }

    /// <summary>
    /// Where the plan says a task should be on <paramref name="today"/>: 0 before its start, 100 from its due date,
    /// linear in between (counting whole days). Undated tasks are planned at their actual progress (no variance).
    /// </summary>
    public static decimal PlannedPercent(ProjectTask task, DateOnly today) => PlannedPercent(task.StartDate, task.DueDate, task.PercentDone, today);

    /// <summary>The same from a task's dates and percent done (earned value plans tasks it reads as figures).</summary>
    public static decimal PlannedPercent(DateOnly? startDate, DateOnly? dueDate, int percentDone, DateOnly today)
    {
        if (dueDate is not { } due) return percentDone;
        var start = startDate ?? due;
        if (today >= due) return 100;
        if (today < start) return 0;
        var span = due.DayNumber - start.DayNumber;
        return span <= 0 ? 100 : 100m * (today.DayNumber - start.DayNumber) / span;
    }

    /// <summary>Whether adding "task depends on predecessor" closes a loop: can predecessor already reach task?</summary>
    public static bool WouldCycle(IReadOnlyCollection<(Guid Task, Guid DependsOn)> edges, Guid task, Guid predecessor)
    {
        if (task == predecessor) return true;
        var next = edges.ToLookup(e => e.Task, e => e.DependsOn);
        var seen = new HashSet<Guid>();
        var stack = new Stack<Guid>([predecessor]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == task) return true;
            if (!seen.Add(current)) continue;
            foreach (var n in next[current]) stack.Push(n);
        }

        return false;
    }
}
