using System.Globalization;
using System.Net.Http.Headers;
using Platform.Projects.Features;

namespace Platform.Projects.Tests;

public class StatusReportWeekTests
{
    [Theory]
    [InlineData("2026-W48", 2026, 48, "2026-11-23")]
    [InlineData("2026-W53", 2026, 53, "2026-12-28")]
    [InlineData("2027-W01", 2027, 1, "2027-01-04")]
    public void ISO_weeks_parse_to_their_monday(string text, int year, int week, string monday)
    {
        StatusReports.TryParseWeek(text, out var y, out var w, out var m).ShouldBeTrue();
        (y, w, m).ShouldBe((year, week, DateOnly.Parse(monday, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2027-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026-48")]
    [InlineData("next week")]
    public void Other_text_is_not_a_week(string text) => StatusReports.TryParseWeek(text, out _, out _, out _).ShouldBeFalse();
}

public class StatusReportApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private HttpClient Http => fx.Http;

    [Fact]
    public async Task A_weekly_report_is_generated_from_the_data_kept_as_a_snapshot_and_read_as_JSON_or_Markdown()
    {
        await fx.PeopleAsync("pm", "cio", "dev");
        var key = (await Http.CreateProjectAsync(new { name = "Intranet | v2", manager = "pm", sponsor = "cio", code = "IT-9" })).Key;
        await Http.PostJsonAsync($"/api/projects/{key}/risks", new { title = "SSO vendor late", probability = 4, impact = 4, owner = "pm" });
        await Http.PostJsonAsync($"/api/projects/{key}/issues", new { title = "Search is slow", severity = "High", owner = "dev" });
        await Http.PostJsonAsync($"/api/projects/{key}/milestones", new { name = "Beta", dueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20) });
        var meeting = await (await Http.PostJsonAsync($"/api/projects/{key}/meetings", new { title = "Steering", scheduledAt = DateTimeOffset.UtcNow })).ReadJsonAsync();
        await Http.PostJsonAsync($"/api/projects/{key}/meetings/{meeting.Str("key")}/decisions", new { text = "Drop the legacy theme" });

        var created = await Http.PostJsonAsync($"/api/projects/{key}/status-reports", new { });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var report = await created.ReadJsonAsync();
        var body = report.GetProperty("report");
        body.Str("health").ShouldBe("Amber");
        body.GetProperty("topRisks").EnumerateArray().Select(r => r.GetProperty("score").GetInt32()).ShouldBe([16]);
        body.GetProperty("openIssues").EnumerateArray().Select(i => i.Str("title")).ShouldBe(["Search is slow"]);
        body.GetProperty("openEscalations").GetArrayLength().ShouldBe(1);
        body.GetProperty("decisions").EnumerateArray().Select(d => d.Str("text")).ShouldBe(["Drop the legacy theme"]);
        body.GetProperty("milestones").EnumerateArray().Select(m => m.Str("name")).ShouldBe(["Beta"]);
        var url = $"/api/status-reports/{report.Str("key")}";

        var again = await Http.PostJsonAsync($"/api/projects/{key}/status-reports", new { week = report.Str("week") });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ReadJsonAsync()).Str("code").ShouldBe("already-generated");

        // A snapshot: later changes do not alter it.
        await Http.PostJsonAsync($"/api/projects/{key}/issues", new { title = "Login loops", severity = "Critical" });
        var read = await (await Http.GetAsync(url)).ReadJsonAsync();
        read.GetProperty("report").GetProperty("openIssues").GetArrayLength().ShouldBe(1);
        read.GetProperty("report").Str("health").ShouldBe("Amber");

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        var markdown = await Http.SendAsync(request);
        markdown.Content.Headers.ContentType!.MediaType.ShouldBe("text/markdown");
        var text = await markdown.Content.ReadAsStringAsync();
        text.ShouldStartWith($"# {key} Intranet | v2: status report {report.Str("week")}");
        text.ShouldContain("- **Health:** Amber");
        text.ShouldContain("| Search is slow | High | Open | dev |");
        text.ShouldContain("SSO vendor late | 16 (High) | pm |");
        text.ShouldContain("- Drop the legacy theme (");
        (await (await Http.GetAsync($"{url}?format=md")).Content.ReadAsStringAsync()).ShouldBe(text);
        (await Http.GetAsync($"{url}?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var list = await (await Http.GetAsync($"/api/projects/{key}/status-reports")).ReadJsonAsync();
        list.GetProperty("items").EnumerateArray().Select(r => r.Str("key")).ShouldBe([report.Str("key")]);
        (await Http.PostJsonAsync($"/api/projects/{key}/status-reports", new { week = "2026-W60" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/projects/{key}/status-reports", new { week = "2026-W01" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var stranger = fx.As("stranger", Roles.PsoStaff);
        (await stranger.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/status-reports/SR-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
