using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The PSO staff's asset screens (issue 18), in English and in Japanese. dave (PSO) registers a laptop on the assets
/// page and, through the API, a licence expiring within 30 days and a kit profile for a new project (laptop of that
/// model, the licence's product, an account). With the kitting queue open, carol (PMO) adds erin to the project through
/// the API: the request appears without a reload. dave completes the hardware item with the laptop and the software
/// item with a seat, each chosen in its picker, ticks the account and completes the request (before that, completing
/// is refused: checklist incomplete). The laptop's page names erin as its holder, with the kit in its history. A CSV
/// import with a bad kind shows the error in its row and column; a good file imports and links its tags. A request for
/// quotes gets two vendors' quotes, shown side by side with the cheapest marked; its author may not approve it, the
/// admin does, orders and receives it, and the received units are linked. alice, a requester, gets "not found".
/// Every page is screenshotted and checked with axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PsoJourneyTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "pso");

    static PsoJourneyTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Pso_staff_see_a_new_member_kitting_request_live_and_kit_them_out(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pso-kitting");
        var word = "Ps" + Guid.NewGuid().ToString("N")[..6];
        var model = $"ThinkPad X1 {word}";
        var product = $"Office {word}";
        var daveApi = await fx.ClientForAsync("dave");
        var carolApi = await fx.ClientForAsync("carol");

        // dave registers a laptop on the assets page.
        var dave = await _sessions.SignInAsync("dave", text);
        var nav = dave.GetByTestId("pso-assets-nav");
        await Expect(nav).ToBeVisibleAsync();
        await nav.GetByRole(AriaRole.Link).Nth(1).ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/assets$"), Committed);
        await Expect(dave.GetByTestId("register")).ToBeVisibleAsync();
        await Field(dave, "asset-model").FillAsync(model);
        await Field(dave, "asset-serial").FillAsync($"SN-{word}");
        await Field(dave, "asset-vendor").FillAsync("Lenovo");
        await Field(dave, "asset-location").FillAsync("Tokyo HQ 7F");
        await Field(dave, "asset-warranty").FillAsync(DateTime.UtcNow.AddYears(3).ToString("yyyy-MM-dd"));
        await visit.PageAsync(dave, "assets-register");
        await dave.GetByTestId("register").ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/assets/AST-"), Committed);
        var tag = dave.Url[(dave.Url.LastIndexOf('/') + 1)..];
        await Expect(dave.GetByTestId("asset-status")).ToHaveAttributeAsync("data-status", "InStock");
        await Expect(dave.GetByTestId("asset-title")).ToContainTextAsync(model);

        // A licence expiring within 30 days, and the project's kit profile (through the API).
        var licence = await (await daveApi.PostJsonAsync("/api/licences", new
        {
            product, vendor = "Microsoft", seats = 5, expiresOn = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd"),
        })).ReadJsonAsync(HttpStatusCode.Created);
        var licenceKey = licence.Str("key");
        await dave.GotoAsync($"{fx.BaseUrl}pso/licences");
        var licenceRow = dave.Locator($"tr[data-licence='{licenceKey}']");
        await Expect(licenceRow.GetByTestId("flag-expiring")).ToBeVisibleAsync();
        await visit.PageAsync(dave, "licences");

        var project = await (await carolApi.PostJsonAsync("/api/projects", new { name = $"Kitting {language} {word}", manager = "carol" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var projectKey = project.Str("key");
        (await daveApi.PostJsonAsync("/api/kit-profiles", new
        {
            name = $"Kit {word}", projectKey,
            items = new object[]
            {
                new { kind = "Hardware", description = "Laptop", assetKind = "Laptop", model },
                new { kind = "Software", description = "Office suite", product },
                new { kind = "Account", description = "Directory account" },
            },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The kitting queue, open (marked to prove no reload), before erin joins the project.
        await nav.GetByRole(AriaRole.Link).First.ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/kitting$"), Committed);
        var request = dave.Locator($"tr[data-project='{projectKey}'][data-user='erin']");
        await Expect(dave.GetByTestId("kitting-project")).ToBeVisibleAsync();
        // A filter typed before the page's circuit is attached is lost on a busy machine: type and apply it until it holds.
        await Until(async () =>
        {
            await Field(dave, "kitting-project").FillAsync(projectKey);
            await dave.GetByTestId("kitting-filter").ClickAsync();
            await Expect(dave.Locator("[data-testid='kitting-table'], [data-testid='kitting-empty']").First).ToBeVisibleAsync();
            try
            {
                await Expect(dave.Locator("tr[data-request]").Filter(new() { HasNotText = projectKey })).ToHaveCountAsync(0, new() { Timeout = 5_000 });
                return true;
            }
            catch (PlaywrightException)
            {
                return false;
            }
        }, "the kitting queue filtered to the project");
        await Expect(request).ToHaveCountAsync(0);
        await dave.EvaluateAsync("() => { window.__notReloaded = true; }");

        (await carolApi.PostJsonAsync($"/api/projects/{projectKey}/members", new { userId = "erin", role = "developer" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        await Expect(request).ToHaveCountAsync(1);
        await Expect(request.GetByTestId("kitting-person")).ToHaveTextAsync("Erin Evans");
        await Expect(request.GetByTestId("kitting-progress")).ToContainTextAsync("3");
        (await dave.EvaluateAsync<bool>("() => window.__notReloaded === true")).ShouldBeTrue("the kitting queue was reloaded");
        await visit.PageAsync(dave, "kitting-queue-live");

        // The request's page: completing it now is refused (checklist incomplete).
        var requestKey = (await request.GetAttributeAsync("data-request"))!;
        await Expect(request.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"pso/kitting/{requestKey}");
        await request.GetByRole(AriaRole.Link).ClickAsync();
        await dave.WaitForURLAsync(new Regex($"/pso/kitting/{requestKey}$"), Committed);
        await Expect(dave.GetByTestId("kitting-table")).ToHaveCountAsync(0); // the queue is gone (its rows name people too)
        await Expect(dave.GetByTestId("kitting-complete")).ToBeVisibleAsync();
        await Expect(dave.GetByTestId("kitting-person")).ToHaveTextAsync("Erin Evans");
        await dave.GetByTestId("kitting-complete").ClickAsync();
        await Expect(dave.GetByTestId("problem")).ToContainTextAsync(requestKey);

        // The laptop from the asset picker, a seat from the licence picker, the account ticked.
        var hardware = dave.Locator("tr[data-kind='Hardware']");
        await ChooseAsync(dave, hardware.GetByTestId("item-asset"), tag, exact: false);
        await hardware.GetByTestId("item-tick").ClickAsync();
        await Expect(hardware).ToHaveAttributeAsync("data-done", "true");
        var software = dave.Locator("tr[data-kind='Software']");
        await ChooseAsync(dave, software.GetByTestId("item-licence"), licenceKey, exact: false);
        await visit.PageAsync(dave, "kitting-request-picking");
        await software.GetByTestId("item-tick").ClickAsync();
        await Expect(software).ToHaveAttributeAsync("data-done", "true");
        var account = dave.Locator("tr[data-kind='Account']");
        await account.GetByTestId("item-tick").ClickAsync();
        await Expect(account).ToHaveAttributeAsync("data-done", "true");
        await dave.GetByTestId("kitting-complete").ClickAsync();
        await Expect(dave.GetByTestId("kitting-status")).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(hardware.GetByTestId("item-asset-link")).ToHaveTextAsync(tag);
        await Expect(software.GetByTestId("item-licence-link")).ToHaveTextAsync(licenceKey);
        await visit.PageAsync(dave, "kitting-request-completed");

        // The laptop's page: erin holds it, for the project; the history has the kit's entry.
        await hardware.GetByTestId("item-asset-link").ClickAsync();
        await dave.WaitForURLAsync(new Regex($"/pso/assets/{tag}$"), Committed);
        await Expect(dave.GetByTestId("asset-holder")).ToHaveTextAsync("Erin Evans");
        await Expect(dave.GetByTestId("asset-status")).ToHaveAttributeAsync("data-status", "Assigned");
        await Expect(dave.GetByTestId("asset-project")).ToHaveTextAsync(projectKey);
        var kitEntry = dave.GetByTestId("asset-history").Locator("tbody tr").Filter(new() { HasText = requestKey });
        await Expect(kitEntry).ToHaveCountAsync(1);
        await Expect(kitEntry).ToContainTextAsync("Erin Evans");
        await Expect(dave.GetByTestId("no-incidents")).ToBeVisibleAsync();
        await visit.PageAsync(dave, "asset-assigned");

        // The licence's page lists erin's seat by name.
        await dave.GotoAsync($"{fx.BaseUrl}pso/licences/{licenceKey}");
        await Expect(dave.Locator("tr[data-seat='erin']")).ToContainTextAsync("Erin Evans");
        await Expect(dave.GetByTestId("seats-used")).ToContainTextAsync("1");
        await visit.PageAsync(dave, "licence-seats");
    }

    /// <summary>
    /// An asset's life on its page: assigned to erin for a project with the people picker, returned into repair,
    /// repaired, retired; each step in the history in the page's language. A one-seat licence: erin's seat, then
    /// carol's is refused (no free seat) until over-use is allowed, the licence is flagged over-used, and releasing
    /// erin's seat ends the over-use.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task An_asset_goes_through_its_life_and_a_licence_is_over_used_then_released(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pso-lifecycle");
        var word = "Lc" + Guid.NewGuid().ToString("N")[..6];
        var ja = language == "ja";
        var daveApi = await fx.ClientForAsync("dave");
        var asset = await (await daveApi.PostJsonAsync("/api/assets", new { kind = "Laptop", model = $"Latitude {word}", serial = $"SN-{word}" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var tag = asset.Str("tag");

        var dave = await _sessions.SignInAsync("dave", text);
        await dave.GotoAsync($"{fx.BaseUrl}pso/assets/{tag}");
        var status = dave.GetByTestId("asset-status");
        await Expect(status).ToHaveAttributeAsync("data-status", "InStock");
        var history = dave.GetByTestId("asset-history");

        // Assigned to erin for a project.
        await PickAsync(dave, Field(dave, "assign-person"), "erin", "Erin Evans (erin)");
        await Field(dave, "assign-project").FillAsync($"PRJ-{word}");
        await dave.GetByTestId("assign").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "Assigned");
        await Expect(status).ToHaveTextAsync(ja ? "貸与中" : "Assigned");
        await Expect(dave.GetByTestId("asset-holder")).ToHaveTextAsync("Erin Evans");
        await Expect(dave.GetByTestId("asset-project")).ToHaveTextAsync($"PRJ-{word}".ToUpperInvariant());
        await Expect(history.Locator("tr[data-history='assigned']")).ToContainTextAsync(ja ? "貸与" : "Assigned");
        await visit.PageAsync(dave, "asset-assigned");

        // Returned into repair, with a note; the holder is gone.
        await Field(dave, "action-note").FillAsync($"Cracked screen {word}");
        await CheckBox(dave, "return-to-repair").CheckAsync();
        await dave.GetByTestId("return").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "InRepair");
        await Expect(dave.GetByTestId("asset-holder")).ToHaveTextAsync("—");
        var returned = history.Locator("tr[data-history='returned']");
        await Expect(returned).ToContainTextAsync($"Cracked screen {word}");
        await Expect(returned).ToContainTextAsync(ja ? "返却" : "Returned");
        await Expect(returned).ToContainTextAsync(ja ? "修理中" : "In repair");

        // Repaired (back in stock), then retired.
        await dave.Locator("[data-action='Repaired']").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "InStock");
        await dave.Locator("[data-action='Retire']").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "Retired");
        await Expect(status).ToHaveTextAsync(ja ? "利用停止" : "Retired");
        await Expect(history.Locator("tr[data-history='retire']")).ToContainTextAsync(ja ? "利用停止" : "Retired");
        await Expect(history.Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(dave.GetByTestId("assign")).ToHaveCountAsync(0);
        await visit.PageAsync(dave, "asset-retired");

        // A licence with one seat: erin's, then carol's is refused until over-use is allowed.
        var licence = await (await daveApi.PostJsonAsync("/api/licences", new { product = $"Visio {word}", vendor = "Microsoft", seats = 1 }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var key = licence.Str("key");
        await dave.GotoAsync($"{fx.BaseUrl}pso/licences/{key}");
        var seatPerson = Field(dave, "seat-person");
        await PickAsync(dave, seatPerson, "erin", "Erin Evans (erin)");
        await dave.GetByTestId("give-seat").ClickAsync();
        await Expect(dave.Locator("tr[data-seat='erin']")).ToHaveAttributeAsync("data-active", "true");
        await Expect(dave.GetByTestId("seats-used")).ToContainTextAsync("1");
        await Expect(dave.GetByTestId("flag-overused")).ToHaveCountAsync(0);

        await PickAsync(dave, seatPerson, "carol", "Carol Clark (carol)");
        await dave.GetByTestId("give-seat").ClickAsync();
        await Expect(dave.GetByTestId("problem")).ToBeVisibleAsync();
        await Expect(dave.Locator("tr[data-seat='carol']")).ToHaveCountAsync(0);
        await visit.PageAsync(dave, "licence-no-free-seat");
        await CheckBox(dave, "allow-overuse").CheckAsync();
        await dave.GetByTestId("give-seat").ClickAsync();
        await Expect(dave.Locator("tr[data-seat='carol']")).ToHaveAttributeAsync("data-active", "true");
        await Expect(dave.GetByTestId("flag-overused")).ToBeVisibleAsync();
        await visit.PageAsync(dave, "licence-overused");

        // Releasing erin's seat ends the over-use; her row stays, released.
        await dave.Locator("tr[data-seat='erin']").GetByTestId("release-seat").ClickAsync();
        await Expect(dave.Locator("tr[data-seat='erin']")).ToHaveAttributeAsync("data-active", "false");
        await Expect(dave.GetByTestId("flag-overused")).ToHaveCountAsync(0);
        await Expect(dave.Locator("tr[data-seat='erin'] [data-testid='release-seat']")).ToHaveCountAsync(0);
        await visit.PageAsync(dave, "licence-released");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_csv_import_shows_each_error_in_its_row_and_column_and_a_good_file_imports(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pso-import");
        var word = "Im" + Guid.NewGuid().ToString("N")[..6];
        const string header = "kind,model,serial,vendor,purchaseDate,cost,warrantyEnd,location,status,assignedTo";

        var dave = await _sessions.SignInAsync("dave", text);
        await dave.GotoAsync($"{fx.BaseUrl}pso/assets/import");
        var file = dave.GetByTestId("import-file");
        await Expect(file).ToBeVisibleAsync();
        await visit.PageAsync(dave, "import");

        var bad = $"{header}\nLaptop,ThinkPad T14 {word},{word}-1,Lenovo,2026-10-01,1249.00,2029-09-30,Tokyo HQ 7F,InStock,\n"
            + $"Spaceship,Falcon {word},{word}-2,Acme,,,,,InStock,\n";
        await file.SetInputFilesAsync(new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await Expect(dave.GetByTestId("import-send")).ToBeEnabledAsync();
        await dave.GetByTestId("import-send").ClickAsync();
        var cell = dave.Locator("tr[data-line='3'] td[data-column='kind']");
        await Expect(cell).ToHaveAttributeAsync("data-error", "true");
        await Expect(cell).ToContainTextAsync("Spaceship");
        await Expect(dave.Locator("tr[data-line='2'] td[data-error]")).ToHaveCountAsync(0);
        await Expect(dave.GetByTestId("import-errors").Locator("li[data-row='3'][data-column='kind']")).ToHaveCountAsync(1);
        await visit.PageAsync(dave, "import-errors");

        var good = $"{header}\nLaptop,ThinkPad T14 {word},{word}-1,Lenovo,2026-10-01,1249.00,2029-09-30,Tokyo HQ 7F,InStock,\n"
            + $"Monitor,\"Dell P2725H, 27\"\"\",{word}-3,Dell,,,,Paris office,InStock,\n";
        await file.SetInputFilesAsync(new FilePayload { Name = "good.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        await dave.GetByTestId("import-send").ClickAsync();
        await Expect(dave.GetByTestId("import-done")).ToContainTextAsync("2");
        var tags = dave.GetByTestId("import-tags").GetByRole(AriaRole.Link);
        await Expect(tags).ToHaveCountAsync(2);
        await visit.PageAsync(dave, "import-done");

        await tags.First.ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/assets/AST-"), Committed);
        await Expect(dave.GetByTestId("asset-title")).ToContainTextAsync($"ThinkPad T14 {word}");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_request_for_quotes_compares_two_vendors_side_by_side_and_is_approved_by_the_admin_and_received(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pso-procurement");
        var word = "Rq" + Guid.NewGuid().ToString("N")[..6];
        var (acme, globex) = ($"Acme {word}", $"Globex {word}");

        var dave = await _sessions.SignInAsync("dave", text);
        await dave.GetByTestId("pso-assets-nav").GetByRole(AriaRole.Link).Nth(3).ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/procurement$"), Committed);
        await Field(dave, "rfq-title").FillAsync($"Docking stations {word}");
        await Field(dave, "rfq-vendors").FillAsync($"{acme}, {globex}");
        await Field(dave, "rfq-item-model").FillAsync($"Dock {word}");
        await Field(dave, "rfq-item-quantity").FillAsync("2");
        await dave.GetByTestId("rfq-add-item").ClickAsync();
        var second = dave.GetByTestId("rfq-item").Nth(1);
        await Expect(second).ToBeVisibleAsync();
        await Field(second, "rfq-item-model").FillAsync($"Monitor {word}");
        await visit.PageAsync(dave, "procurement-new");
        await dave.GetByTestId("rfq-create").ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/procurement/RFQ-"), Committed);
        var key = dave.Url[(dave.Url.LastIndexOf('/') + 1)..];
        await Expect(dave.GetByTestId("rfq-status")).ToHaveAttributeAsync("data-status", "Quoting");

        foreach (var (vendor, item, price) in new[] { (acme, 1, "120"), (acme, 2, "300"), (globex, 1, "110"), (globex, 2, "310") })
        {
            await Field(dave, "quote-vendor").FillAsync(vendor);
            await ChooseAsync(dave, dave.GetByTestId("quote-item"), $"{item}. ", exact: false);
            await Field(dave, "quote-price").FillAsync(price);
            await dave.GetByTestId("quote-add").ClickAsync();
            await Expect(dave.Locator($"[data-testid='quote-compare'] tr[data-item='{item}'] td[data-vendor='{vendor}'] [data-testid='unit-price']")).ToBeVisibleAsync();
        }
        var compare = dave.GetByTestId("quote-compare");
        await Expect(compare.Locator($"tr[data-item='1'] td[data-vendor='{globex}']")).ToHaveAttributeAsync("data-cheapest", "true");
        await Expect(compare.Locator($"tr[data-item='2'] td[data-vendor='{acme}']")).ToHaveAttributeAsync("data-cheapest", "true");
        await Expect(compare.Locator($"tfoot td[data-vendor='{globex}']")).ToHaveAttributeAsync("data-cheapest", "true"); // 2 × 110 + 310 = 530 < 2 × 120 + 300 = 540
        await visit.PageAsync(dave, "procurement-compare");

        // Its author may not approve it.
        await ChooseAsync(dave, dave.GetByTestId("approve-vendor"), globex, exact: false);
        await dave.GetByTestId("approve").ClickAsync();
        await Expect(dave.GetByTestId("problem")).ToBeVisibleAsync();
        await Expect(dave.GetByTestId("rfq-status")).ToHaveAttributeAsync("data-status", "Quoting");

        // The admin approves, orders and receives the docks (two serials): they become assets, linked.
        var admin = await _sessions.SignInAsync("admin", text);
        await admin.GotoAsync($"{fx.BaseUrl}pso/procurement/{key}");
        await ChooseAsync(admin, admin.GetByTestId("approve-vendor"), globex, exact: false);
        await admin.GetByTestId("approve").ClickAsync();
        await Expect(admin.GetByTestId("rfq-status")).ToHaveAttributeAsync("data-status", "Approved");
        await Expect(admin.GetByTestId("rfq-approved")).ToContainTextAsync(globex);
        await Field(admin, "order-reference").FillAsync($"PO-{word}");
        await admin.GetByTestId("order").ClickAsync();
        await Expect(admin.GetByTestId("rfq-status")).ToHaveAttributeAsync("data-status", "Ordered");
        var dock = admin.GetByTestId("receipt").Locator("tr[data-item='1']");
        await Field(dock, "receive-serials").FillAsync($"{word}-D1\n{word}-D2");
        await dock.GetByTestId("receive").ClickAsync();
        await Expect(dock.GetByTestId("received-count")).ToContainTextAsync("2");
        await Expect(dock.GetByTestId("received-tags").GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Expect(admin.GetByTestId("rfq-status")).ToHaveAttributeAsync("data-status", "PartiallyReceived");
        await visit.PageAsync(admin, "procurement-received");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_requester_gets_not_found_for_the_pso_pages(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "pso-requester");
        var alice = await _sessions.SignInAsync("alice", text);
        await Expect(alice.GetByTestId("pso-assets-nav")).ToHaveCountAsync(0);
        await alice.GotoAsync($"{fx.BaseUrl}pso/kitting");
        await Expect(alice.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        await alice.GotoAsync($"{fx.BaseUrl}pso/assets");
        await Expect(alice.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        await visit.PageAsync(alice, "not-found");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
