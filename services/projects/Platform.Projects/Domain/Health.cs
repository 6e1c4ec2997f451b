namespace Platform.Projects.Domain;

public enum HealthStatus { Green, Amber, Red }

/// <summary>The facts health is computed from.</summary>
public sealed record HealthInputs(
    int ScheduleVariance, int OverdueMilestones, IReadOnlyList<int> ActiveRiskScores, int RiskThreshold,
    int OpenCriticalIssues, int OpenHighIssues, int OpenIssues, int OpenEscalations, int OpenCriticalEscalations,
    decimal? Cpi = null, decimal? Spi = null, CostThresholds? CostThresholds = null);

/// <summary>Where the cost and schedule performance indices turn a project amber and red (Projects:Cost).</summary>
public sealed record CostThresholds(decimal CpiAmber, decimal CpiRed, decimal SpiAmber, decimal SpiRed)
{
    public static readonly CostThresholds Default = new(0.95m, 0.85m, 0.9m, 0.8m);
}

public sealed record HealthReason(HealthStatus Level, string Area, string Text);

public sealed record HealthAssessment(HealthStatus Health, IReadOnlyList<HealthReason> Reasons);

/// <summary>
/// Project health: the worst of schedule, risks, issues and escalations, with every reason that is not green.
/// Schedule: 10+ points behind plan amber, 20+ red; one overdue milestone amber, two or more red.
/// Risks: an active risk at or over the threshold amber; three such, or one scoring 20+, red.
/// Issues: an open High issue or ten open issues amber; an open Critical issue red.
/// Escalations: an open escalation amber; an open Critical one red.
/// Cost (earned value, when the project has spent and earned): CPI under its amber figure amber, under its red one red;
/// SPI the same against its own figures (Projects:Cost, defaults 0.95/0.85 and 0.9/0.8).
/// </summary>
public static class HealthRules
{
    public static HealthAssessment Assess(HealthInputs x)
    {
        var reasons = new List<HealthReason>();
        void Add(HealthStatus level, string area, string text) => reasons.Add(new HealthReason(level, area, text));

        if (x.ScheduleVariance <= -20) Add(HealthStatus.Red, "schedule", $"{-x.ScheduleVariance} points behind plan.");
        else if (x.ScheduleVariance <= -10) Add(HealthStatus.Amber, "schedule", $"{-x.ScheduleVariance} points behind plan.");
        if (x.OverdueMilestones >= 2) Add(HealthStatus.Red, "schedule", $"{x.OverdueMilestones} milestones overdue.");
        else if (x.OverdueMilestones == 1) Add(HealthStatus.Amber, "schedule", "1 milestone overdue.");

        var high = x.ActiveRiskScores.Count(s => s >= x.RiskThreshold);
        var severe = x.ActiveRiskScores.Count(s => s >= 20);
        if (high >= 3 || severe > 0)
            Add(HealthStatus.Red, "risks", severe > 0 ? $"{severe} risk(s) scoring 20 or more." : $"{high} risks at or over the threshold of {x.RiskThreshold}.");
        else if (high > 0) Add(HealthStatus.Amber, "risks", $"{high} risk(s) at or over the threshold of {x.RiskThreshold}.");

        if (x.OpenCriticalIssues > 0) Add(HealthStatus.Red, "issues", $"{x.OpenCriticalIssues} open critical issue(s).");
        else if (x.OpenHighIssues > 0) Add(HealthStatus.Amber, "issues", $"{x.OpenHighIssues} open high-severity issue(s).");
        else if (x.OpenIssues >= 10) Add(HealthStatus.Amber, "issues", $"{x.OpenIssues} open issues.");

        if (x.OpenCriticalEscalations > 0) Add(HealthStatus.Red, "escalations", $"{x.OpenCriticalEscalations} open critical escalation(s).");
        else if (x.OpenEscalations > 0) Add(HealthStatus.Amber, "escalations", $"{x.OpenEscalations} open escalation(s).");

        var t = x.CostThresholds ?? CostThresholds.Default;
        if (x.Cpi < t.CpiRed) Add(HealthStatus.Red, "cost", $"Cost performance index {x.Cpi:0.00}, under {t.CpiRed:0.00}: over budget for the work done.");
        else if (x.Cpi < t.CpiAmber) Add(HealthStatus.Amber, "cost", $"Cost performance index {x.Cpi:0.00}, under {t.CpiAmber:0.00}.");
        if (x.Spi < t.SpiRed) Add(HealthStatus.Red, "schedule", $"Schedule performance index {x.Spi:0.00}, under {t.SpiRed:0.00}.");
        else if (x.Spi < t.SpiAmber) Add(HealthStatus.Amber, "schedule", $"Schedule performance index {x.Spi:0.00}, under {t.SpiAmber:0.00}.");

        var health = reasons.Count == 0 ? HealthStatus.Green : reasons.Max(r => r.Level);
        return new HealthAssessment(health, reasons.OrderByDescending(r => r.Level).ToList());
    }
}
