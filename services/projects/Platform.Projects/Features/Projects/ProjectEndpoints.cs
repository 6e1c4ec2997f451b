namespace Platform.Projects.Features;

/// <summary>
/// The project API. PMO analysts (and admins, and integration tools with the projects scope) see every project;
/// everyone else sees the projects they belong to, and gets 404 for the rest. PMO creates projects; PMO and
/// the project's manager manage its members. Its issue log is Features/Issues.
/// </summary>
public static class ProjectEndpoints
{
    /// <summary>Why a caller who sees the project may not do this.</summary>
    private const string ManagersOnly = "Only PMO analysts and the project's manager manage its members.";

    internal static async Task<Results<Created<ProjectResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateProjectRequest request, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options, CancellationToken ct)
    {
        var currency = Money.CurrencyCode(request.Currency);
        var v = new Validator()
            .Required("name", request.Name)
            .Optional("description", request.Description, Lengths.Text)
            .Person("manager", request.Manager)
            .Check(request.StartDate is null || request.EndDate is null || request.EndDate >= request.StartDate,
                "endDate", "'endDate' must not be before 'startDate'.")
            .Optional("code", request.Code, Lengths.Key)
            .Person("sponsor", request.Sponsor, required: false)
            .OneOf("phase", request.Phase)
            .Check(request.Budget is null or >= 0, "budget", "'budget' cannot be negative.")
            .Check(request.Budget is null or <= Money.MaxAmount, "budget", $"'budget' is at most {Money.MaxAmount:0}.")
            .Currency(currency)
            .Optional("template", request.Template, Lengths.Key)
            .Check(request.TemplateVersion is null or > 0, "templateVersion", "'templateVersion' is 1 or more.")
            .Check(request.TemplateVersion is null || request.Template is not null, "templateVersion", "'templateVersion' goes with 'template'.")
            .Check(request.Template is null || request.StartDate is not null || request.EndDate is null || request.EndDate >= clock.Today(),
                "endDate", "A project started from a template without 'startDate' starts today; 'endDate' must not be before it.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (await db.CheckPeopleAsync(ct, ("manager", request.Manager?.Trim()), ("sponsor", request.Sponsor?.Trim())) is { } unknown) return unknown;
        ProjectTemplate? template = null;
        if (RequestText.Blank(request.Template) is { } templateKey)
        {
            var (chosen, problem) = await TemplateEndpoints.ChooseAsync(db, templateKey, request.TemplateVersion, ct);
            if (problem is not null) return problem;
            template = chosen;
        }

        var now = clock.GetUtcNow();
        var definition = template?.Read();
        // A project started from a standard is dated from its start: today when none is given.
        var start = request.StartDate ?? (template is null ? null : clock.Today());
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var number = await db.NextNumberAsync(Sequences.Projects, ct);
        var project = Project.Create(number, request.Name!.Trim(), request.Description?.Trim() ?? "", request.Manager!.Trim(),
            start, request.EndDate, now, template, definition?.KitProfile);
        project.Describe(request.Code?.Trim(), request.Sponsor?.Trim(), request.Phase, request.Budget, project.CreatedAt);
        project.KeepMoneyIn(currency ?? options.Value.DefaultCurrency, project.CreatedAt);
        db.Projects.Add(project);
        if (definition is not null)
            await StandardWork.ApplyAsync(db, project, definition, make: true, project.Manager, now, options.Value, ct);
        await db.SaveChangesRaisingAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/projects/{project.Key}", ProjectResponse.From(project));
    }

    internal static async Task<Results<Ok<Page<ProjectResponse>>, ValidationProblem>> List(
        ProjectsDbContext db, HttpContext http, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var query = db.VisibleProjects(Caller.Of(http)).AsNoTracking();
        return TypedResults.Ok(await query.ToPageAsync(page, p => p.Number, newestFirst: false, ProjectResponse.From, ct));
    }

    internal static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> Get(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        return found is null ? Problems.NotFound("Project", project) : TypedResults.Ok(ProjectResponse.From(found));
    }

    internal static async Task<Results<Ok<ProjectResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string project, UpdateProjectRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var currency = Money.CurrencyCode(request.Currency);
        var v = new Validator()
            .Optional("code", request.Code, Lengths.Key)
            .Person("sponsor", request.Sponsor, required: false)
            .Person("manager", request.Manager, required: request.Manager is not null)
            .OneOf("phase", request.Phase)
            .Check(request.Budget is null or >= 0, "budget", "'budget' cannot be negative.")
            .Check(request.Budget is null or <= Money.MaxAmount, "budget", $"'budget' is at most {Money.MaxAmount:0}.")
            .Currency(currency);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, withMembers: request.Manager is not null, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.Manages(found))
            return Problems.Forbidden("Only PMO analysts and the project's manager change its portfolio fields.");
        if (await db.CheckPeopleAsync(ct, ("sponsor", request.Sponsor?.Trim()), ("manager", request.Manager?.Trim())) is { } unknown) return unknown;

        var now = clock.GetUtcNow();
        if (currency is not null && currency != found.Currency)
        {
            if (await db.BudgetLines.AnyAsync(l => l.ProjectId == found.Id, ct) || await db.Costs.AnyAsync(c => c.ProjectId == found.Id, ct)
                || await db.Commitments.AnyAsync(c => c.ProjectId == found.Id, ct))
                return Problems.Conflict("currency-in-use", $"{found.Key} already holds money in {found.Currency}; its currency can no longer change.");
            found.KeepMoneyIn(currency, now);
        }

        found.Describe(request.Code?.Trim(), request.Sponsor?.Trim(), request.Phase, request.Budget, now);
        if (request.Manager is not null) found.NameManager(request.Manager.Trim(), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ProjectResponse.From(found));
    }

    internal static async Task<Results<Ok<IReadOnlyList<MemberResponse>>, ProblemHttpResult>> ListMembers(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct, withMembers: true);
        if (found is null) return Problems.NotFound("Project", project);
        return TypedResults.Ok<IReadOnlyList<MemberResponse>>(found.Members.OrderBy(m => m.AddedAt).Select(MemberResponse.From).ToList());
    }

    internal static async Task<Results<Created<MemberResponse>, ValidationProblem, ProblemHttpResult>> AddMember(
        string project, AddMemberRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Person("userId", request.UserId).Required("role", request.Role, Lengths.Key);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, withMembers: true, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.Manages(found))
            return Problems.Forbidden(ManagersOnly);
        if (await db.CheckPeopleAsync(ct, ("userId", request.UserId?.Trim())) is { } unknown) return unknown;

        var member = found.AddMember(request.UserId!.Trim(), request.Role!.Trim(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{found.Key}/members/{Uri.EscapeDataString(member.UserId)}", MemberResponse.From(member));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        string project, string userId, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, withMembers: true, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.Manages(found))
            return Problems.Forbidden(ManagersOnly);

        // Someone taken off the project no longer holds time on it (Membership: the same path as a leaver's).
        await db.EndMembershipAsync(found, userId, lastDay: null, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
