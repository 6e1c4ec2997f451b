using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// What the other PMO journeys leave unasserted, in English and in Japanese. dave (PSO staff) gets the not-found page for
/// the pages of a project he is not on (its PMO page, meetings, a meeting, an issue) while he sees those of his own. The
/// portfolio says why a project is red or amber (the service's reasons, in the person's language), shows planned and
/// actual progress as /api/portfolio computes them, and narrows to a phase and to a manager. The project page draws a
/// finish-to-start dependency as an arrow from the predecessor's bar to its successor's, and shows a deliverable's
/// review state change when it is accepted or rejected. A past status report is read again, and its Markdown download is
/// the report the API serves. The risk heat map's project filter keeps only that project's risks. Every page is
/// screenshotted (gap-NN-…) and checked with axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PmoGapTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private readonly Sessions _sessions = new(fx, output, "gap");

    static PmoGapTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_pso_member_not_on_a_project_gets_not_found_for_its_pages(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gap-authz");
        var carolApi = await fx.ClientForAsync("carol");
        var word = Word("Az");

        // Two projects, each with a meeting and an issue; dave is a member of one only.
        var his = await CreateProjectAsync(carolApi, $"Lab refit {language} {word}");
        var theirs = await CreateProjectAsync(carolApi, $"Payroll audit {language} {word}");
        (await carolApi.PostJsonAsync($"/api/projects/{his.Str("key")}/members", new { userId = "dave", role = "member" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var hisMeeting = await MeetingAsync(carolApi, his.Str("key"), $"Refit weekly {word}");
        var theirMeeting = await MeetingAsync(carolApi, theirs.Str("key"), $"Audit weekly {word}");
        var hisIssue = await IssueAsync(carolApi, his.Str("key"), $"Bench wiring {word}");
        var theirIssue = await IssueAsync(carolApi, theirs.Str("key"), $"Salary variance {word}");

        var dave = await _sessions.SignInAsync("dave", text);

        // His own project: its meetings, the meeting and the issue show.
        await dave.GotoAsync($"{fx.BaseUrl}pso/projects/{his.Str("key")}/meetings");
        await Expect(dave.GetByTestId("meetings-title")).ToContainTextAsync(his.Str("name"));
        await Expect(dave.Locator($"tr[data-meeting='{hisMeeting}']")).ToContainTextAsync($"Refit weekly {word}");
        await visit.PageAsync(dave, "own-meetings");
        await dave.GotoAsync($"{fx.BaseUrl}pso/projects/{his.Str("key")}/meetings/{hisMeeting}");
        await Expect(dave.GetByTestId("meeting-heading")).ToContainTextAsync($"Refit weekly {word}");
        await visit.PageAsync(dave, "own-meeting");
        await dave.GotoAsync($"{fx.BaseUrl}projects/{his.Str("id")}/issues/{hisIssue}");
        await Expect(dave.GetByTestId("issue-title")).ToContainTextAsync($"Bench wiring {word}");
        await visit.PageAsync(dave, "own-issue");

        // The other project: not found, whichever of its pages, and nothing of it on the page.
        var key = theirs.Str("key");
        foreach (var (path, name, secret) in new[]
                 {
                     ($"pmo/projects/{key}", "pmo-project", theirs.Str("name")),
                     ($"pso/projects/{key}/meetings", "meetings", theirs.Str("name")),
                     ($"pso/projects/{key}/meetings/{theirMeeting}", "meeting", $"Audit weekly {word}"),
                     ($"projects/{theirs.Str("id")}/issues/{theirIssue}", "issue", $"Salary variance {word}"),
                 })
        {
            await dave.GotoAsync($"{fx.BaseUrl}{path}");
            await Expect(dave.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
            (await dave.ContentAsync()).ShouldNotContain(secret);
            await visit.PageAsync(dave, $"not-found-{name}");
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task The_portfolio_gives_health_reasons_and_progress_and_filters_by_phase_and_manager(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gap-portfolio");
        var carolApi = await fx.ClientForAsync("carol");
        var word = Word("Pf");

        // In planning (pm.jones): a task half-way through its dates and 10 % done (behind plan) and a risk at the
        // threshold (an escalation). In initiation (carol): nothing to report.
        var planning = await CreateProjectAsync(carolApi, $"CRM selection {language} {word}", phase: "Planning");
        var initiation = await CreateProjectAsync(carolApi, $"Intranet refresh {language} {word}", manager: "carol", phase: "Initiation");
        var (p, i) = (planning.Str("key"), initiation.Str("key"));
        var task = await (await carolApi.PostJsonAsync($"/api/projects/{p}/tasks", new
        {
            title = "Vendor shortlist", startDate = D(Today.AddDays(-10)), dueDate = D(Today.AddDays(10)), estimateHours = 40,
        })).ReadJsonAsync(HttpStatusCode.Created);
        (await carolApi.PatchJsonAsync($"/api/projects/{p}/tasks/{task.Str("key")}", new { percentDone = 10 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await carolApi.PostJsonAsync($"/api/projects/{p}/risks", new { title = $"Vendor lock-in {word}", probability = 3, impact = 5 }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await Until(async () =>
        {
            var escalations = await (await carolApi.GetAsync($"/api/escalations?status=Open&project={p}")).ReadJsonAsync();
            return escalations.GetProperty("items").EnumerateArray().Any(e => e.Str("projectKey") == p);
        }, "the escalation of the risk at the threshold");

        // What the API says of it: red (behind plan), amber (the risk, the escalation).
        var standing = await StandingAsync(carolApi, p, "Planning");
        var reasons = standing.GetProperty("reasons").EnumerateArray()
            .Select(r => (Level: r.Str("level"), Area: r.Str("area"), Text: r.Str("text"))).ToList();
        reasons.Select(r => r.Area).ShouldBe(["schedule", "risks", "escalations"], ignoreOrder: true);
        var (actual, planned) = (standing.GetProperty("progress").GetInt32(), standing.GetProperty("plannedProgress").GetInt32());
        actual.ShouldBe(10);
        planned.ShouldBeGreaterThan(actual);

        var carol = await _sessions.SignInAsync("carol", text);
        await carol.GotoAsync($"{fx.BaseUrl}pmo");
        var row = carol.Locator($"tr[data-project='{p}']");
        await Expect(row).ToHaveAttributeAsync("data-health", standing.Str("health"));
        var shown = row.GetByTestId("health-reasons").Locator("li");
        await Expect(shown).ToHaveCountAsync(reasons.Count);
        foreach (var reason in reasons)
            await Expect(shown.And(carol.Locator($"[data-area='{reason.Area}'][data-level='{reason.Level}']")))
                .ToHaveTextAsync($"{HealthWord(language, reason.Level)}: {ReasonIn(language, reason.Text)}");
        var progress = row.Locator(".progress-pair");
        await Expect(progress).ToHaveAttributeAsync("data-actual", actual.ToString(CultureInfo.InvariantCulture));
        await Expect(progress).ToHaveAttributeAsync("data-planned", planned.ToString(CultureInfo.InvariantCulture));
        await Expect(progress.Locator("div").First).ToHaveTextAsync(language == "en" ? $"Actual {actual} % · planned {planned} %" : $"実績 {actual}% · 計画 {planned}%");
        await Expect(progress.Locator("div").Last).ToHaveTextAsync(language == "en" ? $"{planned - actual} points behind plan" : $"計画より {planned - actual} ポイント遅れ");
        await Expect(carol.Locator($"tr[data-project='{i}']")).ToHaveCountAsync(1);
        await visit.PageAsync(carol, "portfolio");

        // The phase filter: only projects in planning.
        await ChooseAsync(carol, carol.GetByTestId("phase-filter"), language == "en" ? "Planning" : "計画");
        await Expect(carol.Locator($"tr[data-project='{i}']")).ToHaveCountAsync(0);
        await Expect(carol.Locator($"tr[data-project='{p}']")).ToHaveCountAsync(1);
        await Expect(carol.Locator("tr[data-project]:not([data-phase='Planning'])")).ToHaveCountAsync(0);
        await visit.PageAsync(carol, "portfolio-planning");

        // Back to every phase, then the manager filter: only carol's projects.
        await ChooseAsync(carol, carol.GetByTestId("phase-filter"), language == "en" ? "All" : "すべて");
        await Expect(carol.Locator($"tr[data-project='{i}']")).ToHaveCountAsync(1);
        await ChooseAsync(carol, carol.GetByTestId("manager-filter"), "Carol Clark");
        await Expect(carol.Locator($"tr[data-project='{p}']")).ToHaveCountAsync(0);
        await Expect(carol.Locator($"tr[data-project='{i}']")).ToHaveCountAsync(1);
        await Expect(carol.Locator("tr[data-project]:not(:has(td[data-manager='carol']))")).ToHaveCountAsync(0);
        await visit.PageAsync(carol, "portfolio-carol");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task The_timeline_draws_a_dependency_and_deliverables_show_their_review_state(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gap-project");
        var carolApi = await fx.ClientForAsync("carol");
        var word = Word("Tl");
        var key = (await CreateProjectAsync(carolApi, $"Plant upgrade {language} {word}")).Str("key");

        // Survey, then install (finish-to-start); training alongside, depending on nothing.
        async Task<string> TaskAsync(string title, int start, int due, string[] dependsOn) =>
            (await (await carolApi.PostJsonAsync($"/api/projects/{key}/tasks", new
            {
                title, startDate = D(Today.AddDays(start)), dueDate = D(Today.AddDays(due)), estimateHours = 16, dependsOn,
            })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        var survey = await TaskAsync("Survey", -5, 2, []);
        var install = await TaskAsync("Install", 3, 12, [survey]);
        var training = await TaskAsync("Training", 4, 8, []);

        // Two deliverables submitted for review.
        async Task<string> SubmittedAsync(string name)
        {
            var d = await (await carolApi.PostJsonAsync($"/api/projects/{key}/deliverables", new
            {
                name, description = name, acceptanceCriteria = new[] { "Signed off" }, dueDate = D(Today.AddDays(6)),
            })).ReadJsonAsync(HttpStatusCode.Created);
            (await carolApi.PostJsonAsync($"/api/projects/{key}/deliverables/{d.Str("key")}/transitions", new { action = "Submit" })).IsSuccessStatusCode.ShouldBeTrue();
            return d.Str("key");
        }
        var report = await SubmittedAsync("Survey report");
        var plan = await SubmittedAsync("Training plan");

        var carol = await _sessions.SignInAsync("carol", text);
        await carol.GotoAsync($"{fx.BaseUrl}pmo/projects/{key}");

        // One arrow, from the survey's bar's end to the install's bar's start.
        var timeline = carol.GetByTestId("timeline");
        var arrow = timeline.Locator($"path[data-testid='dependency'][data-from='{survey}'][data-to='{install}']");
        await Expect(arrow).ToHaveCountAsync(1);
        await Expect(timeline.Locator("path[data-testid='dependency']")).ToHaveCountAsync(1);
        var path = Regex.Matches((await arrow.GetAttributeAsync("d"))!, @"-?\d+(?:\.\d+)?").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        var from = await BarAsync(timeline, survey);
        var to = await BarAsync(timeline, install);
        path[0].ShouldBe(from.X + from.Width, 0.2, "the arrow leaves the predecessor's bar at its end");
        path[1].ShouldBe(from.Y + from.Height / 2, 0.2, "the arrow leaves from the predecessor's row");
        path[^1].ShouldBe(to.X, 0.2, "the arrow reaches the successor's bar at its start");
        path[^2].ShouldBe(to.Y + to.Height / 2, 0.2, "the arrow ends on the successor's row");
        await Expect(carol.Locator($"tr[data-item='{install}'] td").Last).ToHaveTextAsync(survey);
        await Expect(carol.Locator($"tr[data-item='{training}'] td").Last).ToHaveTextAsync("");

        // Both deliverables in review, last submitted by carol.
        foreach (var d in new[] { report, plan })
        {
            var row = carol.Locator($"tr[data-deliverable='{d}']");
            await Expect(row.GetByTestId("deliverable-state")).ToHaveAttributeAsync("data-status", "InReview");
            await Expect(row.GetByTestId("deliverable-state")).ToHaveTextAsync(language == "en" ? "In review" : "レビュー中");
            await Expect(row.GetByTestId("deliverable-last-review")).ToContainTextAsync($"{(language == "en" ? "Submitted" : "提出")} · Carol Clark");
        }
        await visit.PageAsync(carol, "project-in-review");

        // Reviewed: one accepted, the other rejected with a reason; the page shows the new states.
        (await carolApi.PostJsonAsync($"/api/projects/{key}/deliverables/{report}/transitions", new { action = "Accept" })).IsSuccessStatusCode.ShouldBeTrue();
        (await carolApi.PostJsonAsync($"/api/projects/{key}/deliverables/{plan}/transitions", new { action = "Reject", reason = $"No trainers named {word}" }))
            .IsSuccessStatusCode.ShouldBeTrue();
        await carol.ReloadAsync();
        var accepted = carol.Locator($"tr[data-deliverable='{report}']");
        await Expect(accepted.GetByTestId("deliverable-state")).ToHaveAttributeAsync("data-status", "Accepted");
        await Expect(accepted.GetByTestId("deliverable-state")).ToHaveTextAsync(language == "en" ? "Accepted" : "承認済み");
        await Expect(accepted.GetByTestId("deliverable-last-review")).ToContainTextAsync($"{(language == "en" ? "Accepted" : "承認")} · Carol Clark");
        var rejected = carol.Locator($"tr[data-deliverable='{plan}']");
        await Expect(rejected.GetByTestId("deliverable-state")).ToHaveAttributeAsync("data-status", "Rejected");
        await Expect(rejected.GetByTestId("deliverable-state")).ToHaveTextAsync(language == "en" ? "Rejected" : "差し戻し");
        await Expect(rejected.GetByTestId("deliverable-last-review")).ToContainTextAsync($"No trainers named {word}");
        await visit.PageAsync(carol, "project-reviewed");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_past_status_report_is_read_again_and_downloaded_as_markdown(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gap-reports");
        var carolApi = await fx.ClientForAsync("carol");
        var word = Word("Rp");
        var key = (await CreateProjectAsync(carolApi, $"Data centre exit {language} {word}")).Str("key");
        (await carolApi.PostJsonAsync($"/api/projects/{key}/risks", new { title = $"Lease ends early {word}", probability = 4, impact = 4 }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        // Last week's report, generated through the API.
        var pastWeek = IsoWeek(Today.AddDays(-7));
        var past = await (await carolApi.PostJsonAsync($"/api/projects/{key}/status-reports", new { week = pastWeek })).ReadJsonAsync(HttpStatusCode.Created);
        var pastKey = past.Str("key");
        var pastHealth = past.GetProperty("report").Str("health");

        // This week's, generated on the page, opens; then she reads last week's again.
        var carol = await _sessions.SignInAsync("carol", text);
        await carol.GotoAsync($"{fx.BaseUrl}pmo/projects/{key}");
        await carol.GetByTestId("generate-report").ClickAsync();
        var view = carol.GetByTestId("report-view");
        await Expect(carol.GetByTestId("reports").Locator("tr[data-report]")).ToHaveCountAsync(2);
        var thisWeek = IsoWeek(Today);
        await Expect(view).ToContainTextAsync($"status report {thisWeek}");
        await visit.PageAsync(carol, "report-generated");

        await carol.Locator($"tr[data-report='{pastKey}']").GetByTestId("read-report").ClickAsync();
        await Expect(view.Locator("h3")).ToHaveTextAsync(pastWeek);
        await Expect(view).ToContainTextAsync($"# {key} Data centre exit {language} {word}: status report {pastWeek}");
        await Expect(view).ToContainTextAsync($"- **Health:** {pastHealth}");
        await Expect(view).Not.ToContainTextAsync($"status report {thisWeek}");
        await visit.PageAsync(carol, "report-past");

        // The download: a Markdown file named after the project and week, the report exactly as the API serves it.
        var link = carol.GetByTestId("download-report");
        await Expect(link).ToHaveAttributeAsync("download", $"{key}-{pastWeek}.md");
        var download = await carol.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        download.SuggestedFilename.ShouldBe($"{key}-{pastWeek}.md");
        var markdown = await File.ReadAllTextAsync((await download.PathAsync())!);
        markdown.ShouldContain($"# {key} ");
        markdown.ShouldContain($"- **Health:** {pastHealth}");
        markdown.ShouldBe(await (await carolApi.GetAsync($"/api/status-reports/{pastKey}?format=md")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task The_risk_heat_map_narrows_to_the_chosen_project(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gap-heatmap");
        var carolApi = await fx.ClientForAsync("carol");
        var word = Word("Hm");

        // Two projects with risks, one cell shared.
        var first = await CreateProjectAsync(carolApi, $"Fleet renewal {language} {word}");
        var second = await CreateProjectAsync(carolApi, $"Print consolidation {language} {word}");
        foreach (var (project, title, probability, impact) in new[]
                 {
                     (first, "Supplier delay", 2, 3), (first, "Fuel card change", 1, 2), (second, "Toner shortage", 2, 3),
                 })
            (await carolApi.PostJsonAsync($"/api/projects/{project.Str("key")}/risks", new { title = $"{title} {word}", probability, impact }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        var (one, two) = (first.Str("key"), second.Str("key"));

        var carol = await _sessions.SignInAsync("carol", text);
        await carol.GotoAsync($"{fx.BaseUrl}pmo/risks");
        var chips = carol.GetByTestId("heatmap").Locator("button[data-risk]");
        await Expect(chips.And(carol.Locator($"[data-project='{one}']"))).ToHaveCountAsync(2);
        await Expect(chips.And(carol.Locator($"[data-project='{two}']"))).ToHaveCountAsync(1);
        await Expect(carol.Locator("td[data-cell='2x3'] button[data-risk]").And(carol.Locator($"[data-project='{one}'], [data-project='{two}']"))).ToHaveCountAsync(2);
        await visit.PageAsync(carol, "heatmap-portfolio");

        foreach (var (chosen, other, count) in new[] { (first, two, 2), (second, one, 1) })
        {
            await ChooseAsync(carol, carol.GetByTestId("project-filter"), $"{chosen.Str("key")} · {chosen.Str("name")}");
            await Expect(chips).ToHaveCountAsync(count);
            await Expect(chips.And(carol.Locator($"[data-project='{chosen.Str("key")}']"))).ToHaveCountAsync(count);
            await Expect(chips.And(carol.Locator($"[data-project='{other}']"))).ToHaveCountAsync(0);
            await Expect(carol.GetByTestId("heatmap").Locator("caption")).ToContainTextAsync(chosen.Str("key"));
            await visit.PageAsync(carol, $"heatmap-{chosen.Str("key")}");
        }
    }

    private static string Word(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static string IsoWeek(DateOnly day) =>
        $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}";

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A project made by the PMO; the manager reaches the projects service by an event, so it retries until known.</summary>
    private static async Task<JsonElement> CreateProjectAsync(HttpClient pmo, string name, string manager = "pm.jones", string phase = "Execution")
    {
        JsonElement project = default;
        await Until(async () =>
        {
            var created = await pmo.PostJsonAsync("/api/projects", new
            {
                name, manager, description = "PMO gaps journey.", startDate = D(Today.AddDays(-14)), endDate = D(Today.AddDays(60)), phase,
            });
            if (created.StatusCode != HttpStatusCode.Created) return false;
            project = await created.ReadJsonAsync();
            return true;
        }, $"creating the project (manager {manager} known to projects)");
        return project;
    }

    private static async Task<string> MeetingAsync(HttpClient pmo, string project, string title) =>
        (await (await pmo.PostJsonAsync($"/api/projects/{project}/meetings", new
        {
            title, scheduledAt = DateTimeOffset.UtcNow.AddDays(1), attendees = new[] { "pm.jones" }, agenda = new[] { "Progress" },
        })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");

    private static async Task<string> IssueAsync(HttpClient pmo, string project, string title) =>
        (await (await pmo.PostJsonAsync($"/api/projects/{project}/issues", new { title, description = title, severity = "Low" }))
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid().ToString();

    /// <summary>The project's standing as /api/portfolio lists it (filtered by its phase, page by page).</summary>
    private static async Task<JsonElement> StandingAsync(HttpClient pmo, string key, string phase)
    {
        string? cursor = null;
        do
        {
            var page = await (await pmo.GetAsync($"/api/portfolio?phase={phase}&limit=200{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}"))
                .ReadJsonAsync(HttpStatusCode.OK);
            foreach (var standing in page.GetProperty("items").EnumerateArray())
                if (standing.Str("projectKey") == key) return standing;
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (cursor is not null);
        throw new InvalidOperationException($"{key} is not on /api/portfolio?phase={phase}.");
    }

    private static string HealthWord(string language, string health) => (language, health) switch
    {
        ("en", _) => health,
        (_, "Green") => "緑",
        (_, "Amber") => "黄",
        _ => "赤",
    };

    /// <summary>The service's (English) reason as the person reads it: the Japanese words for the reasons this class sets up.</summary>
    private static string ReasonIn(string language, string reason)
    {
        if (language == "en") return reason;
        var n = Regex.Matches(reason, @"\d+").Select(m => m.Value).ToList();
        return reason switch
        {
            _ when reason.Contains("behind plan") => $"計画より {n[0]} ポイント遅れています。",
            _ when reason.Contains("threshold") => $"しきい値 {n[1]} 以上のリスクが {n[0]} 件あります。",
            _ when reason.Contains("escalation") => $"未解決のエスカレーションが {n[0]} 件あります。",
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "no Japanese words known to the test"),
        };
    }

    private static async Task<(double X, double Y, double Width, double Height)> BarAsync(ILocator timeline, string task)
    {
        var bar = timeline.Locator($"rect[data-row='{task}']");
        async Task<double> Number(string attribute) => double.Parse((await bar.GetAttributeAsync(attribute))!, CultureInfo.InvariantCulture);
        return (await Number("x"), await Number("y"), await Number("width"), await Number("height"));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
