namespace Platform.Projects.Features;

/// <summary>
/// Milestones and tasks of a project. Members and PMO plan and update them; progress rolls up task → milestone →
/// project, weighted by estimate, against the plan of the calendar (schedule variance).
/// </summary>
public static class ScheduleEndpoints
{
    /// <summary>Why a caller who sees the project may not do this.</summary>
    private const string WorkersOnly = "Only the project's members and PMO plan its schedule.";

    internal static async Task<Results<Ok<IReadOnlyList<MilestoneResponse>>, ProblemHttpResult>> ListMilestones(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        var report = await db.ProgressOfAsync(found, clock.Today(), ct);
        return TypedResults.Ok(report.Milestones);
    }

    internal static async Task<Results<Created<MilestoneResponse>, ValidationProblem, ProblemHttpResult>> CreateMilestone(
        string project, CreateMilestoneRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name).Check(request.DueDate is not null, "dueDate", "'dueDate' is required.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnProjectAsync(http, project, WorkersOnly, ct);
        if (problem is not null) return problem;
        var (caller, found, _) = work!;

        var milestone = Milestone.Plan(found, request.Name!.Trim(), request.DueDate!.Value, clock.GetUtcNow());
        db.Milestones.Add(milestone);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/milestones/{milestone.Id}", MilestoneResponse.From(milestone, [], clock.Today()));
    }

    internal static async Task<Results<Ok<MilestoneResponse>, ValidationProblem, ProblemHttpResult>> UpdateMilestone(
        string project, Guid milestone, UpdateMilestoneRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().NotBlankWhenGiven("name", request.Name);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.Milestones.FirstOrDefaultAsync(m => m.Id == milestone && m.ProjectId == p.Id, ct), "Milestone", milestone, WorkersOnly, ct);
        if (problem is not null) return problem;
        var (caller, found, item) = work!;

