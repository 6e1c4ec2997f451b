using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Platform.Portal.Api.Pmo;

namespace Platform.Portal.Components.Pages.Pmo;

/// <summary>
/// The projects service words health reasons in English (Domain/Health.cs in projects). What the portal recognises it
/// says in the person's language; anything else is shown as the service wrote it.
/// </summary>
public static partial class PmoText
{
    public static string Reason(this IStringLocalizer localizer, HealthReason reason)
    {
        var text = reason.Text.Trim();
        Match m;
        if ((m = Behind().Match(text)).Success) return localizer["Pmo.Reason.Behind", m.Groups[1].Value];
        if ((m = MilestonesOverdue().Match(text)).Success) return localizer["Pmo.Reason.MilestonesOverdue", m.Groups[1].Value];
        if ((m = SevereRisks().Match(text)).Success) return localizer["Pmo.Reason.SevereRisks", m.Groups[1].Value];
        if ((m = RisksOverThreshold().Match(text)).Success) return localizer["Pmo.Reason.RisksOverThreshold", m.Groups[1].Value, m.Groups[2].Value];
        if ((m = CriticalIssues().Match(text)).Success) return localizer["Pmo.Reason.CriticalIssues", m.Groups[1].Value];
        if ((m = HighIssues().Match(text)).Success) return localizer["Pmo.Reason.HighIssues", m.Groups[1].Value];
        if ((m = OpenIssues().Match(text)).Success) return localizer["Pmo.Reason.OpenIssues", m.Groups[1].Value];
        if ((m = CriticalEscalations().Match(text)).Success) return localizer["Pmo.Reason.CriticalEscalations", m.Groups[1].Value];
        if ((m = OpenEscalations().Match(text)).Success) return localizer["Pmo.Reason.OpenEscalations", m.Groups[1].Value];
        if ((m = CostIndex().Match(text)).Success) return localizer["Pmo.Reason.Cpi", m.Groups[1].Value, m.Groups[2].Value];
        if ((m = ScheduleIndex().Match(text)).Success) return localizer["Pmo.Reason.Spi", m.Groups[1].Value, m.Groups[2].Value];
        return text;
    }

    [GeneratedRegex(@"^Cost performance index ([\d.,]+), under ([\d.,]+)[:.]")]
    private static partial Regex CostIndex();

    [GeneratedRegex(@"^Schedule performance index ([\d.,]+), under ([\d.,]+)\.$")]
    private static partial Regex ScheduleIndex();

    [GeneratedRegex(@"^(\d+) points behind plan\.$")]
    private static partial Regex Behind();

    [GeneratedRegex(@"^(\d+) milestones? overdue\.$")]
    private static partial Regex MilestonesOverdue();

    [GeneratedRegex(@"^(\d+) risk\(s\) scoring 20 or more\.$")]
    private static partial Regex SevereRisks();

    [GeneratedRegex(@"^(\d+) risks?(?:\(s\))? at or over the threshold of (\d+)\.$")]
    private static partial Regex RisksOverThreshold();

    [GeneratedRegex(@"^(\d+) open critical issue\(s\)\.$")]
    private static partial Regex CriticalIssues();

    [GeneratedRegex(@"^(\d+) open high-severity issue\(s\)\.$")]
    private static partial Regex HighIssues();

    [GeneratedRegex(@"^(\d+) open issues\.$")]
    private static partial Regex OpenIssues();

    [GeneratedRegex(@"^(\d+) open critical escalation\(s\)\.$")]
    private static partial Regex CriticalEscalations();

    [GeneratedRegex(@"^(\d+) open escalation\(s\)\.$")]
    private static partial Regex OpenEscalations();
}
