namespace Platform.Projects.Features;

/// <summary>The "Projects" configuration section.</summary>
public sealed class ProjectsOptions
{
    /// <summary>A risk whose score reaches this (1–25) is escalated to the PMO.</summary>
    public int RiskEscalationThreshold { get; set; } = RiskScoring.DefaultEscalationThreshold;

    /// <summary>How often the overdue-milestone checker looks.</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Turn the background checker off (tests drive it by hand).</summary>
    public bool OverdueCheckerEnabled { get; set; } = true;
}