        item.Update(request.Name?.Trim(), request.DueDate, request.Completed, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.MilestoneId == item.Id).ToListAsync(ct);
        return TypedResults.Ok(MilestoneResponse.From(item, tasks, clock.Today()));
    }

    internal static async Task<Results<Ok<Page<TaskResponse>>, ValidationProblem, ProblemHttpResult>> ListTasks(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct,
        Guid? milestone = null, string? owner = null, bool? overdue = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);

        var today = clock.Today();
        var query = db.Tasks.AsNoTracking().Include(t => t.Dependencies).Where(t => t.ProjectId == found.Id);
        if (milestone is not null) query = query.Where(t => t.MilestoneId == milestone);
        if (owner is not null) query = query.Where(t => t.Owner == owner);
        if (overdue == true) query = query.Where(t => t.PercentDone < 100 && t.DueDate < today);
        return TypedResults.Ok(await query.ToPageAsync(page, t => t.Number, newestFirst: false, t => TaskResponse.From(t, today), ct));
    }

    internal static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> CreateTask(
        string project, CreateTaskRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Required("title", request.Title)
            .Person("owner", request.Owner, required: false)
            .Estimate(request.EstimateHours)
            .TaskBudget(request.Budget)
            .Check(request.StartDate is null || request.DueDate is null || request.DueDate >= request.StartDate, "dueDate", "'dueDate' must not be before 'startDate'.")
            .Check(request.DependsOn is null || (request.DependsOn.Count <= 100 && request.DependsOn.All(d => !string.IsNullOrWhiteSpace(d))),
                "dependsOn", "'dependsOn' lists at most 100 task keys or ids, none blank.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnProjectAsync(http, project, WorkersOnly, ct, ("owner", request.Owner?.Trim()));
        if (problem is not null) return problem;
        var (caller, found, _) = work!;
        if (request.MilestoneId is { } mid && !await db.Milestones.AnyAsync(m => m.Id == mid && m.ProjectId == found.Id, ct))
            return Problems.NotFound("Milestone", mid);

        var number = await db.NextNumberAsync(Sequences.Tasks, ct);
        var task = ProjectTask.Plan(number, found, request.MilestoneId, request.Title!.Trim(), RequestText.Blank(request.Owner),
            request.StartDate, request.DueDate, request.EstimateHours ?? 0, clock.GetUtcNow());
        if (request.Budget is not null) task.BudgetAt(request.Budget, clear: false, task.CreatedAt);
        db.Tasks.Add(task);
        foreach (var reference in request.DependsOn ?? [])
        {
            var predecessor = await db.FindTaskAsync(found, reference.Trim(), ct);
            if (predecessor is null) return Problems.NotFound("Task", reference);
            task.DependOn(predecessor, []); // a new task has no successors: no cycle possible
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/tasks/{task.Key}", TaskResponse.From(task, clock.Today()));
    }

    internal static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetTask(
        string project, string task, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        var item = found is null ? null : await db.FindTaskAsync(found, task, ct);
        return item is null ? Problems.NotFound("Task", task) : TypedResults.Ok(TaskResponse.From(item, clock.Today()));
    }

    internal static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> UpdateTask(
        string project, string task, UpdateTaskRequest request, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options,
        HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .NotBlankWhenGiven("title", request.Title)
            .Person("owner", request.Owner, required: false)
            .Estimate(request.EstimateHours)
            .TaskBudget(request.Budget)
            .Check(request.PercentDone is null or >= 0 and <= 100, "percentDone", "'percentDone' must be between 0 and 100.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnAsync(http, project, p => db.FindTaskAsync(p, task, ct), "Task", task, WorkersOnly, ct,
            ("owner", request.Owner?.Trim()));
        if (problem is not null) return problem;
        var (caller, found, item) = work!;
        if (request.MilestoneId is { } mid && !await db.Milestones.AnyAsync(m => m.Id == mid && m.ProjectId == found!.Id, ct))
            return Problems.NotFound("Milestone", mid);

        var now = clock.GetUtcNow();
        item.Update(request.Title?.Trim(), request.Owner?.Trim(), request.StartDate, request.DueDate, request.EstimateHours,
            request.MilestoneId, request.ClearMilestone == true, now);
        if (request.PercentDone is { } percent)
        {
            var ids = item.Dependencies.Select(d => d.DependsOnId).ToList();
            var predecessors = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct);
            item.Progress(percent, predecessors, now);
            await db.RecordProgressAsync(item, clock.Today(), ct);
        }

        if (request.Budget is not null || request.ClearBudget == true) item.BudgetAt(request.Budget, request.ClearBudget == true, now);
        // Progress, dates, estimates and budgets move earned value: the cost rule looks again (a title or owner cannot).
        if (request.PercentDone is not null || request.Budget is not null || request.ClearBudget == true || request.StartDate is not null
            || request.DueDate is not null || request.EstimateHours is not null)
            await Escalator.SaveWatchingCostAsync(db, found!, options.Value.Cost, caller.Id, now, ct);
        else
            await db.SaveChangesAsync(ct);
        return TypedResults.Ok(TaskResponse.From(item, clock.Today()));
    }

    internal static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> AddDependency(
        string project, string task, AddDependencyRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("dependsOn", request.DependsOn);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var (work, problem) = await db.WorkOnProjectAsync(http, project, WorkersOnly, ct);
        if (problem is not null) return problem;
        var (caller, found, _) = work!;

        // One dependency change per project at a time, so two requests cannot close a loop between them.
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct); // joins an Idempotency-Key request's
        await db.LockProjectAsync(found.Id, ct);
        var item = await db.FindTaskAsync(found, task, ct);
        if (item is null) return Problems.NotFound("Task", task);
        var predecessor = await db.FindTaskAsync(found, request.DependsOn!.Trim(), ct);
        if (predecessor is null) return Problems.NotFound("Task", request.DependsOn!);
        var edges = await db.Set<TaskDependency>().Where(d => db.Tasks.Any(t => t.Id == d.TaskId && t.ProjectId == found.Id))
            .Select(d => new { d.TaskId, d.DependsOnId }).ToListAsync(ct);
        item.DependOn(predecessor, edges.Select(e => (e.TaskId, e.DependsOnId)).ToList());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(TaskResponse.From(item, clock.Today()));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveDependency(
        string project, string task, string other, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var item = found is null ? null : await db.FindTaskAsync(found, task, ct);
        var predecessor = found is null ? null : await db.FindTaskAsync(found, other, ct);
        if (item is null || predecessor is null) return Problems.NotFound("Dependency", $"{task} → {other}");
        if (!await db.WorksOnAsync(found!, caller, ct)) return Problems.Forbidden(WorkersOnly);
        item.DropDependency(predecessor.Id);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> Progress(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        return TypedResults.Ok(await db.ProgressOfAsync(found, clock.Today(), ct));
    }
}
