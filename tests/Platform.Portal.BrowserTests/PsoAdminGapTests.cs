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
/// What the other PSO and admin journeys of issue 18 leave unasserted, in English and in Japanese (screenshots
/// gaps-…-NN-…, each page checked with axe): each filter of the asset list narrows it; a ticket naming an asset enters
/// the asset's incident history; a project leaver's return request arrives live on the kitting queue, whose kind and
/// status filters narrow it; the webhook delivery log shows a delivered row's latency in ms; the inbox and e-mail
/// channels of the notification preferences are kept; a person provisioned through SCIM shows as such on their page,
/// whose offboarding list names a seat, an open ticket, a project booking and an action item besides an asset.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PsoAdminGapTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "gaps");

    static PsoAdminGapTests() => SetDefaultExpectTimeout(30_000);

    /// <summary>
    /// Three assets of one model word (a laptop in stock, a monitor in stock elsewhere with a later warranty, a laptop
    /// assigned to erin for a project): the model filter finds the three, then status, kind, holder, project, location
    /// and warranty-before each leave only theirs.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Each_filter_of_the_asset_list_narrows_it(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gaps-asset-filters");
        var ja = language == "ja";
        var word = "Fl" + Guid.NewGuid().ToString("N")[..8];
        var daveApi = await fx.ClientForAsync("dave");
        async Task<string> Register(object body) =>
            (await (await daveApi.PostJsonAsync("/api/assets", body)).ReadJsonAsync(HttpStatusCode.Created)).Str("tag");
        var laptop = await Register(new { kind = "Laptop", model = $"Probook {word} A", location = $"Osaka {word}", warrantyEnd = "2027-01-15" });
        var monitor = await Register(new { kind = "Monitor", model = $"Display {word} B", location = $"Kyoto {word}", warrantyEnd = "2030-06-30" });
        var lent = await Register(new { kind = "Laptop", model = $"Probook {word} C", location = $"Osaka {word}" });
        (await daveApi.PostJsonAsync($"/api/assets/{lent}/assign", new { userId = "erin", projectKey = $"PRJ-{word}" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var dave = await _sessions.SignInAsync("dave", text);
        var rows = dave.Locator("[data-testid='asset-table'] tr[data-asset]");

        // The model filter, typed: only the three.
        await dave.GotoAsync($"{fx.BaseUrl}pso/assets");
        await Expect(dave.GetByTestId("asset-table")).ToBeVisibleAsync();
        await Field(dave, "filter-model").FillAsync(word);
        await dave.GetByTestId("search-assets").ClickAsync();
        await ExpectTags(rows, laptop, monitor, lent);
        await visit.PageAsync(dave, "model");

        // Each further filter, from the model's three.
        async Task Narrow(Func<Task> set, string screenshot, params string[] tags)
        {
            await dave.GotoAsync($"{fx.BaseUrl}pso/assets?model={word}");
            await ExpectTags(rows, laptop, monitor, lent);
            await set();
            await dave.GetByTestId("search-assets").ClickAsync();
            await ExpectTags(rows, tags);
            if (screenshot.Length > 0) await visit.PageAsync(dave, screenshot);
        }

        await Narrow(() => ChooseAsync(dave, "filter-status", ja ? "貸与中" : "Assigned"), "status", lent);
        await Narrow(() => ChooseAsync(dave, "filter-status", ja ? "在庫" : "In stock"), "", laptop, monitor);
        await Narrow(() => ChooseAsync(dave, "filter-kind", ja ? "モニター" : "Monitor"), "kind", monitor);
        await Narrow(() => PickAsync(dave, Field(dave, "filter-holder"), "erin", "Erin Evans (erin)"), "holder", lent);
        await Narrow(() => Field(dave, "filter-project").FillAsync($"prj-{word}"), "", lent);
        await Narrow(() => Field(dave, "filter-location").FillAsync($"Osaka {word}"), "", laptop, lent);
        await Narrow(() => Field(dave, "filter-warranty-before").FillAsync("2028-01-01"), "warranty", laptop);
    }

    /// <summary>
    /// alice raises a ticket naming a new asset (through the API); once assets has heard of it (TicketCreated), the
    /// asset's page lists it in its incident history with its key, title and open state, linking to the ticket.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_ticket_naming_an_asset_enters_its_incident_history(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gaps-asset-incidents");
        var word = "In" + Guid.NewGuid().ToString("N")[..8];
        var daveApi = await fx.ClientForAsync("dave");
        var aliceApi = await fx.ClientForAsync("alice");
        var tag = (await (await daveApi.PostJsonAsync("/api/assets", new { kind = "Laptop", model = $"Elitebook {word}" }))
            .ReadJsonAsync(HttpStatusCode.Created)).Str("tag");

        var dave = await _sessions.SignInAsync("dave", text);
        await dave.GotoAsync($"{fx.BaseUrl}pso/assets/{tag}");
        await Expect(dave.GetByTestId("no-incidents")).ToBeVisibleAsync();

        var title = $"Keyboard dead {word}";
        var key = (await (await aliceApi.PostJsonAsync("/api/tickets", new
        {
            title, description = "No key answers.", category = PortalFixture.CategoryKey, impact = "Low", urgency = "Low", assetTag = tag,
        })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        await Eventually.GetAsync(async () => await (await daveApi.GetAsync($"/api/assets/{tag}/incidents")).ReadJsonAsync(HttpStatusCode.OK),
            list => list.EnumerateArray().Any(i => i.Str("ticketKey") == key), TimeSpan.FromSeconds(30));

        await dave.ReloadAsync();
        var incident = dave.GetByTestId("asset-incidents").Locator($"tr[data-ticket='{key}']");
        await Expect(incident.GetByRole(AriaRole.Link)).ToHaveTextAsync(key);
        await Expect(incident).ToContainTextAsync(title);
        await Expect(incident).ToContainTextAsync(language == "ja" ? "未解決" : "Open");
        await Expect(dave.GetByTestId("no-incidents")).ToHaveCountAsync(0);
        await visit.PageAsync(dave, "incident");

        await incident.GetByRole(AriaRole.Link).ClickAsync();
        await dave.WaitForURLAsync(new Regex($"/tickets/{key}$"), Committed);
    }

    /// <summary>
    /// A person joins carol's project and holds a laptop for it; with the kitting queue open on that project (its
    /// onboarding request listed), carol takes them off the project: the return request, asking the laptop back, appears
    /// without a reload. The kind filter keeps one kind at a time; with the onboarding request cancelled, the status
    /// filter keeps one status at a time.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_project_leaver_return_request_arrives_live_and_the_queue_filters_narrow_it(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gaps-kitting-return");
        var ja = language == "ja";
        var word = "rt" + Guid.NewGuid().ToString("N")[..8];
        var person = await fx.CreatePersonAsync(word, $"Rita Return {word}", null, "requester");
        var daveApi = await fx.ClientForAsync("dave");
        var carolApi = await fx.ClientForAsync("carol");
        var project = await (await carolApi.PostJsonAsync("/api/projects", new { name = $"Return {language} {word}", manager = "carol" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var projectKey = project.Str("key");
        await Until(async () => (await carolApi.PostJsonAsync($"/api/projects/{projectKey}/members", new { userId = person, role = "developer" })).StatusCode
            == HttpStatusCode.Created, "adding the new person to the project");
        var tag = (await (await daveApi.PostJsonAsync("/api/assets", new { kind = "Laptop", model = $"Zbook {word}" })).ReadJsonAsync(HttpStatusCode.Created)).Str("tag");
        await Until(async () => (await daveApi.PostJsonAsync($"/api/assets/{tag}/assign", new { userId = person, projectKey, projectId = project.Str("id") })).StatusCode
            == HttpStatusCode.OK, "lending the new person a laptop for the project");

        // The queue on that project: the onboarding request, and no return yet.
        var dave = await _sessions.SignInAsync("dave", text);
        await dave.GotoAsync($"{fx.BaseUrl}pso/kitting");
        await Expect(dave.GetByTestId("kitting-project")).ToBeVisibleAsync();
        await Field(dave, "kitting-project").FillAsync(projectKey);
        await dave.GetByTestId("kitting-filter").ClickAsync();
        var rows = dave.Locator($"[data-testid='kitting-table'] tr[data-request][data-user='{person}']"); // the manager, a member too, has a request of her own
        var onboarding = dave.Locator($"tr[data-project='{projectKey}'][data-user='{person}'][data-kind='Onboarding']");
        var giveBack = dave.Locator($"tr[data-project='{projectKey}'][data-user='{person}'][data-kind='Return']");
        await Expect(onboarding).ToHaveCountAsync(1);
        await Expect(giveBack).ToHaveCountAsync(0);
        await dave.EvaluateAsync("() => { window.__notReloaded = true; }");

        // They leave the project: the return request arrives live, asking the laptop back.
        (await carolApi.DeleteAsync($"/api/projects/{projectKey}/members/{Uri.EscapeDataString(person)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Expect(giveBack).ToHaveCountAsync(1);
        await Expect(giveBack.GetByTestId("kitting-person")).ToHaveTextAsync($"Rita Return {word}");
        await Expect(giveBack).ToContainTextAsync(ja ? "返却" : "Return");
        await Expect(giveBack.GetByTestId("kitting-progress")).ToHaveTextAsync(ja ? "2 件中 0 件完了" : "0 of 2 done"); // the laptop and the workspace access
        await Expect(giveBack).ToHaveAttributeAsync("data-status", "Open");
        (await dave.EvaluateAsync<bool>("() => window.__notReloaded === true")).ShouldBeTrue("the kitting queue was reloaded");
        await Expect(rows).ToHaveCountAsync(2);
        await visit.PageAsync(dave, "return-live");
        var returnKey = (await giveBack.GetAttributeAsync("data-request"))!;
        var returned = await (await daveApi.GetAsync($"/api/kitting/{returnKey}")).ReadJsonAsync(HttpStatusCode.OK);
        returned.GetProperty("items").EnumerateArray().Select(i => i.StrOrNull("assetTag")).ShouldContain(tag);

        // The kind filter: one kind at a time.
        await ChooseAsync(dave, "kitting-kind", ja ? "返却" : "Return");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-kind", "Return");
        await visit.PageAsync(dave, "kind-return");
        await ChooseAsync(dave, "kitting-kind", ja ? "キッティング（参画）" : "Onboarding");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-kind", "Onboarding");
        await ChooseAsync(dave, "kitting-kind", ja ? "すべて" : "Any");
        await Expect(rows).ToHaveCountAsync(2);

        // The onboarding request cancelled: the status filter keeps one status at a time.
        var onboardingKey = (await onboarding.GetAttributeAsync("data-request"))!;
        (await daveApi.PostJsonAsync($"/api/kitting/{onboardingKey}/cancel", new { note = "Left before starting." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ChooseAsync(dave, "kitting-status", ja ? "取消" : "Cancelled");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-request", onboardingKey);
        await Expect(rows).ToHaveAttributeAsync("data-status", "Cancelled");
        await visit.PageAsync(dave, "status-cancelled");
        await ChooseAsync(dave, "kitting-status", ja ? "対応中" : "Open");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-request", returnKey);
        await ChooseAsync(dave, "kitting-status", ja ? "すべて" : "Any");
        await Expect(rows).ToHaveCountAsync(2);
    }

    /// <summary>
    /// A receiver that takes 150 ms to answer, subscribed to TicketCreated: the delivered row of the log shows the
    /// latency as a number of ms (at least the receiver's delay), the number notifications recorded.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task The_delivery_log_shows_a_delivered_row_latency_in_ms(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gaps-webhook-latency");
        var word = $"{language}{Guid.NewGuid():N}"[..10];
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(150);
        var endpoint = $"latency-{word}";
        var secret = $"latency-secret-{Guid.NewGuid():N}";
        receiver.Expect(endpoint, secret);
        var subscription = (await (await fx.Http.PostJsonAsync("/api/subscriptions", new
        {
            url = receiver.Url(endpoint), secret, description = $"Latency {word}", eventTypes = new[] { "TicketCreated" },
        })).ReadJsonAsync(HttpStatusCode.Created)).Str("id");
        try
        {
            var aliceApi = await fx.ClientForAsync("alice");
            (await aliceApi.PostJsonAsync("/api/tickets", new
            {
                title = $"Slow hook {word}", description = "For the delivery log.", category = PortalFixture.CategoryKey, impact = "Low", urgency = "Low",
            })).StatusCode.ShouldBe(HttpStatusCode.Created);
            await receiver.WaitForAsync(r => r.For(endpoint).Count >= 1, TimeSpan.FromSeconds(30), "the delivery");
            var recorded = await Eventually.GetAsync(
                async () => await (await fx.Http.GetAsync($"/api/deliveries?subscriptionId={subscription}")).ReadJsonAsync(HttpStatusCode.OK),
                page => page.GetProperty("items").EnumerateArray().Any(d => d.Str("status") == "Delivered"), TimeSpan.FromSeconds(30));
            var latency = recorded.GetProperty("items").EnumerateArray().First(d => d.Str("status") == "Delivered").GetProperty("lastLatencyMs").GetInt32();

            var admin = await _sessions.SignInAsync("admin", text);
            await admin.GotoAsync($"{fx.BaseUrl}admin/webhooks/{subscription}");
            var cell = admin.Locator("tr[data-delivery][data-status='Delivered']").GetByTestId("latency");
            await Expect(cell).ToHaveTextAsync(new Regex(language == "ja" ? @"^\d+ ミリ秒$" : @"^\d+ ms$"));
            var shown = int.Parse(Regex.Match(await cell.InnerTextAsync(), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
            shown.ShouldBe(latency);
            shown.ShouldBeGreaterThanOrEqualTo(150);
            await visit.PageAsync(admin, "latency");
        }
        finally
        {
            await fx.Http.DeleteAsync($"/api/subscriptions/{subscription}");
        }
    }

    /// <summary>
    /// A new person switches their inbox and e-mail channels on the preferences page: after a reload both boxes keep
    /// the change, and the notifications API says the same; switched back, both are kept again.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task The_inbox_and_email_channels_are_kept_after_a_reload(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gaps-channels");
        var word = "ch" + Guid.NewGuid().ToString("N")[..8];
        var person = await fx.CreatePersonAsync(word, $"Chan Nel {word}", null, "requester");
        var api = await fx.ClientForAsync(word);
        var page = await _sessions.SignInAsync(word, text);
        await page.GotoAsync($"{fx.BaseUrl}inbox/preferences");
        var inbox = CheckBox(page, "pref-inbox");
        var email = CheckBox(page, "pref-email");
        await Expect(inbox).ToBeAttachedAsync();
        var (wasInbox, wasEmail) = (await inbox.IsCheckedAsync(), await email.IsCheckedAsync());

        foreach (var (wantInbox, wantEmail, screenshot) in new[] { (!wasInbox, !wasEmail, "switched"), (wasInbox, wasEmail, "switched-back") })
        {
            await inbox.SetCheckedAsync(wantInbox);
            await email.SetCheckedAsync(wantEmail);
            await Expect(inbox).ToBeCheckedAsync(new() { Checked = wantInbox });
            await Expect(email).ToBeCheckedAsync(new() { Checked = wantEmail });
            await page.GetByTestId("save-preferences").ClickAsync();
            await Expect(page.GetByTestId("preferences-state")).Not.ToBeEmptyAsync();
            await page.ReloadAsync();
            await Expect(inbox).ToBeAttachedAsync();
            await Expect(inbox).ToBeCheckedAsync(new() { Checked = wantInbox });
            await Expect(email).ToBeCheckedAsync(new() { Checked = wantEmail });
            await visit.PageAsync(page, screenshot);
            var saved = await (await api.GetAsync("/api/notification-preferences")).ReadJsonAsync(HttpStatusCode.OK);
            saved.Str("userId").ShouldBe(person);
            saved.GetProperty("inbox").GetBoolean().ShouldBe(wantInbox);
            saved.GetProperty("email").GetBoolean().ShouldBe(wantEmail);
        }
    }

    /// <summary>
    /// A person provisioned by the identity provider through SCIM (the scim-provisioner client): their page says so and
    /// shows the external id. What they hold, each given through its service's API, is on the offboarding list: a
    /// laptop, a licence seat, an open ticket assigned to them, a booking on carol's project and an action item of its
    /// meeting.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_scim_provisioned_person_shows_as_such_and_their_offboarding_list_names_all_they_hold(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "gaps-scim-person");
        var word = "sc" + Guid.NewGuid().ToString("N")[..8];
        var externalId = $"ext-{word}";
        var name = $"Sam Scim {word}";

        var token = await (await fx.Anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "scim-provisioner", ["client_secret"] = "scim-secret", ["scope"] = "scim",
        }))).ReadJsonAsync(HttpStatusCode.OK);
        using var scim = fx.WithToken(token.Str("access_token"));
        var user = await (await scim.PostAsync("/scim/v2/Users", new StringContent(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["schemas"] = new[] { "urn:ietf:params:scim:schemas:core:2.0:User" },
            ["userName"] = word,
            ["externalId"] = externalId,
            ["displayName"] = name,
            ["name"] = new { formatted = name, familyName = "Scim", givenName = "Sam" },
            ["emails"] = new object[] { new { value = $"{word}@example.test", type = "work", primary = true } },
            ["active"] = true,
        }), Encoding.UTF8, "application/scim+json"))).ReadJsonAsync(HttpStatusCode.Created);
        var id = user.Str("id");

        // What they hold, once each service has heard of them (PersonJoined).
        var daveApi = await fx.ClientForAsync("dave");
        var carolApi = await fx.ClientForAsync("carol");
        var aliceApi = await fx.ClientForAsync("alice");
        var tag = (await (await daveApi.PostJsonAsync("/api/assets", new { kind = "Laptop", model = $"Thinkpad {word}" })).ReadJsonAsync(HttpStatusCode.Created)).Str("tag");
        await Until(async () => (await daveApi.PostJsonAsync($"/api/assets/{tag}/assign", new { userId = id })).StatusCode == HttpStatusCode.OK,
            "lending the SCIM person a laptop");
        var licence = (await (await daveApi.PostJsonAsync("/api/licences", new { product = $"Acrobat {word}", seats = 2 })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        await Until(async () => (await daveApi.PostJsonAsync($"/api/licences/{licence}/seats", new { userId = id })).StatusCode == HttpStatusCode.Created,
            "giving the SCIM person a seat");
        var ticket = (await (await aliceApi.PostJsonAsync("/api/tickets", new
        {
            title = $"Scanner offline {word}", description = "Since this morning.", category = PortalFixture.CategoryKey, impact = "Low", urgency = "Low",
        })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        await Until(async () => (await fx.Http.PostJsonAsync($"/api/tickets/{ticket}/assign", new { assignee = id })).StatusCode == HttpStatusCode.OK,
            "assigning the SCIM person a ticket");
        var project = (await (await carolApi.PostJsonAsync("/api/projects", new { name = $"Scim {language} {word}", manager = "carol" }))
            .ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        await Until(async () => (await carolApi.PostJsonAsync($"/api/projects/{project}/members", new { userId = id, role = "developer" })).StatusCode
            == HttpStatusCode.Created, "adding the SCIM person to a project");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await carolApi.PostJsonAsync($"/api/projects/{project}/allocations", new
        {
            userId = id, percent = 20, from = today.ToString("yyyy-MM-dd"), to = today.AddDays(60).ToString("yyyy-MM-dd"),
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var meeting = (await (await carolApi.PostJsonAsync($"/api/projects/{project}/meetings", new
        {
            title = $"Kick-off {word}", scheduledAt = DateTimeOffset.UtcNow.AddDays(1), attendees = new[] { "carol", id }, agenda = new[] { "Plan" },
        })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        var action = (await (await carolApi.PostJsonAsync($"/api/projects/{project}/meetings/{meeting}/action-items", new
        {
            title = $"Order the desk {word}", owner = id, dueDate = today.AddDays(7).ToString("yyyy-MM-dd"),
        })).ReadJsonAsync(HttpStatusCode.Created)).Str("key");

        // Their page: provisioned by SCIM with the external id; the offboarding list names everything.
        var admin = await _sessions.SignInAsync("admin", text);
        await admin.GotoAsync($"{fx.BaseUrl}admin/people/{Uri.EscapeDataString(id)}");
        await Expect(admin.GetByTestId("person-heading")).ToContainTextAsync(name);
        await Expect(admin.GetByTestId("provisioning-source")).ToHaveTextAsync(language == "ja" ? "IdP から SCIM でプロビジョニング" : "Provisioned by the identity provider (SCIM)");
        await Expect(admin.GetByTestId("external-id")).ToHaveTextAsync(externalId);
        await Expect(admin.GetByTestId("held-assets").Locator($"li[data-asset='{tag}']")).ToContainTextAsync($"Thinkpad {word}");
        await Expect(admin.GetByTestId("held-licences").Locator($"li[data-licence='{licence}']")).ToContainTextAsync($"Acrobat {word}");
        await Expect(admin.GetByTestId("held-tickets").Locator($"li[data-ticket='{ticket}']")).ToContainTextAsync($"Scanner offline {word}");
        await Expect(admin.GetByTestId("held-projects").Locator($"li[data-project='{project}']")).ToContainTextAsync("20 %");
        await Expect(admin.GetByTestId("held-actions").Locator($"li[data-item='{action}']")).ToContainTextAsync($"Order the desk {word}");
        await visit.PageAsync(admin, "person");
    }

    /// <summary>Waits until the rows are exactly those of <paramref name="tags"/> (in any order).</summary>
    private static async Task ExpectTags(ILocator rows, params string[] tags)
    {
        await Expect(rows).ToHaveCountAsync(tags.Length);
        foreach (var tag in tags) await Expect(rows.And(rows.Page.Locator($"[data-asset='{tag}']"))).ToHaveCountAsync(1);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
