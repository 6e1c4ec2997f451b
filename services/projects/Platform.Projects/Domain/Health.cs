namespace Platform.Projects.Domain;

public enum HealthStatus { Green, Amber, Red }

/// <summary>The facts health is computed from.</summary>
public sealed record HealthInputs(
    int ScheduleVariance, int OverdueMilestones, IReadOnlyList<int> ActiveRiskScores, int RiskThreshold,
    int OpenCriticalIssues, int OpenHighIssues, int OpenIssues, int OpenEscalations, int OpenCriticalEscalations);

public sealed record HealthReason(HealthStatus Level, string Area, string Text);

public sealed record HealthAssessment(HealthStatus Health, IReadOnlyList<HealthReason> Reasons);

/// <summary>
/// Project health: the worst of schedule, risks, issues and escalations, with every reason that is not green.
/// Schedule: 10+ points behind plan amber, 20+ red; one overdue milestone amber, two or more red.
/// Risks: an active risk at or over the threshold amber; three such, or one scoring 20+, red.
/// Issues: an open High issue or ten open issues amber; an open Critical issue red.
/// Escalations: an open escalation amber; an open Critical one red.
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

        var health = reasons.Count == 0 ? HealthStatus.Green : reasons.Max(r => r.Level);
        return new HealthAssessment(health, reasons.OrderByDescending(r => r.Level).ToList());
    }
}
