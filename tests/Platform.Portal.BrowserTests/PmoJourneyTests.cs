using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The PMO analyst's screens, in English and in Japanese. Through the API (as carol, a PMO analyst) the test sets up a
/// project with a schedule (an overdue task, a finish-to-start dependency), an issue born of a promoted ticket, a
/// deliverable in review, a member and a risk below the threshold. carol signs in: the project is on the portfolio;
/// the risk, raised over the threshold through the API, brings an escalation to the board, which she acknowledges
/// with a note and resolves; the risk sits in its heat map cell and moves when she rescores it; the project page shows
/// the issue log (linking the ticket), the timeline, deliverables and members; she overrides the health with a
/// comment (marked as an override on the portfolio) and generates this week's status report. alice, a requester,
/// gets "not found" for /pmo and sees no PMO menu. pm.jones, booked 70 % and 50 % on the project, shows over-allocated on the
/// resources map, the project among the causes. Every page is screenshotted and checked with axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PmoJourneyTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "pmo");

    static PmoJourneyTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Pmo_analyst_watches_the_portfolio_and_handles_an_escalation(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pmo");
        var carolApi = await fx.ClientForAsync("carol");
        var setup = await SetUpProjectAsync(carolApi, language);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var key = setup.ProjectKey;

        // carol signs in; the PMO menu is hers.
        var carol = await SignInAsync("carol", text);
        var pmoNav = carol.GetByTestId("pmo-nav");
        await Expect(pmoNav).ToBeVisibleAsync();

        // The portfolio lists the project with its health, progress and top risk.
        await pmoNav.GetByRole(AriaRole.Link).First.ClickAsync();
        await carol.WaitForURLAsync(new Regex("/pmo$"), Committed);
        var row = carol.Locator($"tr[data-project='{key}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync(setup.Name);
        await Expect(row).ToContainTextAsync(setup.RiskKey);
        await Expect(row.Locator("[data-health]").First).ToBeVisibleAsync();
        await visit.PageAsync(carol, "portfolio");

        // The risk goes over the threshold (4 × 4 = 16 ≥ 15) through the API: the projects service raises an escalation.
        (await carolApi.PatchJsonAsync($"/api/projects/{key}/risks/{setup.RiskKey}", new { probability = 4, impact = 4 }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        // It is on the board, open; carol acknowledges it with a note, then resolves it.
        await pmoNav.GetByRole(AriaRole.Link).Nth(1).ClickAsync();
        await carol.WaitForURLAsync(new Regex("/pmo/escalations$"), Committed);
        var open = carol.Locator("[data-column='Open'] [data-escalation]").Filter(new() { HasText = setup.RiskKey }).Filter(new() { HasText = key });
        await Expect(open).ToHaveCountAsync(1);
        await Expect(open).ToHaveAttributeAsync("data-severity", "High");
        await visit.PageAsync(carol, "escalations-open");
        var note = $"Vendor call booked {setup.Word}";
        await Field(open, "escalation-note-field").FillAsync(note);
        await open.Locator("[data-action='Acknowledge']").ClickAsync();
        var acknowledged = carol.Locator("[data-column='Acknowledged'] [data-escalation]").Filter(new() { HasText = key });
        await Expect(acknowledged).ToHaveCountAsync(1);
        await Expect(acknowledged.GetByTestId("escalation-note")).ToContainTextAsync(note);
        await Expect(acknowledged).ToContainTextAsync("Carol Clark"); // by name from the people directory, not the id
        await visit.PageAsync(carol, "escalations-acknowledged");

        // The heat map across the portfolio: the risk in the cell probability 4 × impact 4, over the threshold.
        await pmoNav.GetByRole(AriaRole.Link).Nth(2).ClickAsync();
        await carol.WaitForURLAsync(new Regex("/pmo/risks$"), Committed);
        var chip = carol.Locator($"td[data-cell='4x4'] button[data-risk='{setup.RiskKey}']").Filter(new() { HasText = key });
        await Expect(chip).ToHaveCountAsync(1);
        await Expect(carol.Locator("td[data-cell='4x4']")).ToHaveClassAsync(new Regex(@"\bover\b"));
        await Expect(carol.Locator("td[data-cell='2x2']")).Not.ToHaveClassAsync(new Regex(@"\bover\b"));
        await visit.PageAsync(carol, "risk-heat-map");

        // Rescoring it (probability 2) moves it to the cell 2 × 4.
        await chip.ClickAsync();
        await Expect(carol.GetByTestId("risk-editor")).ToBeVisibleAsync();
        await ChooseAsync(carol, carol.GetByTestId("risk-probability"), "2");
        await Expect(carol.GetByTestId("risk-new-score")).ToContainTextAsync("8");
        await carol.GetByTestId("risk-save").ClickAsync();
        await Expect(carol.Locator($"td[data-cell='2x4'] button[data-risk='{setup.RiskKey}']").Filter(new() { HasText = key })).ToHaveCountAsync(1);
        await Expect(carol.Locator($"td[data-cell='4x4'] button[data-risk='{setup.RiskKey}']").Filter(new() { HasText = key })).ToHaveCountAsync(0);
        var rescored = await (await carolApi.GetAsync($"/api/projects/{key}/risks/{setup.RiskKey}")).ReadJsonAsync(HttpStatusCode.OK);
        rescored.GetProperty("probability").GetInt32().ShouldBe(2);
        rescored.GetProperty("impact").GetInt32().ShouldBe(4);

        // The project page: issue log with the ticket's link, risks, the timeline with today's line and the overdue
        // task, deliverables, members.
        await carol.GotoAsync($"{fx.BaseUrl}pmo");
        await carol.Locator($"tr[data-project='{key}']").GetByRole(AriaRole.Link, new() { Name = key }).ClickAsync();
        await carol.WaitForURLAsync(new Regex($"/pmo/projects/{key}$"), Committed);
        await Expect(carol.GetByTestId("project-title")).ToContainTextAsync(setup.Name);
        var ticketLink = carol.Locator($"tr[data-issue] [data-testid='issue-ticket']");
        await Expect(ticketLink).ToHaveTextAsync(setup.TicketKey);
        await Expect(ticketLink).ToHaveAttributeAsync("href", $"tickets/{setup.TicketKey}");
        await Expect(carol.GetByTestId("timeline")).ToBeVisibleAsync();
        await Expect(carol.GetByTestId("today-line")).ToHaveCountAsync(1);
        await Expect(carol.Locator($"[data-testid='timeline'] rect[data-row='{setup.OverdueTask}']")).ToHaveAttributeAsync("data-overdue", "true");
        await Expect(carol.Locator($"tr[data-item='{setup.OverdueTask}']")).ToHaveClassAsync(new Regex("overdue"));
        await Expect(carol.Locator($"tr[data-item='{setup.NextTask}']")).ToContainTextAsync(setup.OverdueTask); // depends on it
        await Expect(carol.Locator($"tr[data-deliverable='{setup.DeliverableKey}']")).ToBeVisibleAsync();
        await Expect(carol.GetByTestId("members").Locator("tr[data-member='pm.jones']")).ToContainTextAsync("Pat Jones");
        await Expect(carol.Locator($"td[data-cell='2x4'] button[data-risk='{setup.RiskKey}']")).ToHaveCountAsync(1);
        await visit.PageAsync(carol, "project");

        // She overrides the health with a comment: marked as an override here and on the portfolio.
        var comment = $"Steering committee accepted the delay {setup.Word}";
        await ChooseAsync(carol, carol.GetByTestId("override-health"), language == "en" ? "Red" : "赤");
        await Field(carol.Locator("body"), "override-comment").FillAsync(comment);
        await carol.GetByTestId("override-save").ClickAsync();
        await Expect(carol.GetByTestId("override-current")).ToContainTextAsync(comment);
        await Expect(carol.GetByTestId("project-health").Locator("[data-health]")).ToHaveAttributeAsync("data-health", "Red");

        // This week's status report: generated, read, downloadable as Markdown; its health is the week's history.
        await carol.GetByTestId("generate-report").ClickAsync();
        await Expect(carol.GetByTestId("report-view")).ToContainTextAsync(key);
        await Expect(carol.GetByTestId("download-report")).ToHaveAttributeAsync("href", new Regex("^data:text/markdown"));
        await Expect(carol.GetByTestId("health-history").Locator("[data-health='Red']")).ToHaveCountAsync(1);
        await visit.PageAsync(carol, "project-report");

        await carol.GotoAsync($"{fx.BaseUrl}pmo");
        var overridden = carol.Locator($"tr[data-project='{key}']");
        await Expect(overridden).ToHaveAttributeAsync("data-health", "Red");
        await Expect(overridden.GetByTestId("override-mark")).ToBeVisibleAsync();
        await Expect(overridden).ToContainTextAsync(comment);
        // The health filter keeps it under Red and hides it under Green.
        await ChooseAsync(carol, carol.GetByTestId("health-filter"), language == "en" ? "Green" : "緑");
        await Expect(carol.Locator($"tr[data-project='{key}']")).ToHaveCountAsync(0);
        await visit.PageAsync(carol, "portfolio-filtered");

        // Back on the board, she resolves the escalation with a note.
        await carol.GotoAsync($"{fx.BaseUrl}pmo/escalations");
        acknowledged = carol.Locator("[data-column='Acknowledged'] [data-escalation]").Filter(new() { HasText = key });
        await Field(acknowledged, "escalation-note-field").FillAsync($"Mitigated {setup.Word}");
        await acknowledged.Locator("[data-action='Resolve']").ClickAsync();
        await Expect(carol.Locator("[data-column='Resolved'] [data-escalation]").Filter(new() { HasText = key })).ToContainTextAsync($"Mitigated {setup.Word}");

        // The resources heat map: pm.jones is over-allocated this week, and the cell names this project among the causes.
        await pmoNav.GetByRole(AriaRole.Link).Nth(3).ClickAsync();
        await carol.WaitForURLAsync(new Regex("/pmo/resources$"), Committed);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd");
        var cell = carol.Locator($"tr[data-person='pm.jones'] td[data-week='{monday}']");
        await Expect(cell).ToHaveClassAsync(new Regex(@"\bover\b"));
        int.Parse((await cell.GetAttributeAsync("data-percent"))!).ShouldBeGreaterThanOrEqualTo(120);
        await cell.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(carol.GetByTestId("allocation-detail").Locator($"li[data-project='{key}']")).ToHaveCountAsync(2);
        await visit.PageAsync(carol, "resources");

        // alice, a requester: no PMO menu, and /pmo is "not found".
        var alice = await SignInAsync("alice", text);
        await Expect(alice.GetByTestId("pmo-nav")).ToHaveCountAsync(0);
        await alice.GotoAsync($"{fx.BaseUrl}pmo");
        await Expect(alice.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        await alice.GotoAsync($"{fx.BaseUrl}pmo/projects/{key}");
        await Expect(alice.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        (await alice.ContentAsync()).ShouldNotContain(setup.Name);
        await visit.PageAsync(alice, "requester-not-found");
    }

    private sealed record Setup(string ProjectKey, string Name, string Word, string RiskKey, string TicketKey, string OverdueTask, string NextTask, string DeliverableKey);

    /// <summary>A project with something in every part of its page, made through the API as a PMO analyst.</summary>
    private async Task<Setup> SetUpProjectAsync(HttpClient pmo, string language)
    {
        var word = "Pm" + Guid.NewGuid().ToString("N")[..6];
        var name = $"ERP rollout {language} {word}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

        // pm.jones (made by the fixture) reaches the projects service by an event: retry until it is known.
        JsonElement project = default;
        await Until(async () =>
        {
            var created = await pmo.PostJsonAsync("/api/projects", new
            {
                name, manager = "pm.jones", description = "Replace the finance system.", startDate = D(today.AddDays(-14)),
                endDate = D(today.AddDays(40)), phase = "Execution",
            });
            if (created.StatusCode != HttpStatusCode.Created) return false;
            project = await created.ReadJsonAsync();
            return true;
        }, "creating the project (pm.jones known to projects)");
        var key = project.Str("key");

        // The manager is a member from the start; the project page lists them.
        var milestone = await (await pmo.PostJsonAsync($"/api/projects/{key}/milestones", new { name = "Go-live", dueDate = D(today.AddDays(10)) }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var design = await (await pmo.PostJsonAsync($"/api/projects/{key}/tasks", new
        {
            title = "Design", milestoneId = milestone.GetProperty("id").GetGuid(), startDate = D(today.AddDays(-12)), dueDate = D(today.AddDays(-3)), estimateHours = 40,
        })).ReadJsonAsync(HttpStatusCode.Created);
        var build = await (await pmo.PostJsonAsync($"/api/projects/{key}/tasks", new
        {
            title = "Build", milestoneId = milestone.GetProperty("id").GetGuid(), startDate = D(today.AddDays(-2)), dueDate = D(today.AddDays(8)), estimateHours = 80,
            dependsOn = new[] { design.Str("key") },
        })).ReadJsonAsync(HttpStatusCode.Created);
        var deliverable = await (await pmo.PostJsonAsync($"/api/projects/{key}/deliverables", new
        {
            name = "Design document", description = "Solution design", acceptanceCriteria = new[] { "Reviewed by finance" }, dueDate = D(today.AddDays(5)),
        })).ReadJsonAsync(HttpStatusCode.Created);
        (await pmo.PostJsonAsync($"/api/projects/{key}/deliverables/{deliverable.Str("key")}/transitions", new { action = "Submit" })).IsSuccessStatusCode.ShouldBeTrue();
        var risk = await (await pmo.PostJsonAsync($"/api/projects/{key}/risks", new
        {
            title = $"Data migration slips {word}", probability = 3, impact = 3, mitigation = "Dry runs",
        })).ReadJsonAsync(HttpStatusCode.Created);

        // pm.jones is booked 70 % and 50 % on it over this week: over-allocated (each run adds to the shared person's load).
        foreach (var (percent, from, to) in new[] { (70, today.AddDays(-7), today.AddDays(21)), (50, today.AddDays(-1), today.AddDays(14)) })
            (await pmo.PostJsonAsync($"/api/projects/{key}/allocations", new { userId = "pm.jones", percent, from = D(from), to = D(to) }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);

        // A ticket promoted to the project becomes an issue of its log (by event), linked back to the ticket.
        var ticket = await (await fx.Http.PostJsonAsync("/api/tickets", new
        {
            title = $"Invoices fail to post {word}", description = "Since the interface change.", category = PortalFixture.CategoryKey, impact = "High", urgency = "Medium",
        })).ReadJsonAsync(HttpStatusCode.Created);
        var ticketKey = ticket.Str("key");
        (await fx.Http.PostJsonAsync($"/api/tickets/{ticketKey}/promote", new { projectKey = key })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Until(async () =>
        {
            var issues = await (await pmo.GetAsync($"/api/projects/{key}/issues")).ReadJsonAsync();
            return issues.GetProperty("items").EnumerateArray().Any(i => i.TryGetProperty("sourceTicket", out var t) && t.ValueKind == JsonValueKind.Object);
        }, "the promoted ticket's issue");

        return new Setup(key, name, word, risk.Str("key"), ticketKey, design.Str("key"), build.Str("key"), deliverable.Str("key"));
    }

    private Task<IPage> SignInAsync(string user, Texts text) => _sessions.SignInAsync(user, text);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
