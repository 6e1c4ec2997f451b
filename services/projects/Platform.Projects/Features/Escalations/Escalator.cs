namespace Platform.Projects.Features;

/// <summary>
/// Raises escalations, by hand or by rule, once per condition: nothing is added when an unresolved escalation
/// for the same project and condition exists (or is already being added in this unit of work). Two writers
/// racing past this check meet the unique index; <see cref="ProjectsDbContext.SaveChangesRaisingAsync"/>
/// keeps the first and drops the second.
/// </summary>
public static class Escalator
{
    public static async Task<Escalation?> TryRaiseAsync(
        ProjectsDbContext db, Project project, EscalationRule rule, EscalationSource sourceType, string sourceId,
        string? sourceKey, EscalationSeverity severity, string reason, string by, DateTimeOffset now, CancellationToken ct)
    {
        var condition = Escalation.ConditionOf(rule, sourceType, sourceId);
        if (db.ChangeTracker.Entries<Escalation>().Any(e => e.State == EntityState.Added
                && e.Entity.ProjectId == project.Id && e.Entity.Condition == condition))
            return null;
        if (await db.Escalations.AnyAsync(e => e.ProjectId == project.Id && e.Condition == condition
                && e.Status != EscalationStatus.Resolved, ct))
            return null;

        var number = await db.NextNumberAsync(Sequences.Escalations, ct);
        var escalation = Escalation.RaiseNew(number, project, severity, reason, rule, sourceType, sourceId, sourceKey, by, now);
        db.Escalations.Add(escalation);
        return escalation;
    }

    /// <summary>The risk-score rule: a risk whose score crosses the threshold upwards.</summary>
    public static Task<Escalation?> OnRiskScoredAsync(
        ProjectsDbContext db, Project project, Risk risk, int? previousScore, int threshold, string by, DateTimeOffset now, CancellationToken ct) =>
        risk.IsActive && RiskScoring.Crosses(previousScore, risk.Score, threshold)
            ? TryRaiseAsync(db, project, EscalationRule.RiskScore, EscalationSource.Risk, risk.Id.ToString(), risk.Key,
                risk.Score >= 20 ? EscalationSeverity.Critical : EscalationSeverity.High,
                $"Risk {risk.Key} '{risk.Title}' scores {risk.Score} (probability {risk.Probability} × impact {risk.Impact}), at or over the threshold of {threshold}.",
                by, now, ct)
            : Task.FromResult<Escalation?>(null);

    /// <summary>
    /// The cost rule: the estimate at completion over the budget by more than <see cref="CostOptions.OverrunShare"/>
    /// (Critical when the CPI is also under its red figure). Read after the change that may have caused it.
    /// </summary>
    public static async Task<Escalation?> OnCostChangedAsync(
        ProjectsDbContext db, Project project, CostOptions options, string by, DateTimeOffset now, CancellationToken ct)
    {
        var f = (await CostReader.OfAsync(db, project, DateOnly.FromDateTime(now.UtcDateTime), ct)).Figures;
        if (f.Bac <= 0 || f.Eac <= f.Bac * (1 + options.OverrunShare)) return null;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var reason = string.Format(inv,
            "Cost overrun forecast: estimate at completion {0:N0} {1} against a budget of {2:N0} ({3:+0.#%}), CPI {4}; the limit is {5:0.#%} over budget.",
            f.Eac, project.Currency, f.Bac, (f.Eac - f.Bac) / f.Bac, f.Cpi?.ToString("0.00", inv) ?? "–", options.OverrunShare);
        return await TryRaiseAsync(db, project, EscalationRule.CostOverrunForecast, EscalationSource.Project, project.Id.ToString(), project.Key,
            f.Cpi < options.CpiRed ? EscalationSeverity.Critical : EscalationSeverity.High, reason, by, now, ct);
    }

    /// <summary>
    /// Saves a change to a project's money or progress and, in the same transaction, raises the cost rule when the
    /// change brought the forecast over the limit.
    /// </summary>
    public static async Task SaveWatchingCostAsync(
        ProjectsDbContext db, Project project, CostOptions options, string by, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await OnCostChangedAsync(db, project, options, by, now, ct);
        await db.SaveChangesRaisingAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
