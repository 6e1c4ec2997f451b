using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Messaging;
using Platform.Projects.Data;
using Platform.Projects.Domain;
using Platform.ServiceDefaults;

namespace Platform.Projects.Endpoints;

public sealed record CreateMilestoneRequest(string? Name, DateOnly? DueDate);

public sealed record UpdateMilestoneRequest(string? Name, DateOnly? DueDate, bool? Completed);

public sealed record MilestoneResponse(
    Guid Id, Guid ProjectId, string ProjectKey, string Name, DateOnly DueDate, DateTimeOffset? CompletedAt, bool Overdue,
    int Progress, int PlannedProgress, int ScheduleVariance, decimal EstimateHours, int TaskCount)
{
    public static MilestoneResponse From(Milestone m, IReadOnlyCollection<ProjectTask> tasks, DateOnly today)
    {
        var figures = Schedule.RollUp(tasks, today);
        var progress = m.CompletedAt is not null && tasks.Count == 0 ? 100 : figures.Actual;
        return new(m.Id, m.ProjectId, m.ProjectKey, m.Name, m.DueDate, m.CompletedAt, m.IsOverdue(today), progress,
            figures.Planned, progress - figures.Planned, figures.EstimateHours, tasks.Count);
    }
}

public sealed record CreateTaskRequest(
    string? Title, string? Owner, Guid? MilestoneId, DateOnly? StartDate, DateOnly? DueDate, decimal? EstimateHours, IReadOnlyList<string>? DependsOn);

/// <summary>Changes a task; absent fields stay. <c>clearMilestone</c> detaches it from its milestone.</summary>
public sealed record UpdateTaskRequest(
    string? Title, string? Owner, Guid? MilestoneId, bool? ClearMilestone, DateOnly? StartDate, DateOnly? DueDate, decimal? EstimateHours, int? PercentDone);

public sealed record AddDependencyRequest(string? DependsOn);

public sealed record TaskResponse(
    Guid Id, string Key, Guid ProjectId, Guid? MilestoneId, string Title, string? Owner, DateOnly? StartDate, DateOnly? DueDate,
    decimal EstimateHours, int PercentDone, bool Overdue, DateTimeOffset? CompletedAt, string? Origin, IReadOnlyList<Guid> DependsOn,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Guid? MeetingId = null)
{
    public static TaskResponse From(ProjectTask t, DateOnly today) => new(
        t.Id, t.Key, t.ProjectId, t.MilestoneId, t.Title, t.Owner, t.StartDate, t.DueDate, t.EstimateHours, t.PercentDone,
        t.IsOverdue(today), t.CompletedAt, t.Origin, t.Dependencies.Select(d => d.DependsOnId).ToList(), t.CreatedAt, t.UpdatedAt, t.MeetingId);
}

public sealed record ProgressResponse(
    Guid ProjectId, string ProjectKey, DateOnly AsOf, int Progress, int PlannedProgress, int ScheduleVariance, decimal EstimateHours,
    int OverdueMilestones, int OverdueTasks, IReadOnlyList<MilestoneResponse> Milestones);

