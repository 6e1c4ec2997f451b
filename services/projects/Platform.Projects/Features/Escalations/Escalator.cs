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
}
