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

    /// <summary>The currency of a project created without one (ISO 4217).</summary>
    public string DefaultCurrency { get; set; } = Project.DefaultCurrency;

    /// <summary>Cost health and the cost-overrun escalation.</summary>
    public CostOptions Cost { get; set; } = new();
}

/// <summary>
/// The "Projects:Cost" section: a cost performance index (CPI) or schedule performance index (SPI) under the amber
/// figure makes a project amber, under the red one red; an estimate at completion over the budget by more than
/// <see cref="OverrunShare"/> (0.1 = 10 %) raises a CostOverrunForecast escalation, once while it stands.
/// </summary>
public sealed class CostOptions
{
    public decimal CpiAmber { get; set; } = 0.95m;
    public decimal CpiRed { get; set; } = 0.85m;
    public decimal SpiAmber { get; set; } = 0.9m;
    public decimal SpiRed { get; set; } = 0.8m;
    public decimal OverrunShare { get; set; } = 0.1m;

    public CostThresholds Thresholds => new(CpiAmber, CpiRed, SpiAmber, SpiRed);

    public bool IsValid => CpiRed > 0 && CpiRed <= CpiAmber && SpiRed > 0 && SpiRed <= SpiAmber && OverrunShare >= 0;
}
