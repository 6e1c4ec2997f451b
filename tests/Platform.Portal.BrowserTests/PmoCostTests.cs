using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The PMO's cost screens in English and Japanese. Through the API: README's worked example shifted to today (a budget
/// of 100,000 JPY by category, Design 40,000 done, Build 60,000 a quarter done, 66,000 spent) and a procurement for the
/// project approved in assets (committed). carol sees CPI and SPI on the portfolio, and on the project page (reached
/// by keyboard from its section links) the earned-value figures, the curves, the categories, the procurement and the
/// health reason in her language. Screenshots and axe on each page.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PmoCostTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "pmo-cost");

    static PmoCostTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Pmo_analyst_reads_a_project_s_earned_value_and_the_portfolio_s_indices(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pmo-cost");
        var carolApi = await fx.ClientForAsync("carol");
        var (key, rfq) = await SetUpAsync(carolApi, language);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var carol = await _sessions.SignInAsync("carol", text);
        await carol.GotoAsync($"{fx.BaseUrl}pmo");
        var row = carol.Locator($"tr[data-project='{key}']");
        await Expect(row.GetByTestId("cpi-spi")).ToHaveAttributeAsync("data-cpi", "0.83");
        await Expect(row.GetByTestId("cpi-spi")).ToHaveAttributeAsync("data-spi", "0.92");
        await Expect(row.GetByTestId("cpi-spi")).ToContainTextAsync("120,000");
        await Expect(row.Locator("li[data-area='cost']")).ToContainTextAsync(language == "en" ? "Cost performance index 0.83" : "コスト効率指数が 0.83");
        await visit.PageAsync(carol, "portfolio");

        await row.GetByRole(AriaRole.Link, new() { Name = key }).ClickAsync();
        await carol.WaitForURLAsync(new Regex($"/pmo/projects/{key}$"), Committed);
        var costLink = carol.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = language == "en" ? "Cost" : "コスト", Exact = true });
        await TabToAsync(carol, costLink);
        await carol.Keyboard.PressAsync("Enter");
        await carol.WaitForURLAsync(new Regex($"/pmo/projects/{key}#cost$"), Committed);

        var figures = carol.GetByTestId("cost-figures");
        await Expect(figures.Locator("[data-figure='bac'] dd")).ToHaveTextAsync("100,000");
        await Expect(figures.Locator("[data-figure='pv'] dd")).ToHaveTextAsync("60,000");
        await Expect(figures.Locator("[data-figure='ev'] dd")).ToHaveTextAsync("55,000");
        await Expect(figures.Locator("[data-figure='ac'] dd")).ToHaveTextAsync("66,000");
        await Expect(figures.Locator("[data-figure='cpi'] dd")).ToHaveTextAsync("0.83");
        await Expect(figures.Locator("[data-figure='cpi'] dd")).ToHaveClassAsync(new Regex("overdue"));
        await Expect(figures.Locator("[data-figure='eac'] dd")).ToHaveTextAsync("120,000");
        await Expect(figures.Locator("[data-figure='committed'] dd")).ToHaveTextAsync("24,000");
        await Expect(figures.Locator("[data-figure='eac'] abbr")).ToHaveAttributeAsync("title", language == "en" ? "Estimate at completion (BAC ÷ CPI)" : "完成時総コスト見積り（BAC ÷ CPI）");
        await Expect(carol.GetByTestId("cost-curves").Locator("polyline")).ToHaveCountAsync(3);
        await Expect(carol.GetByTestId("cost-categories").Locator("tr[data-category='Services']")).ToContainTextAsync("66,000");
        await Expect(carol.GetByTestId("cost-categories").Locator("tr[data-category='Hardware']")).ToContainTextAsync(language == "en" ? "Hardware" : "ハードウェア");
        var budget = carol.GetByTestId("cost-budget");
        await Expect(budget.Locator($"tr[data-period='{today:yyyy-MM}']")).ToContainTextAsync("90,000");
        await Expect(budget.Locator($"tr[data-period='{today.AddMonths(1):yyyy-MM}']")).ToContainTextAsync("10,000");
        await Expect(carol.GetByTestId("cost-commitments").Locator($"tr[data-commitment='{rfq}']")).ToContainTextAsync("Bechtle");
        await Expect(carol.GetByTestId("health-reasons")).ToContainTextAsync(language == "en" ? "over budget for the work done" : "出来高に対して予算超過");
        await ExpectFitsWidthAsync(carol, "the project page with its cost section");
        await visit.PageAsync(carol, "project-cost");

        // An actual cost recorded from the page moves AC; a negative one is refused; a cost recorded by hand can be deleted.
        var entries = carol.GetByTestId("cost-entries");
        await Expect(entries.Locator("tr[data-source='Manual']")).ToContainTextAsync("Cabling contractor");
        await Field(entries, "cost-amount").FillAsync("-5");
        await entries.GetByTestId("cost-save").ClickAsync();
        await Expect(entries).ToContainTextAsync("cannot be negative"); // the service's words (ProblemText knows only the common ones)
        await Field(entries, "cost-amount").FillAsync("4,000");
        await Field(entries, "cost-description").FillAsync("Patch panels");
        await entries.GetByTestId("cost-save").ClickAsync();
        await Expect(figures.Locator("[data-figure='ac'] dd")).ToHaveTextAsync("70,000");
        var panels = entries.Locator("tr[data-source='Manual']", new() { HasText = "Patch panels" });
        await Expect(panels).ToContainTextAsync("4,000 JPY");
        await panels.GetByTestId("cost-delete").ClickAsync();
        await Expect(panels).ToHaveCountAsync(0);
        await Expect(figures.Locator("[data-figure='ac'] dd")).ToHaveTextAsync("66,000");

        // The budget edited on the page: a line added for next month's labour (a bad month first); BAC follows.
        await carol.GetByTestId("budget-edit").ClickAsync();
        var editor = carol.GetByTestId("budget-editor");
        await Expect(editor.Locator("[data-line]")).ToHaveCountAsync(3);
        await editor.GetByTestId("budget-add").ClickAsync();
        var added = editor.Locator("[data-line='3']");
        await Field(added, "budget-period").FillAsync("2027-13");
        await Field(added, "budget-amount").FillAsync("5000");
        await editor.GetByTestId("budget-save").ClickAsync();
        await Expect(added).ToContainTextAsync("yyyy-MM");
        await Field(added, "budget-period").FillAsync(today.AddMonths(1).ToString("yyyy-MM"));
        await editor.GetByTestId("budget-save").ClickAsync();
        await Expect(figures.Locator("[data-figure='bac'] dd")).ToHaveTextAsync("105,000");
        await Expect(budget.Locator($"tr[data-period='{today.AddMonths(1):yyyy-MM}']")).ToContainTextAsync("15,000");
        await Expect(carol.GetByTestId("budget-editor")).ToHaveCountAsync(0);
    }

    private async Task<(string Key, string Rfq)> SetUpAsync(HttpClient pmo, string language)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string D(int days) => today.AddDays(days).ToString("yyyy-MM-dd");
        var key = (await (await pmo.PostJsonAsync("/api/projects", new
        {
            name = $"Core switch refresh {language} {Guid.NewGuid().ToString("N")[..6]}", manager = "carol", currency = "JPY",
            startDate = D(-20), endDate = D(20), phase = "Execution",
        })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        var month = today.ToString("yyyy-MM");
        var next = today.AddMonths(1).ToString("yyyy-MM");
        (await pmo.PutAsJsonAsync($"/api/projects/{key}/cost/budget", new
        {
            lines = new[]
            {
                new { period = month, category = "Hardware", amount = 70_000 }, new { period = month, category = "Services", amount = 20_000 },
                new { period = next, category = "Services", amount = 10_000 },
            },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var (title, start, due, budget, percent) in new[] { ("Design", -20, -10, 40_000, 100), ("Build", -10, 20, 60_000, 25) })
        {
            var task = await (await pmo.PostJsonAsync($"/api/projects/{key}/tasks", new { title, startDate = D(start), dueDate = D(due), budget }))
                .ReadJsonAsync(HttpStatusCode.Created);
            (await pmo.PatchAsJsonAsync($"/api/projects/{key}/tasks/{task.Str("key")}", new { percentDone = percent })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await pmo.PostJsonAsync($"/api/projects/{key}/costs", new { date = D(-1), category = "Services", amount = 66_000, description = "Cabling contractor" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return (key, await ProcurementAsync(key));
    }

    /// <summary>dave asks Bechtle for two switches for the project; an admin approves: 24,000 committed (by event).</summary>
    private async Task<string> ProcurementAsync(string key)
    {
        var dave = await fx.ClientForAsync("dave");
        var rfq = (await (await dave.PostJsonAsync("/api/procurement", new
        {
            title = "Core switches", vendors = new[] { "Bechtle" }, items = new[] { new { kind = "NetworkGear", model = "C9300", quantity = 2 } }, project = key,
        })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        (await dave.PostJsonAsync($"/api/procurement/{rfq}/quotes", new { vendor = "Bechtle", item = "1", unitPrice = 12_000m })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await fx.Http.PostJsonAsync($"/api/procurement/{rfq}/approve", new { vendor = "Bechtle" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Until(async () => (await (await fx.Http.GetAsync($"/api/projects/{key}/cost")).ReadJsonAsync()).GetProperty("committed").GetDecimal() == 24_000m,
            "the approved procurement committed to the project");
        return rfq;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
