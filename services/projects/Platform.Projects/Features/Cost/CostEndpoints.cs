namespace Platform.Projects.Features;

/// <summary>
/// Cost management: a project's budget by month and category, its actual costs (recorded here, taken from procurements
/// received for it, and labour from its allocations at the roles' hourly rates), its commitments (procurements approved
/// and not yet received), and earned value from its schedule. Whoever sees a project sees its money; PMO and the
/// project's manager set its budget and record its costs; PMO sets the labour rates.
/// </summary>
public static class CostEndpoints
{
    private const string ManagersOnly = "Only PMO analysts and the project's manager set its budget and record its costs.";
    private const int MaxBudgetLines = 1_200;

    internal static async Task<Results<Ok<CostResponse>, ValidationProblem, ProblemHttpResult>> Get(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct, DateOnly? asOf = null)
    {
        var v = new Validator().InDateRange("asOf", asOf);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        return TypedResults.Ok(CostResponse.From(await CostReader.OfAsync(db, found, asOf ?? clock.Today(), ct)));
    }

    internal static async Task<Results<Ok<CostResponse>, ValidationProblem, ProblemHttpResult>> SetBudget(
        string project, SetBudgetRequest request, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options, HttpContext http,
        CancellationToken ct)
    {
        var v = new Validator().Check(request.Lines is not null, "lines", "'lines' is required (an empty list clears the budget).");
        var lines = request.Lines ?? [];
        v.Check(lines.Count <= MaxBudgetLines, "lines", $"At most {MaxBudgetLines} budget lines.");
        for (var i = 0; i < lines.Count && i < MaxBudgetLines; i++)
        {
            var line = lines[i];
            v.Check(line is not null && Money.ParsePeriod(line.Period) is not null, $"lines[{i}].period", "A period is a month as yyyy-MM (2026-04), 2000–2100.")
                .Check(line?.Category is { } c && Enum.IsDefined(c), $"lines[{i}].category", $"One of: {string.Join(", ", Enum.GetNames<CostCategory>())}.")
                .Check(line?.Amount is >= 0 and <= Money.MaxAmount, $"lines[{i}].amount", $"An amount is 0 to {Money.MaxAmount:0}.");
        }

        if (v.IsValid && lines.GroupBy(l => (Money.ParsePeriod(l.Period), l.Category)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            v.Check(false, "lines", $"{twice.Key.Item2} in {Money.Period(twice.Key.Item1!.Value)} is given twice.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.Manages(found)) return Problems.Forbidden(ManagersOnly);

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.LockAsync("budget:" + found.Id, ct);
        await db.BudgetLines.Where(l => l.ProjectId == found.Id).ExecuteDeleteAsync(ct);
        db.BudgetLines.AddRange(lines.Select(l => new BudgetLine
        {
            ProjectId = found.Id, Period = Money.ParsePeriod(l.Period)!.Value, Category = l.Category!.Value, Amount = Money.Round(l.Amount!.Value),
        }));
        // The portfolio's single budget figure follows the lines, so both always say the same.
        if (lines.Count > 0) found.Describe(null, null, null, Money.Round(lines.Sum(l => Money.Round(l.Amount!.Value))), now);
        await Escalator.SaveWatchingCostAsync(db, found, options.Value.Cost, caller.Id, now, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(CostResponse.From(await CostReader.OfAsync(db, found, clock.Today(), ct)));
    }

    internal static async Task<Results<Ok<IReadOnlyList<CostEntryResponse>>, ValidationProblem, ProblemHttpResult>> ListCosts(
        string project, ProjectsDbContext db, HttpContext http, CancellationToken ct,
        CostCategory? category = null, DateOnly? from = null, DateOnly? to = null, int? limit = null)
    {
        var v = new Validator().OneOf("category", category).InDateRange("from", from).InDateRange("to", to)
            .Check(limit is null or >= 1 and <= 1000, "limit", "'limit' is 1–1000.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        var query = db.Costs.AsNoTracking().Where(c => c.ProjectId == found.Id);
        if (category is not null) query = query.Where(c => c.Category == category);
        if (from is not null) query = query.Where(c => c.Date >= from);
        if (to is not null) query = query.Where(c => c.Date <= to);
        var rows = await query.OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Take(limit ?? 200).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CostEntryResponse>>(rows.Select(CostEntryResponse.From).ToList());
    }

    internal static async Task<Results<Created<CostEntryResponse>, ValidationProblem, ProblemHttpResult>> RecordCost(
        string project, RecordCostRequest request, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options, HttpContext http,
        CancellationToken ct)
    {
        var today = clock.Today();
        var currency = Money.CurrencyCode(request.Currency);
        var v = new Validator()
            .Check(request.Date is not null, "date", "'date' is required.")
            .Check(request.Date is null || request.Date <= today, "date", "An actual cost cannot be dated in the future; money promised is a commitment.")
            .InDateRange("date", request.Date)
            .RequiredEnum("category", request.Category)
            .Check(request.Amount is not null, "amount", "'amount' is required.")
            .Check(request.Amount is null or >= 0, "amount", "A cost cannot be negative; delete a wrong entry instead.")
            .Check(request.Amount is null or <= Money.MaxAmount, "amount", $"An amount is at most {Money.MaxAmount:0}.")
            .Currency(currency)
            .Optional("description", request.Description, Lengths.Comment);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.Manages(found)) return Problems.Forbidden(ManagersOnly);
        if (currency is not null && currency != found.Currency)
            return Problems.Unprocessable("currency-mismatch", $"{found.Key} keeps its costs in {found.Currency}; this cost is in {currency}.");

        var now = clock.GetUtcNow();
        var entry = CostEntry.Record(found, request.Date!.Value, request.Category!.Value, request.Amount!.Value, found.Currency,
            request.Description?.Trim() ?? "", caller.Id, now);
        db.Costs.Add(entry);
        await Escalator.SaveWatchingCostAsync(db, found, options.Value.Cost, caller.Id, now, ct);
        return TypedResults.Created($"/api/projects/{found.Key}/costs/{entry.Id}", CostEntryResponse.From(entry));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteCost(
        string project, Guid cost, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        var entry = found is null ? null : await db.Costs.FirstOrDefaultAsync(c => c.Id == cost && c.ProjectId == found.Id, ct);
        if (entry is null) return Problems.NotFound("Cost", cost);
        if (!caller.Manages(found!)) return Problems.Forbidden(ManagersOnly);
        if (entry.Source != CostSource.Manual)
            return Problems.Conflict("from-procurement", $"This cost came from {entry.SourceKey}; it follows the procurement, not a hand edit.");
        db.Costs.Remove(entry);
        await Escalator.SaveWatchingCostAsync(db, found!, options.Value.Cost, caller.Id, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<LabourRateView>>> ListRates(ProjectsDbContext db, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<LabourRateView>>((await db.LabourRates.AsNoTracking().OrderBy(r => r.Role).ThenBy(r => r.Currency).ToListAsync(ct))
            .Select(LabourRateView.From).ToList());

    internal static async Task<Results<Ok<LabourRateView>, ValidationProblem, ProblemHttpResult>> SetRate(
        string role, SetLabourRateRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var currency = Money.CurrencyCode(request.Currency);
        var v = new Validator().Required("role", role, Lengths.Key)
            .Currency(currency, required: true)
            .Check(request.HourlyRate is >= 0 and <= 10_000_000, "hourlyRate", "'hourlyRate' is required, 0 to 10000000.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        if (!caller.ManagesProjects) return Problems.Forbidden("Only PMO analysts set labour rates.");
        var key = role.Trim();
        var rate = await db.LabourRates.FirstOrDefaultAsync(r => r.Role == key && r.Currency == currency, ct);
        if (rate is null) db.LabourRates.Add(rate = new LabourRate { Role = key, Currency = currency! });
        rate.HourlyRate = Money.Round(request.HourlyRate!.Value);
        rate.UpdatedBy = caller.Id;
        rate.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LabourRateView.From(rate));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteRate(
        string role, ProjectsDbContext db, HttpContext http, CancellationToken ct, string? currency = null)
    {
        var code = Money.CurrencyCode(currency);
        var v = new Validator().Currency(code, required: true);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (!Caller.Of(http).ManagesProjects) return Problems.Forbidden("Only PMO analysts set labour rates.");
        var deleted = await db.LabourRates.Where(r => r.Role == role && r.Currency == code).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Problems.NotFound("Labour rate", $"{role} {code}") : TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<PortfolioCostResponse>, ValidationProblem>> Portfolio(
        ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct, ProjectPhase? phase = null, DateOnly? asOf = null)
    {
        var v = new Validator().OneOf("phase", phase).InDateRange("asOf", asOf);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var day = asOf ?? clock.Today();
        var query = db.VisibleProjects(Caller.Of(http)).AsNoTracking();
        if (phase is not null) query = query.Where(p => p.Phase == phase);
        var projects = await query.OrderBy(p => p.Number).ToListAsync(ct);
        var costs = await CostReader.OfAsync(db, projects, day, ct);
        var lines = projects.Select(p => costs[p.Id]).Select(c => new PortfolioCostLine(c.Project.Id, c.Project.Key, c.Project.Name, c.Project.Currency,
            c.Figures.Bac, c.Figures.Pv, c.Figures.Ev, c.Figures.Ac, c.Figures.Cpi, c.Figures.Spi, c.Figures.Eac, c.Figures.Vac, c.Committed)).ToList();
        var totals = lines.GroupBy(l => l.Currency).OrderBy(g => g.Key).Select(g =>
        {
            var (pv, ev, ac) = (g.Sum(l => l.Pv), g.Sum(l => l.Ev), g.Sum(l => l.Ac));
            return new PortfolioCostTotal(g.Key, g.Count(), g.Sum(l => l.Bac), pv, ev, ac,
                ac > 0 ? Math.Round(ev / ac, 3) : null, pv > 0 ? Math.Round(ev / pv, 3) : null, g.Sum(l => l.Eac), g.Sum(l => l.Vac), g.Sum(l => l.Committed));
        }).ToList();
        return TypedResults.Ok(new PortfolioCostResponse(day, lines, totals));
    }
}
