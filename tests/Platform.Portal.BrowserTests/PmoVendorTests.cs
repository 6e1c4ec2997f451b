using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// Vendor control in English and Japanese. Through the API: a vendor with a contract on a project owing three
/// deliverables (one accepted on time, one rejected, one overdue) and a quote in procurement (assets, by event).
/// carol reads the scorecard on the vendors page and the vendor's contracts (reached by keyboard), registers another
/// vendor and records a contract for it from the page. Screenshots and axe on each page.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PmoVendorTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "pmo-vendors");

    static PmoVendorTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Pmo_analyst_reads_a_vendors_scorecard_and_records_a_contract(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pmo-vendors");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string D(int days) => today.AddDays(days).ToString("yyyy-MM-dd");
        var carolApi = await fx.ClientForAsync("carol");
        var dave = await fx.ClientForAsync("dave");
        var name = $"Bechtle {language} {suffix}";
        var vendor = (await (await dave.PostJsonAsync("/api/vendors", new { name, contactEmail = "sales@bechtle.example" })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        var project = (await (await carolApi.PostJsonAsync("/api/projects", new { name = $"Cabling {language} {suffix}", manager = "carol" }))
            .ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        var contract = await (await carolApi.PostJsonAsync($"/api/projects/{project}/contracts", new
        {
            vendor, title = "Cabling, building B", value = 1_200_000, startDate = D(-30), endDate = D(30), slaTerms = "On-site within 4 business hours",
            deliverables = new[]
            {
                new { name = "Cabling plan", acceptanceCriteria = new[] { "Every port labelled" }, dueDate = D(5) },
                new { name = "Test report", acceptanceCriteria = new[] { "Cat6A certified" }, dueDate = D(10) },
                new { name = "As-built drawings", acceptanceCriteria = new[] { "Signed by facilities" }, dueDate = D(-2) },
            },
        })).ReadJsonAsync(HttpStatusCode.Created);
        var owed = contract.GetProperty("deliverables").EnumerateArray().ToDictionary(d => d.Str("name"), d => d.Str("key"));
        async Task Act(string key, string action, string? reason = null) =>
            (await carolApi.PostJsonAsync($"/api/projects/{project}/deliverables/{key}/transitions", new { action, reason })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Act(owed["Cabling plan"], "Submit");
        await Act(owed["Cabling plan"], "Accept");
        await Act(owed["Test report"], "Submit");
        await Act(owed["Test report"], "Reject", "Two ports fail");
        var rfq = (await (await dave.PostJsonAsync("/api/procurement", new
        {
            title = "Patch cables", vendors = new[] { name }, items = new[] { new { kind = "Other", model = "Cat6A 2 m", quantity = 200 } },
        })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        (await dave.PostJsonAsync($"/api/procurement/{rfq}/quotes", new { vendor = name, item = "1", unitPrice = 900m })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Until(async () => (await (await carolApi.GetAsync($"/api/vendors/{vendor}")).ReadJsonAsync()).GetProperty("scorecard").GetProperty("quotes").GetInt32() == 1,
            "the vendor's quote reached its scorecard");

        var carol = await _sessions.SignInAsync("carol", text);
        await carol.GotoAsync($"{fx.BaseUrl}pmo/vendors");
        var row = carol.Locator($"tr[data-vendor='{vendor}']");
        await Expect(row.Locator("[data-figure='on-time']")).ToHaveTextAsync("50 %");
        await Expect(row.Locator("[data-figure='rejected']")).ToHaveTextAsync("1");
        await TabToAsync(carol, row.GetByTestId("open-vendor"));
        await carol.Keyboard.PressAsync("Enter");
        var detail = carol.GetByTestId("vendor-detail");
        await Expect(detail).ToHaveAttributeAsync("data-key", vendor);
        await Expect(detail.GetByTestId("scorecard").Locator("[data-figure='accepted'] dd")).ToHaveTextAsync("1 / 3");
        await Expect(detail.GetByTestId("scorecard").Locator("[data-figure='value'] dd")).ToHaveTextAsync("1,200,000 JPY");
        var listed = detail.Locator($"[data-contract='{contract.Str("key")}']");
        await Expect(listed).ToContainTextAsync("On-site within 4 business hours");
        await Expect(listed.Locator($"tr[data-deliverable='{owed["As-built drawings"]}']")).ToContainTextAsync(language == "en" ? "Overdue" : "期限超過");
        await Expect(listed.Locator($"tr[data-deliverable='{owed["Cabling plan"]}']")).ToContainTextAsync(language == "en" ? "Accepted on time" : "期限内に承認");
        await Expect(listed.Locator($"tr[data-deliverable='{owed["Test report"]}']")).ToContainTextAsync(language == "en" ? "rejected 1×" : "差し戻し 1 回");
        await Expect(detail.GetByTestId("vendor-quotes").Locator($"tr[data-quote='{rfq}']")).ToBeVisibleAsync();
        await ExpectFitsWidthAsync(carol, "the vendors page with a scorecard");
        await visit.PageAsync(carol, "vendor");

        // Another vendor, registered and given a contract from the page.
        var other = $"Kyocera {language} {suffix}";
        await Field(carol, "vendor-name").FillAsync(other);
        await Field(carol, "vendor-contact").FillAsync("not an address");
        await carol.GetByTestId("vendor-save").ClickAsync();
        await Expect(carol.GetByTestId("register-vendor")).ToContainTextAsync(language == "en" ? "not an e-mail address" : "メールアドレスの形式ではありません");
        await Field(carol, "vendor-contact").FillAsync("");
        await carol.GetByTestId("vendor-save").ClickAsync();
        await Expect(carol.GetByTestId("vendor-detail").GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync(other);
        var form = carol.GetByTestId("new-contract");
        await Field(form, "contract-project").FillAsync(project);
        await Field(form, "contract-title").FillAsync("Printer fleet");
        await Field(form, "contract-value").FillAsync("350000");
        await Field(form, "contract-start").FillAsync(D(0));
        await Field(form, "contract-end").FillAsync(D(90));
        await Field(form, "contract-deliverables").FillAsync($"{D(14)} Printers installed\n{D(21)} Driver package");
        await Field(form, "contract-criteria").FillAsync("Test page from every floor");
        await form.GetByTestId("contract-save").ClickAsync();
        var recorded = carol.GetByTestId("vendor-detail").Locator("[data-contract]");
        await Expect(recorded).ToHaveCountAsync(1);
        await Expect(recorded).ToContainTextAsync("Printer fleet");
        await Expect(recorded.Locator("tr[data-deliverable]")).ToHaveCountAsync(2);
        await Expect(recorded.Locator("tr[data-deliverable]").First).ToContainTextAsync("Printers installed");
        await visit.PageAsync(carol, "vendor-contract");
        // The contract's deliverables are on the project's page too.
        await recorded.GetByRole(AriaRole.Link, new() { Name = project }).ClickAsync();
        await carol.WaitForURLAsync(new Regex($"/pmo/projects/{project}$"), Committed);
        await Expect(carol.Locator("#deliverables")).ToContainTextAsync("Driver package");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
