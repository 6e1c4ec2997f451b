using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Platform.Projects.Features;

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
        ProjectsDbContext db, Project project, DateOnly monday, ProjectsOptions options, string by, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var sunday = monday.AddDays(6);
        var money = await CostReader.OfAsync(db, [project], today, ct);
        var standing = (await PortfolioReader.StandingsAsync(db, [project], today, options, ct, money))[0];
        var cost = money[project.Id].Figures;
        var progress = (await db.ProgressOfAsync(project, today, ct)).Milestones;
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
            overdueActions,
            new ReportCost(project.Currency, cost.Bac, cost.Pv, cost.Ev, cost.Ac, cost.Cpi, cost.Spi, cost.Eac, cost.Vac));
    }

    public static string Serialize(StatusReportContent content) => JsonSerializer.Serialize(content, Json);

    public static StatusReportContent Deserialize(string json) => JsonSerializer.Deserialize<StatusReportContent>(json, Json)!;

    /// <summary>The report as Markdown, for mail and wikis.</summary>
    public static string ToMarkdown(string key, StatusReportContent r)
    {
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

        Section(md, "Health reasons", "None: on track.", r.HealthReasons, [], reason => $"- {reason.Level} ({reason.Area}): {reason.Text}");
        Section(md, "Milestones", "None planned.", r.Milestones, ["Milestone", "Due", "Progress", "State"],
            m => $"| {Cell(m.Name)} | {m.DueDate:yyyy-MM-dd} | {m.Progress} % | {(m.Completed ? "done" : m.Overdue ? "**overdue**" : "on time")} |");
        Section(md, "Top risks", "None open.", r.TopRisks, ["Risk", "Title", "Score", "Owner"],
            risk => $"| {risk.Key} | {Cell(risk.Title)} | {risk.Score} ({risk.Level}) | {Cell(risk.Owner)} |");
        Section(md, "Open issues", "None.", r.OpenIssues, ["Issue", "Title", "Severity", "Status", "Owner"],
            i => $"| {i.Key} | {Cell(i.Title)} | {i.Severity} | {i.Status} | {Cell(i.Owner)} |");
        Section(md, "Open escalations", "None.", r.OpenEscalations, [], e => $"- {e.Key} ({e.Severity}, {e.Status}): {e.Reason}");
        Section(md, "Decisions this week", "None recorded.", r.Decisions, [],
            d => $"- {d.Text} ({d.MeetingKey} {d.MeetingTitle}, {d.RecordedAt:yyyy-MM-dd})");

        if (r.Cost is { } c)
        {
            md.Append("## Cost\n\n| BAC | PV | EV | AC | CPI | SPI | EAC | VAC |\n|---|---|---|---|---|---|---|---|\n");
            md.Append(inv, $"| {c.Bac:N0} {c.Currency} | {c.Pv:N0} | {c.Ev:N0} | {c.Ac:N0} | {Index(c.Cpi)} | {Index(c.Spi)} | {c.Eac:N0} | {c.Vac:N0} |\n\n");
        }

        md.Append(inv, $"Overdue action items: {r.OverdueActionItems}\n");
        return md.ToString();
    }

    /// <summary>
    /// A section of the Markdown report: its heading, then <paramref name="none"/> when there are no rows, else one line
    /// a row: a table under <paramref name="columns"/>, or a bulleted list when there are no columns.
    /// </summary>
    private static void Section<T>(StringBuilder md, string heading, string none, IReadOnlyCollection<T> rows, string[] columns,
        Func<T, FormattableString> line)
    {
        md.Append("## ").Append(heading).Append("\n\n");
        if (rows.Count == 0)
        {
            md.Append(none).Append("\n\n");
            return;
        }

        if (columns.Length > 0)
            md.Append("| ").AppendJoin(" | ", columns).Append(" |\n|").Append(string.Concat(Enumerable.Repeat("---|", columns.Length))).Append('\n');
        foreach (var row in rows) md.Append(line(row).ToString(CultureInfo.InvariantCulture)).Append('\n');
        md.Append('\n');
    }

    private static string Index(decimal? index) => index?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–";

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
