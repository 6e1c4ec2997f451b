using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Domain;

namespace Platform.Projects.Features;

public sealed record ReportProject(Guid Id, string Key, string Name, string? Code, ProjectPhase Phase, string Manager, string? Sponsor, decimal? Budget);

public sealed record ReportMilestone(string Name, DateOnly DueDate, int Progress, bool Overdue, bool Completed);

public sealed record ReportIssue(string Key, string Title, IssueSeverity Severity, IssueStatus Status, string? Owner, string? SourceTicketKey);

public sealed record ReportEscalation(string Key, EscalationSeverity Severity, EscalationStatus Status, string Reason);

public sealed record ReportDecision(string MeetingKey, string MeetingTitle, string Text, DateTimeOffset RecordedAt);

/// <summary>What a weekly status report says, frozen when generated.</summary>
public sealed record StatusReportContent(
    ReportProject Project, string Week, DateOnly WeekStart, DateOnly WeekEnd, DateTimeOffset GeneratedAt, string GeneratedBy,
    int Progress, int PlannedProgress, int ScheduleVariance, HealthStatus Health, HealthStatus ComputedHealth,
    IReadOnlyList<HealthReason> HealthReasons, HealthOverrideView? HealthOverride, IReadOnlyList<ReportMilestone> Milestones,
    IReadOnlyList<RiskSummary> TopRisks, IReadOnlyList<ReportIssue> OpenIssues, IReadOnlyList<ReportEscalation> OpenEscalations,
    IReadOnlyList<ReportDecision> Decisions, int OverdueActionItems);

