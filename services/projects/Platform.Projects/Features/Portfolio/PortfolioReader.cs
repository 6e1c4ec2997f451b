namespace Platform.Projects.Features;

/// <summary>Computes the standing of several projects (health, progress, risks, earned value) with one query per kind of fact.</summary>
public static class PortfolioReader
{
    public const int TopRiskCount = 3;

    public static async Task<IReadOnlyList<ProjectStanding>> StandingsAsync(
        ProjectsDbContext db, IReadOnlyList<Project> projects, DateOnly today, ProjectsOptions options, CancellationToken ct,
        IReadOnlyDictionary<Guid, ProjectCost>? costs = null)
    {
        var riskThreshold = options.RiskEscalationThreshold;
        var ids = projects.Select(p => p.Id).ToList();
        costs ??= await CostReader.OfAsync(db, projects, today, ct);
        var tasks = (await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.ProjectId)).ToListAsync(ct)).ToLookup(t => t.ProjectId);
        var milestones = (await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.ProjectId)).ToListAsync(ct)).ToLookup(m => m.ProjectId);
        var risks = (await db.Risks.AsNoTracking()
            .Where(r => ids.Contains(r.ProjectId) && (r.Status == RiskStatus.Open || r.Status == RiskStatus.Mitigating))
            .ToListAsync(ct)).ToLookup(r => r.ProjectId);
        var issues = (await db.Issues.AsNoTracking()
            .Where(i => ids.Contains(i.ProjectId) && (i.Status == IssueStatus.Open || i.Status == IssueStatus.InProgress))
            .GroupBy(i => new { i.ProjectId, i.Severity }).Select(g => new { g.Key.ProjectId, g.Key.Severity, Count = g.Count() })
            .ToListAsync(ct)).ToLookup(g => g.ProjectId);
        var escalations = (await db.Escalations.AsNoTracking()
            .Where(e => ids.Contains(e.ProjectId) && e.Status != EscalationStatus.Resolved)
            .GroupBy(e => new { e.ProjectId, e.Severity }).Select(g => new { g.Key.ProjectId, g.Key.Severity, Count = g.Count() })
            .ToListAsync(ct)).ToLookup(g => g.ProjectId);

        return projects.Select(p =>
        {
            var figures = Schedule.RollUp(tasks[p.Id].ToList(), today);
            var overdue = milestones[p.Id].Count(m => m.IsOverdue(today));
            var projectRisks = risks[p.Id].ToList();
            var projectIssues = issues[p.Id].ToList();
            var projectEscalations = escalations[p.Id].ToList();
            var inputs = new HealthInputs(figures.Variance, overdue, projectRisks.Select(r => r.Score).ToList(), riskThreshold,
                projectIssues.Where(i => i.Severity == IssueSeverity.Critical).Sum(i => i.Count),
                projectIssues.Where(i => i.Severity == IssueSeverity.High).Sum(i => i.Count),
                projectIssues.Sum(i => i.Count),
                projectEscalations.Sum(e => e.Count),
                projectEscalations.Where(e => e.Severity == EscalationSeverity.Critical).Sum(e => e.Count),
                costs[p.Id].Figures.Cpi, costs[p.Id].Figures.Spi, options.Cost.Thresholds);
            var assessment = HealthRules.Assess(inputs);
            var @override = p.HealthOverride is { } h ? new HealthOverrideView(h, p.HealthOverrideComment ?? "", p.HealthOverrideBy ?? "", p.HealthOverrideAt ?? default) : null;
            var top = projectRisks.OrderByDescending(r => r.Score).ThenBy(r => r.Number).Take(TopRiskCount)
                .Select(r => new RiskSummary(r.Id, r.Key, r.Title, r.Score, RiskScoring.Level(r.Score), r.Owner, r.Status)).ToList();
            return new ProjectStanding(p.Id, p.Key, p.Name, p.Code, p.Phase, p.Manager, p.Sponsor, p.Budget, p.StartDate, p.EndDate,
                @override?.Health ?? assessment.Health, assessment.Health, assessment.Reasons, @override,
                figures.Actual, figures.Planned, figures.Variance, overdue, inputs.OpenIssues, inputs.OpenEscalations, top,
                p.Currency, costs[p.Id].Figures.Cpi, costs[p.Id].Figures.Spi, costs[p.Id].Figures.Bac, costs[p.Id].Figures.Ac, costs[p.Id].Figures.Eac);
        }).ToList();
    }
}
