namespace Platform.Projects.Features;

/// <summary>Everything the money side of one project is computed from, and what it comes to on a date.</summary>
public sealed record ProjectCost(
    Project Project, DateOnly AsOf, EvFigures Figures, IReadOnlyList<BudgetLine> Budget, decimal Committed,
    IReadOnlyList<Commitment> Commitments, IReadOnlyList<CategoryFigures> ByCategory, IReadOnlyList<CurrencyTotal> OtherCurrencies);

/// <summary>One cost category: its budget, what was spent in it up to the date, and what is committed in it.</summary>
public sealed record CategoryFigures(CostCategory Category, decimal Budget, decimal Actual, decimal Committed);

/// <summary>Costs kept in another currency than the project's (procurements priced elsewhere): shown, not converted, not in AC.</summary>
public sealed record CurrencyTotal(string Currency, decimal Actual, decimal Committed);

/// <summary>
/// Reads the budget, actual costs, commitments, allocations and task progress of several projects with one query
/// per kind, and computes their earned value (<see cref="EarnedValue"/>). Procurements count as hardware.
/// </summary>
public static class CostReader
{
    public static async Task<ProjectCost> OfAsync(ProjectsDbContext db, Project project, DateOnly asOf, CancellationToken ct) =>
        (await OfAsync(db, [project], asOf, ct))[project.Id];

    public static async Task<IReadOnlyDictionary<Guid, ProjectCost>> OfAsync(
        ProjectsDbContext db, IReadOnlyList<Project> projects, DateOnly asOf, CancellationToken ct)
    {
        var ids = projects.Select(p => p.Id).ToList();
        var tasks = (await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.ProjectId))
            .Select(t => new { t.Id, t.ProjectId, t.Budget, t.EstimateHours, t.StartDate, t.DueDate, t.PercentDone }).ToListAsync(ct)).ToLookup(t => t.ProjectId);
        var history = (await db.TaskProgress.AsNoTracking().Where(h => ids.Contains(h.ProjectId)).OrderBy(h => h.On).ToListAsync(ct)).ToLookup(h => h.TaskId);
        var lines = (await db.BudgetLines.AsNoTracking().Where(l => ids.Contains(l.ProjectId)).ToListAsync(ct)).ToLookup(l => l.ProjectId);
        var costs = (await db.Costs.AsNoTracking().Where(c => ids.Contains(c.ProjectId))
            .GroupBy(c => new { c.ProjectId, c.Date, c.Category, c.Currency })
            .Select(g => new { g.Key.ProjectId, g.Key.Date, g.Key.Category, g.Key.Currency, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct)).ToLookup(c => c.ProjectId);
        var commitments = (await db.Commitments.AsNoTracking().Where(c => ids.Contains(c.ProjectId)).OrderBy(c => c.RequestKey).ToListAsync(ct)).ToLookup(c => c.ProjectId);
        var allocations = (await (from a in db.Allocations.AsNoTracking()
                                  join m in db.Set<ProjectMember>().AsNoTracking() on new { a.ProjectId, a.UserId } equals new { m.ProjectId, m.UserId } into roles
                                  from m in roles.DefaultIfEmpty()
                                  where ids.Contains(a.ProjectId)
                                  select new { a.ProjectId, a.UserId, Role = m == null ? null : m.Role, a.Percent, a.From, a.To }).ToListAsync(ct)).ToLookup(a => a.ProjectId);
        var rates = await db.LabourRates.AsNoTracking().ToDictionaryAsync(r => (r.Role, r.Currency), r => r.HourlyRate, ct);

        var result = new Dictionary<Guid, ProjectCost>();
        foreach (var p in projects)
        {
            var evTasks = tasks[p.Id].Select(t => new EvTask(t.Id, t.Budget, t.EstimateHours, t.StartDate, t.DueDate, t.PercentDone,
                history[t.Id].Select(h => (h.On, h.Percent)).ToList())).ToList();
            var budget = lines[p.Id].OrderBy(l => l.Period).ThenBy(l => l.Category).ToList();
            var own = costs[p.Id].Where(c => c.Currency == p.Currency).ToList();
            var projectCommitments = commitments[p.Id].ToList();
            var evAllocations = allocations[p.Id].Select(a => new EvAllocation(a.UserId, a.Role ?? "", a.Percent, a.From, a.To,
                a.Role is not null && rates.TryGetValue((a.Role, p.Currency), out var rate) ? rate : null)).ToList();

            var bac = EarnedValue.BudgetAtCompletion(budget, p.Budget, evTasks);
            var figures = EarnedValue.Compute(evTasks, bac, own.Select(c => (c.Date, c.Amount)).ToList(), evAllocations, asOf, p.StartDate, p.EndDate);
            var committed = projectCommitments.Where(c => c.Currency == p.Currency).Sum(c => c.Outstanding);
            var byCategory = Enum.GetValues<CostCategory>().Select(category => new CategoryFigures(category,
                budget.Where(l => l.Category == category).Sum(l => l.Amount),
                Money.Round(own.Where(c => c.Category == category && c.Date <= asOf).Sum(c => c.Amount) + (category == CostCategory.Labour ? figures.LabourActual : 0)),
                category == CostCategory.Hardware ? committed : 0)).ToList();
            var others = costs[p.Id].Where(c => c.Currency != p.Currency).Select(c => c.Currency)
                .Concat(projectCommitments.Where(c => c.Currency != p.Currency).Select(c => c.Currency)).Distinct().Order()
                .Select(currency => new CurrencyTotal(currency,
                    costs[p.Id].Where(c => c.Currency == currency && c.Date <= asOf).Sum(c => c.Amount),
                    projectCommitments.Where(c => c.Currency == currency).Sum(c => c.Outstanding))).ToList();
            result[p.Id] = new ProjectCost(p, asOf, figures, budget, committed, projectCommitments, byCategory, others);
        }

        return result;
    }
}
