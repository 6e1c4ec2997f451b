using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The PMO's standards in English and Japanese. A template published through the API; carol opens it in the template
/// library (by keyboard), starts a project from it, finds the project's standard items made and dated from its start
/// (the kick-off and charter already late), skips the charter with a reason, sees the project on the portfolio's
/// compliance table, and publishes a second version from the editor. Screenshots and axe on each page.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PmoStandardsTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "pmo-standards");

    static PmoStandardsTests() => SetDefaultExpectTimeout(30_000);

    private static object Definition(string name) => new
    {
        name,
        description = "Standard for infrastructure rollouts.",
        phases = new object[]
        {
            new { name = "Plan", milestones = new object[]
            {
                new { @ref = "kickoff", name = "Kick-off", offsetDays = 0 },
                new { @ref = "design", name = "Design approved", offsetDays = 30, after = new[] { "kickoff" } },
            } },
            new { name = "Deliver", milestones = new object[] { new { @ref = "golive", name = "Go-live", offsetDays = 90, after = new[] { "design" } } } },
        },
        deliverables = new object[] { new { @ref = "charter", name = "Project charter", acceptanceCriteria = new[] { "Sponsor signed" }, milestone = "kickoff" } },
        risks = new object[] { new { @ref = "vendor", title = "Vendor delivers late", probability = 3, impact = 4, mitigation = "Order early" } },
        meetings = new object[]
        {
            new { @ref = "weekly", title = "Weekly status", everyWeeks = 1, firstOffsetDays = 7, time = "10:00", occurrences = 4, timeZone = "Asia/Tokyo" },
        },
        kitProfile = "standard-laptop",
    };

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Pmo_analyst_starts_a_project_from_a_template_and_follows_its_compliance(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pmo-standards");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var templateKey = $"rollout-{language}-{suffix}";
        var templateName = $"IT rollout {language} {suffix}";
        var carolApi = await fx.ClientForAsync("carol");
        (await carolApi.PutAsJsonAsync($"/api/templates/{templateKey}", Definition(templateName))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var carol = await _sessions.SignInAsync("carol", text);
        await carol.GotoAsync($"{fx.BaseUrl}pmo/templates");
        var row = carol.Locator($"tr[data-template='{templateKey}']");
        await Expect(row).ToContainTextAsync(templateName);
        var open = row.GetByTestId("open-template");
        await TabToAsync(carol, open);
        await carol.Keyboard.PressAsync("Enter");
        var detail = carol.GetByTestId("template-detail");
        await Expect(detail).ToHaveAttributeAsync("data-key", templateKey);
        await Expect(detail.GetByTestId("template-milestones").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(detail.GetByTestId("template-milestones").Locator("tr[data-ref='design']")).ToContainTextAsync("Kick-off");
        await Expect(detail.GetByTestId("template-risks").Locator("tr[data-ref='vendor']")).ToContainTextAsync("3 × 4 = 12");
        await Expect(detail.GetByTestId("template-meetings").Locator("tr[data-ref='weekly']"))
            .ToContainTextAsync(language == "en" ? "every 1 week(s) from day 7, 10:00 (Asia/Tokyo)" : "7 日目から 1 週ごと、10:00(Asia/Tokyo)");

        // Start a project from it, ten days ago.
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10);
        var form = carol.GetByTestId("start-project");
        await Field(form, "start-name").FillAsync($"Branch rollout {language} {suffix}");
        await Field(form, "start-manager").FillAsync("carol");
        await Field(form, "start-date").FillAsync(start.ToString("yyyy-MM-dd"));
        await visit.PageAsync(carol, "templates");
        await form.GetByTestId("start-save").ClickAsync();
        await carol.WaitForURLAsync(new Regex("/pmo/projects/PRJ-\\d+#standards$"), Committed);
        var projectKey = Regex.Match(carol.Url, "PRJ-\\d+").Value;

        var items = carol.GetByTestId("compliance-items");
        await Expect(carol.GetByTestId("compliance-template")).ToContainTextAsync(templateName);
        await Expect(items.Locator("tbody tr")).ToHaveCountAsync(6);
        await Expect(items.Locator("tr[data-item='kickoff']")).ToHaveAttributeAsync("data-status", "Late");
        await Expect(items.Locator("tr[data-item='kickoff']")).ToContainTextAsync(start.ToString("yyyy-MM-dd"));
        await Expect(items.Locator("tr[data-item='golive']")).ToHaveAttributeAsync("data-status", "OnTrack");
        await Expect(items.Locator("tr[data-item='vendor']")).ToHaveAttributeAsync("data-status", "Done");
        await Expect(items.Locator("tr[data-item='vendor']")).ToContainTextAsync(language == "en" ? "Done" : "完了");
        await Expect(items.Locator("tr[data-item='weekly']")).ToHaveAttributeAsync("data-status", "Late"); // a meeting three days ago without minutes
        // What the template made is in the project's other sections too.
        await Expect(carol.Locator("#deliverables")).ToContainTextAsync("Project charter");
        await Expect(carol.Locator("#risks")).ToContainTextAsync("Vendor delivers late");

        // Skip the charter, with a reason (none first: the reason is required).
        var charter = items.Locator("tr[data-item='charter']");
        await Expect(charter).ToHaveAttributeAsync("data-status", "Late");
        await charter.GetByTestId("skip").ClickAsync();
        await charter.GetByTestId("skip-save").ClickAsync();
        await Expect(charter).ToContainTextAsync(language == "en" ? "required" : "入力してください");
        await Field(charter, "skip-reason-input").FillAsync("The signed contract serves as the charter.");
        await charter.GetByTestId("skip-save").ClickAsync();
        await Expect(charter).ToHaveAttributeAsync("data-status", "Skipped");
        await Expect(charter.GetByTestId("skip-reason")).ToContainTextAsync("The signed contract serves as the charter.");
        await Expect(carol.GetByTestId("compliance-counts").Locator("[data-count='Skipped']")).ToHaveTextAsync("1");
        await ExpectFitsWidthAsync(carol, "the project page with its standards section");
        await carol.GetByTestId("compliance").ScrollIntoViewIfNeededAsync();
        await visit.PageAsync(carol, "project-standards");

        // The portfolio's compliance lists it; a second version published from the editor.
        await carol.GotoAsync($"{fx.BaseUrl}pmo/templates");
        var projectRow = carol.GetByTestId("portfolio-compliance").Locator($"tr[data-project='{projectKey}']");
        await Expect(projectRow).ToContainTextAsync($"{templateKey} v1");
        await Expect(projectRow.Locator("[data-count='Late']")).ToHaveTextAsync("2"); // the kick-off and the weekly meeting
        await carol.Locator($"tr[data-template='{templateKey}']").GetByTestId("open-template").ClickAsync();
        await carol.GetByTestId("edit-template").ClickAsync();
        var json = Field(carol, "template-json");
        await Expect(json).ToHaveValueAsync(new Regex("\"kickoff\""));
        await json.FillAsync(System.Text.Json.JsonSerializer.Serialize(Definition(templateName + " (2027)")));
        await carol.GetByTestId("publish-template").ClickAsync();
        await Expect(carol.GetByTestId("template-detail")).ToHaveAttributeAsync("data-version", "2");
        await Expect(carol.GetByTestId("portfolio-compliance").Locator($"tr[data-project='{projectKey}']"))
            .ToContainTextAsync(language == "en" ? "version 2 is available" : "第 2 版があります");
        await visit.PageAsync(carol, "templates-v2");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
