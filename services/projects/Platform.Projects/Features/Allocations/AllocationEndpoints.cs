namespace Platform.Projects.Features;

/// <summary>
/// Members' allocations (% per period) on projects. PMO and the project's manager book them; an allocation pushing
/// the person over 100 % in any ISO week raises ResourceOverAllocated and the over-allocation escalation.
/// </summary>
public static class AllocationEndpoints
{
    /// <summary>Why a caller who sees the project may not do this.</summary>
    private const string ManagersOnly = "Only PMO analysts and the project's manager allocate its members.";

    internal static async Task<Results<Ok<IReadOnlyList<AllocationResponse>>, ProblemHttpResult>> ListForProject(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        var rows = await db.Allocations.AsNoTracking().Where(a => a.ProjectId == found.Id).OrderBy(a => a.UserId).ThenBy(a => a.From).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<AllocationResponse>>(rows.Select(AllocationResponse.Of).ToList());
    }

    internal static async Task<Results<Created<AllocationResult>, ValidationProblem, ProblemHttpResult>> Create(
        string project, CreateAllocationRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator()
            .Person("userId", request.UserId)
            .Check(request.Percent is >= 1 and <= 100, "percent", "'percent' is required and must be between 1 and 100.")
            .Check(request.From is not null, "from", "'from' is required.")
            .Check(request.To is not null, "to", "'to' is required.")
            .InDateRange("from", request.From)
            .InDateRange("to", request.To)
            .Check(request.From is null || request.To is null || request.To >= request.From, "to", "'to' must not be before 'from'.")
            .Check(request.From is null || request.To is null || request.To.Value.DayNumber - request.From.Value.DayNumber <= 3660, "to", "An allocation spans at most ten years.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.Manages(found))
            return Problems.Forbidden(ManagersOnly);
        var userId = request.UserId!.Trim();

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct); // joins an Idempotency-Key request's
        // One booking per person at a time: two projects booking the same person cannot both miss the other. A leaver's
        // allocations end under the same lock (Consumers/PeopleDirectoryConsumer), so person and membership are checked
        // under it: no booking slips past a leave.
        await db.LockAsync("allocations:" + userId, ct);
        if (await db.CheckPeopleAsync(ct, ("userId", userId)) is { } unknown) return unknown;
        if (!await db.Set<ProjectMember>().AnyAsync(m => m.ProjectId == found.Id && m.UserId == userId, ct))
            return Problems.Conflict("not-a-member", $"{userId} is not a member of {found.Key}; add them first.");
        var existing = await db.Allocations.AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new Booking(a.ProjectKey, a.Percent, a.From, a.To)).ToListAsync(ct);
        var allocation = Allocation.Book(found, userId, request.Percent!.Value, request.From!.Value, request.To!.Value, now);
        var before = Workload.OverAllocatedWeeks(existing);
        var after = Workload.OverAllocatedWeeks([.. existing, new Booking(found.Key, allocation.Percent, allocation.From, allocation.To)]);
        var caused = Workload.NewlyOver(before, after);
        db.Allocations.Add(allocation);
        if (caused.Count > 0)
        {
            allocation.AnnounceOverAllocation(caused, now);
            var weeks = string.Join(", ", caused.Take(5).Select(w => $"{w.IsoYear}-W{w.IsoWeek:00} {w.Percent} %")) + (caused.Count > 5 ? ", …" : "");
            await Escalator.TryRaiseAsync(db, found, EscalationRule.OverAllocation, EscalationSource.Allocation, userId, userId,
                EscalationSeverity.Medium, $"{userId} is booked over 100 % across projects: {weeks}.", caller.Id, now, ct);
        }

        await db.SaveChangesRaisingAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/allocations/{allocation.Id}",
            new AllocationResult(AllocationResponse.Of(allocation), caused));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string project, Guid allocation, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var item = found is null ? null : await db.Allocations.FirstOrDefaultAsync(a => a.Id == allocation && a.ProjectId == found.Id, ct);
        if (item is null) return Problems.NotFound("Allocation", allocation);
        if (!caller.Manages(found!))
            return Problems.Forbidden(ManagersOnly);
        db.Allocations.Remove(item);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>PMO, admins, tools and the person see all their allocations; others only those on projects they see.</summary>
    internal static async Task<Ok<PersonAllocations>> ListForPerson(string userId, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var query = db.Allocations.AsNoTracking().Where(a => a.UserId == userId);
        if (!caller.SeesAllProjects && caller.Id != userId)
        {
            var visible = db.VisibleProjects(caller).Select(p => p.Id);
            query = query.Where(a => visible.Contains(a.ProjectId));
        }

        var rows = await query.OrderBy(a => a.From).ThenBy(a => a.ProjectKey).ToListAsync(ct);
        var weeks = Workload.OverAllocatedWeeks(rows.Select(a => new Booking(a.ProjectKey, a.Percent, a.From, a.To)).ToList());
        return TypedResults.Ok(new PersonAllocations(userId, rows.Select(AllocationResponse.Of).ToList(), weeks));
    }
}