/// <summary>
/// Milestones and tasks of a project. Members and PMO plan and update them; progress rolls up task → milestone →
/// project, weighted by estimate, against the plan of the calendar (schedule variance).
/// </summary>
public static class ScheduleEndpoints
{
    public static void MapScheduleEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapGet("/{project}/milestones", ListMilestones).WithName("ListMilestones");
        projects.MapPost("/{project}/milestones", CreateMilestone).WithName("CreateMilestone");
        projects.MapPatch("/{project}/milestones/{milestone:guid}", UpdateMilestone).WithName("UpdateMilestone");
        projects.MapGet("/{project}/tasks", ListTasks).WithName("ListTasks");
        projects.MapPost("/{project}/tasks", CreateTask).WithName("CreateTask");
        projects.MapGet("/{project}/tasks/{task}", GetTask).WithName("GetTask");
        projects.MapPatch("/{project}/tasks/{task}", UpdateTask).WithName("UpdateTask");
        projects.MapPost("/{project}/tasks/{task}/dependencies", AddDependency).WithName("AddTaskDependency");
        projects.MapDelete("/{project}/tasks/{task}/dependencies/{other}", RemoveDependency).WithName("RemoveTaskDependency");
        projects.MapGet("/{project}/progress", Progress).WithName("GetProjectProgress");
    }

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<Results<Ok<IReadOnlyList<MilestoneResponse>>, ProblemHttpResult>> ListMilestones(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        var report = await ProgressOfAsync(db, found, Today(clock), ct);
        return TypedResults.Ok(report.Milestones);
    }

    private static async Task<Results<Created<MilestoneResponse>, ValidationProblem, ProblemHttpResult>> CreateMilestone(
        string project, CreateMilestoneRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name).Check(request.DueDate is not null, "dueDate", "'dueDate' is required.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        if (found is null) return Problems.NotFound("Project", project);
        if (!await db.WorksOnAsync(found, caller, ct)) return Problems.Forbidden("Only the project's members and PMO plan its schedule.");

        var milestone = Milestone.Plan(found, request.Name!.Trim(), request.DueDate!.Value, clock.GetUtcNow());
        db.Milestones.Add(milestone);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/milestones/{milestone.Id}", MilestoneResponse.From(milestone, [], Today(clock)));
    }

    private static async Task<Results<Ok<MilestoneResponse>, ValidationProblem, ProblemHttpResult>> UpdateMilestone(
        string project, Guid milestone, UpdateMilestoneRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Check(request.Name is null || !string.IsNullOrWhiteSpace(request.Name), "name", "'name' cannot be blank.").Optional("name", request.Name, 200);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var item = found is null ? null : await db.Milestones.FirstOrDefaultAsync(m => m.Id == milestone && m.ProjectId == found.Id, ct);
        if (item is null) return Problems.NotFound("Milestone", milestone);
        if (!await db.WorksOnAsync(found!, caller, ct)) return Problems.Forbidden("Only the project's members and PMO plan its schedule.");

        item.Update(request.Name?.Trim(), request.DueDate, request.Completed, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.MilestoneId == item.Id).ToListAsync(ct);
        return TypedResults.Ok(MilestoneResponse.From(item, tasks, Today(clock)));
    }

    private static async Task<Results<Ok<Page<TaskResponse>>, ValidationProblem, ProblemHttpResult>> ListTasks(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct,
        Guid? milestone = null, string? owner = null, bool? overdue = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);

        var today = Today(clock);
        var query = db.Tasks.AsNoTracking().Include(t => t.Dependencies).Where(t => t.ProjectId == found.Id);
        if (milestone is not null) query = query.Where(t => t.MilestoneId == milestone);
        if (owner is not null) query = query.Where(t => t.Owner == owner);
        if (overdue == true) query = query.Where(t => t.PercentDone < 100 && t.DueDate < today);
        if (page.After is { } after) query = query.Where(t => t.Number > after);
        var rows = await query.OrderBy(t => t.Number).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(page.ToPage(rows, t => t.Number, t => TaskResponse.From(t, today)));
    }

    private static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> CreateTask(
        string project, CreateTaskRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Required("title", request.Title)
            .Person("owner", request.Owner, required: false)
            .Check(request.EstimateHours is null or >= 0 and <= 100_000, "estimateHours", "'estimateHours' must be between 0 and 100000.")
            .Check(request.StartDate is null || request.DueDate is null || request.DueDate >= request.StartDate, "dueDate", "'dueDate' must not be before 'startDate'.")
            .Check(request.DependsOn is null || (request.DependsOn.Count <= 100 && request.DependsOn.All(d => !string.IsNullOrWhiteSpace(d))),
                "dependsOn", "'dependsOn' lists at most 100 task keys or ids, none blank.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        if (found is null) return Problems.NotFound("Project", project);
        if (!await db.WorksOnAsync(found, caller, ct)) return Problems.Forbidden("Only the project's members and PMO plan its schedule.");
        if (request.MilestoneId is { } mid && !await db.Milestones.AnyAsync(m => m.Id == mid && m.ProjectId == found.Id, ct))
            return Problems.NotFound("Milestone", mid);

        var number = await db.NextNumberAsync(Sequences.Tasks, ct);
        var task = ProjectTask.Plan(number, found, request.MilestoneId, request.Title!.Trim(), RiskEndpoints.Blank(request.Owner),
            request.StartDate, request.DueDate, request.EstimateHours ?? 0, clock.GetUtcNow());
        db.Tasks.Add(task);
        foreach (var reference in request.DependsOn ?? [])
        {
            var predecessor = await db.FindTaskAsync(found, reference.Trim(), ct);
            if (predecessor is null) return Problems.NotFound("Task", reference);
            task.DependOn(predecessor, []); // a new task has no successors: no cycle possible
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/tasks/{task.Key}", TaskResponse.From(task, Today(clock)));
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetTask(
        string project, string task, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        var item = found is null ? null : await db.FindTaskAsync(found, task, ct);
        return item is null ? Problems.NotFound("Task", task) : TypedResults.Ok(TaskResponse.From(item, Today(clock)));
    }

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> UpdateTask(
        string project, string task, UpdateTaskRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Check(request.Title is null || !string.IsNullOrWhiteSpace(request.Title), "title", "'title' cannot be blank.")
            .Optional("title", request.Title, 200)
            .Person("owner", request.Owner, required: false)
            .Check(request.EstimateHours is null or >= 0 and <= 100_000, "estimateHours", "'estimateHours' must be between 0 and 100000.")
            .Check(request.PercentDone is null or >= 0 and <= 100, "percentDone", "'percentDone' must be between 0 and 100.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var item = found is null ? null : await db.FindTaskAsync(found, task, ct);
        if (item is null) return Problems.NotFound("Task", task);
        if (!await db.WorksOnAsync(found!, caller, ct)) return Problems.Forbidden("Only the project's members and PMO plan its schedule.");
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
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(TaskResponse.From(item, Today(clock)));
    }

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> AddDependency(
        string project, string task, AddDependencyRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("dependsOn", request.DependsOn);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        if (found is null) return Problems.NotFound("Project", project);
        if (!await db.WorksOnAsync(found, caller, ct)) return Problems.Forbidden("Only the project's members and PMO plan its schedule.");

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
        return TypedResults.Ok(TaskResponse.From(item, Today(clock)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveDependency(
        string project, string task, string other, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var item = found is null ? null : await db.FindTaskAsync(found, task, ct);
        var predecessor = found is null ? null : await db.FindTaskAsync(found, other, ct);
        if (item is null || predecessor is null) return Problems.NotFound("Dependency", $"{task} → {other}");
        if (!await db.WorksOnAsync(found!, caller, ct)) return Problems.Forbidden("Only the project's members and PMO plan its schedule.");
        item.DropDependency(predecessor.Id);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> Progress(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        return TypedResults.Ok(await ProgressOfAsync(db, found, Today(clock), ct));
    }

    /// <summary>The roll-up of one project: tasks → milestones → project.</summary>
    public static async Task<ProgressResponse> ProgressOfAsync(ProjectsDbContext db, Project project, DateOnly today, CancellationToken ct)
    {
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.ProjectId == project.Id).OrderBy(m => m.DueDate).ToListAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id).ToListAsync(ct);
        var byMilestone = tasks.ToLookup(t => t.MilestoneId);
        var all = Schedule.RollUp(tasks, today);
        return new ProgressResponse(project.Id, project.Key, today, all.Actual, all.Planned, all.Variance, all.EstimateHours,
            milestones.Count(m => m.IsOverdue(today)), tasks.Count(t => t.IsOverdue(today)),
            milestones.Select(m => MilestoneResponse.From(m, byMilestone[m.Id].ToList(), today)).ToList());
    }
}