/// <summary>Builds, stores and renders weekly status reports.</summary>
public static partial class StatusReports
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [GeneratedRegex(@"^(\d{4})-W(\d{2})$")]
    private static partial Regex WeekPattern();

    /// <summary>Parses "2026-W48" into the ISO week's Monday.</summary>
    public static bool TryParseWeek(string? text, out int year, out int week, out DateOnly monday)
    {
        (year, week, monday) = (0, 0, default);
        var match = text is null ? null : WeekPattern().Match(text);
        if (match is not { Success: true }) return false;
        year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        week = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100 || week < 1 || week > ISOWeek.GetWeeksInYear(year)) return false;
        monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        return true;
    }

    public static async Task<StatusReportContent> BuildAsync(
        ProjectsDbContext db, Project project, DateOnly monday, int riskThreshold, string by, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var sunday = monday.AddDays(6);
        var standing = (await PortfolioReader.StandingsAsync(db, [project], today, riskThreshold, ct))[0];
        var progress = (await ScheduleEndpoints.ProgressOfAsync(db, project, today, ct)).Milestones;
        var issues = await db.Issues.AsNoTracking()
            .Where(i => i.ProjectId == project.Id && (i.Status == IssueStatus.Open || i.Status == IssueStatus.InProgress))
            .OrderBy(i => i.Severity).ThenBy(i => i.Number).Take(20).ToListAsync(ct);
        var escalations = await db.Escalations.AsNoTracking()
            .Where(e => e.ProjectId == project.Id && e.Status != EscalationStatus.Resolved).OrderBy(e => e.Number).ToListAsync(ct);
        var (windowStart, windowEnd) = (new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(sunday.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var decisions = await (from d in db.Set<MeetingDecision>().AsNoTracking()
                               join m in db.Meetings.AsNoTracking() on d.MeetingId equals m.Id
                               where m.ProjectId == project.Id && d.RecordedAt >= windowStart && d.RecordedAt < windowEnd
                               orderby d.RecordedAt
                               select new { m.Number, m.Title, d.Text, d.RecordedAt }).ToListAsync(ct);
        var overdueActions = await db.Tasks.CountAsync(t => t.ProjectId == project.Id && t.MeetingId != null && t.PercentDone < 100 && t.DueDate < today, ct);

        return new StatusReportContent(
            new ReportProject(project.Id, project.Key, project.Name, project.Code, project.Phase, project.Manager, project.Sponsor, project.Budget),
            $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}",
            monday, sunday, now, by, standing.Progress, standing.PlannedProgress, standing.ScheduleVariance, standing.Health,
            standing.ComputedHealth, standing.Reasons, standing.Override,
            progress.Select(m => new ReportMilestone(m.Name, m.DueDate, m.Progress, m.Overdue, m.CompletedAt is not null)).ToList(),
            standing.TopRisks,
            issues.Select(i => new ReportIssue(i.Key, i.Title, i.Severity, i.Status, i.Owner, i.SourceTicketKey)).ToList(),
            escalations.Select(e => new ReportEscalation(e.Key, e.Severity, e.Status, e.Reason)).ToList(),
            decisions.Select(d => new ReportDecision(Meeting.KeyPrefix + d.Number, d.Title, d.Text, d.RecordedAt)).ToList(),
            overdueActions);
    }

    public static string Serialize(StatusReportContent content) => JsonSerializer.Serialize(content, Json);

    public static StatusReportContent Deserialize(string json) => JsonSerializer.Deserialize<StatusReportContent>(json, Json)!;

    /// <summary>The report as Markdown, for mail and wikis.</summary>
    public static string ToMarkdown(string key, StatusReportContent r)
    {
        static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.Append(inv, $"# {r.Project.Key} {r.Project.Name}: status report {r.Week}\n\n");
        md.Append(inv, $"{key} · {r.WeekStart:yyyy-MM-dd} to {r.WeekEnd:yyyy-MM-dd} · generated {r.GeneratedAt:yyyy-MM-dd HH:mm} UTC by {r.GeneratedBy}\n\n");
        md.Append(inv, $"- **Phase:** {r.Project.Phase}\n- **Manager:** {r.Project.Manager}\n");
        if (r.Project.Sponsor is not null) md.Append(inv, $"- **Sponsor:** {r.Project.Sponsor}\n");
        if (r.Project.Code is not null) md.Append(inv, $"- **Code:** {r.Project.Code}\n");
        md.Append(inv, $"- **Health:** {r.Health}");
        if (r.HealthOverride is { } o) md.Append(inv, $" (overridden by {o.By}: \"{o.Comment}\"; computed {r.ComputedHealth})");
        md.Append('\n');
        md.Append(inv, $"- **Progress:** {r.Progress} % (planned {r.PlannedProgress} %, variance {r.ScheduleVariance:+0;-0;0} points)\n\n");

        md.Append("## Health reasons\n\n");
        if (r.HealthReasons.Count == 0) md.Append("None: on track.\n\n");
        else
        {
            foreach (var reason in r.HealthReasons) md.Append(inv, $"- {reason.Level} ({reason.Area}): {reason.Text}\n");
            md.Append('\n');
        }

        md.Append("## Milestones\n\n");
        if (r.Milestones.Count == 0) md.Append("None planned.\n\n");
        else
        {
            md.Append("| Milestone | Due | Progress | State |\n|---|---|---|---|\n");
            foreach (var m in r.Milestones)
                md.Append(inv, $"| {Cell(m.Name)} | {m.DueDate:yyyy-MM-dd} | {m.Progress} % | {(m.Completed ? "done" : m.Overdue ? "**overdue**" : "on time")} |\n");
            md.Append('\n');
        }

        md.Append("## Top risks\n\n");
        if (r.TopRisks.Count == 0) md.Append("None open.\n\n");
        else
        {
            md.Append("| Risk | Title | Score | Owner |\n|---|---|---|---|\n");
            foreach (var risk in r.TopRisks) md.Append(inv, $"| {risk.Key} | {Cell(risk.Title)} | {risk.Score} ({risk.Level}) | {Cell(risk.Owner)} |\n");
            md.Append('\n');
        }

        md.Append("## Open issues\n\n");
        if (r.OpenIssues.Count == 0) md.Append("None.\n\n");
        else
        {
            md.Append("| Issue | Title | Severity | Status | Owner |\n|---|---|---|---|---|\n");
            foreach (var i in r.OpenIssues) md.Append(inv, $"| {i.Key} | {Cell(i.Title)} | {i.Severity} | {i.Status} | {Cell(i.Owner)} |\n");
            md.Append('\n');
        }

        md.Append("## Open escalations\n\n");
        if (r.OpenEscalations.Count == 0) md.Append("None.\n\n");
        else
        {
            foreach (var e in r.OpenEscalations) md.Append(inv, $"- {e.Key} ({e.Severity}, {e.Status}): {e.Reason}\n");
            md.Append('\n');
        }

        md.Append("## Decisions this week\n\n");
        if (r.Decisions.Count == 0) md.Append("None recorded.\n\n");
        else
        {
            foreach (var d in r.Decisions) md.Append(inv, $"- {d.Text} ({d.MeetingKey} {d.MeetingTitle}, {d.RecordedAt:yyyy-MM-dd})\n");
            md.Append('\n');
        }

        md.Append(inv, $"Overdue action items: {r.OverdueActionItems}\n");
        return md.ToString();
    }
}
