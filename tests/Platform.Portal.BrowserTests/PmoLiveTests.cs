using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The PMO screens live, in English and in Japanese. A project (made through the API as carol, a PMO analyst) has two
/// risks at the threshold already (3 × 5 = 15: two open escalations, health amber) and a third at 3 × 3. carol opens
/// the escalations board, the portfolio and the portfolio's heat map, each in a page of its own, and on a fourth, the
/// project's page, raises the third risk to 4 × 4 through its heat map. Without a reload (a mark set in each page's
/// window survives), the board shows the new escalation with its severity, the portfolio turns the project red (three
/// risks at or over the threshold), and the heat map moves the risk to its new cell. She acknowledges the escalation on
/// the board. People show by name (the directory's display name), not by id.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PmoLiveTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "pmo-live");

    static PmoLiveTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_risk_raised_to_4x4_on_screen_escalates_live_on_the_board_and_turns_the_project_red(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pmo-live");
        var carolApi = await fx.ClientForAsync("carol");
        var word = "Lv" + Guid.NewGuid().ToString("N")[..6];
        var (key, riskKey) = await SetUpProjectAsync(carolApi, $"Warehouse move {language} {word}", word);

        var carol = await _sessions.SignInAsync("carol", text);

        // The board, the portfolio and the heat map, each open in a page of its own, each marked to prove no reload.
        var board = carol;
        await board.GotoAsync($"{fx.BaseUrl}pmo/escalations");
        var escalationsOfProject = board.Locator("[data-column='Open'] [data-escalation]").Filter(new() { HasText = key });
        await Expect(escalationsOfProject).ToHaveCountAsync(2);
        var raised = escalationsOfProject.Filter(new() { HasText = riskKey });
        await Expect(raised).ToHaveCountAsync(0);
        await MarkAsync(board);

        var portfolio = await carol.Context.NewPageAsync();
        await portfolio.GotoAsync($"{fx.BaseUrl}pmo");
        var row = portfolio.Locator($"tr[data-project='{key}']");
        await Expect(row).ToHaveAttributeAsync("data-health", "Amber");
        await Expect(row.Locator("[data-manager='pm.jones']")).ToHaveTextAsync("Pat Jones");
        await MarkAsync(portfolio);

        var heatMap = await carol.Context.NewPageAsync();
        await heatMap.GotoAsync($"{fx.BaseUrl}pmo/risks");
        var chipOnMap = heatMap.Locator($"button[data-risk='{riskKey}']").Filter(new() { HasText = key });
        await Expect(heatMap.Locator("td[data-cell='3x3']").Locator($"button[data-risk='{riskKey}']").Filter(new() { HasText = key })).ToHaveCountAsync(1);
        await MarkAsync(heatMap);

        // On the project's page she raises the risk to 4 × 4 in its heat map.
        var project = await carol.Context.NewPageAsync();
        await project.GotoAsync($"{fx.BaseUrl}pmo/projects/{key}");
        await Expect(project.GetByTestId("project-manager")).ToHaveTextAsync("Pat Jones");
        await Expect(project.Locator("tr[data-member='pm.jones']")).ToContainTextAsync("Pat Jones");
        await project.Locator($"td[data-cell='3x3'] button[data-risk='{riskKey}']").ClickAsync();
        await Expect(project.GetByTestId("risk-editor")).ToBeVisibleAsync();
        await ChooseAsync(project, project.GetByTestId("risk-probability"), "4");
        await ChooseAsync(project, project.GetByTestId("risk-impact"), "4");
        await Expect(project.GetByTestId("risk-new-score")).ToContainTextAsync("16");
        await project.GetByTestId("risk-save").ClickAsync();
        await Expect(project.Locator($"td[data-cell='4x4'] button[data-risk='{riskKey}']")).ToHaveCountAsync(1);
        await Expect(project.GetByTestId("project-health").Locator("[data-health]")).ToHaveAttributeAsync("data-health", "Red");
        await visit.PageAsync(project, "project-rescored");

        // Live, without a reload: the escalation is on the board with its severity…
        await board.BringToFrontAsync();
        await Expect(raised).ToHaveCountAsync(1);
        await Expect(raised).ToHaveAttributeAsync("data-severity", "High");
        await Expect(raised).ToContainTextAsync("Carol Clark"); // raised by her, named from the directory
        await ExpectNotReloadedAsync(board);
        await visit.PageAsync(board, "board-live");

        // …the project is red on the portfolio (three risks at or over the threshold) with one more open escalation…
        await Expect(row).ToHaveAttributeAsync("data-health", "Red");
        await Expect(row.GetByTestId("open-escalations")).ToHaveTextAsync("3");
        await ExpectNotReloadedAsync(portfolio);
        await visit.PageAsync(portfolio, "portfolio-red");

        // …and the heat map shows the risk in its new cell.
        await Expect(heatMap.Locator("td[data-cell='4x4']").Locator($"button[data-risk='{riskKey}']").Filter(new() { HasText = key })).ToHaveCountAsync(1);
        await Expect(chipOnMap).ToHaveCountAsync(1);
        await ExpectNotReloadedAsync(heatMap);
        await visit.PageAsync(heatMap, "heat-map-moved");

        // She acknowledges it on the board.
        await raised.Locator("input[data-testid='escalation-note-field'], [data-testid='escalation-note-field'] input").First.FillAsync($"Owner called {word}");
        await raised.Locator("[data-action='Acknowledge']").ClickAsync();
        var acknowledged = board.Locator("[data-column='Acknowledged'] [data-escalation]").Filter(new() { HasText = riskKey }).Filter(new() { HasText = key });
        await Expect(acknowledged).ToHaveCountAsync(1);
        await Expect(acknowledged.GetByTestId("escalation-note")).ToContainTextAsync($"Owner called {word}");
        await Expect(acknowledged).ToContainTextAsync("Carol Clark");
        await visit.PageAsync(board, "board-acknowledged");
    }

    /// <summary>A project managed by pm.jones with two risks at the threshold (3 × 5) and one below it (3 × 3).</summary>
    private static async Task<(string ProjectKey, string RiskKey)> SetUpProjectAsync(HttpClient pmo, string name, string word)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd");
        JsonElement project = default;
        await Until(async () =>
        {
            var created = await pmo.PostJsonAsync("/api/projects", new
            {
                name, manager = "pm.jones", description = "Move the central warehouse.", startDate = D(today.AddDays(-7)),
                endDate = D(today.AddDays(60)), phase = "Execution",
            });
            if (created.StatusCode != HttpStatusCode.Created) return false;
            project = await created.ReadJsonAsync();
            return true;
        }, "creating the project (pm.jones known to projects)");
        var key = project.Str("key");
        foreach (var (title, probability, impact) in new[] { ("Racking delivered late", 3, 5), ("Forklift licences lapse", 5, 3) })
            (await pmo.PostJsonAsync($"/api/projects/{key}/risks", new { title = $"{title} {word}", probability, impact }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        var risk = await (await pmo.PostJsonAsync($"/api/projects/{key}/risks", new { title = $"Stock count errors {word}", probability = 3, impact = 3 }))
            .ReadJsonAsync(HttpStatusCode.Created);
        await Until(async () =>
        {
            var escalations = await (await pmo.GetAsync($"/api/escalations?status=Open&project={key}")).ReadJsonAsync();
            return escalations.GetProperty("items").EnumerateArray().Count(e => e.Str("projectKey") == key) == 2;
        }, "the two escalations of the risks at the threshold");
        return (key, risk.Str("key"));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
