using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The admin's integration screens, in English and in Japanese. A tool's receiver (a real Kestrel server on loopback,
/// checking the platform's signature) answers 200. The admin subscribes it to TicketCreated in the portal, with a
/// secret of her own; a ticket raised through the API shows in the delivery log as delivered (attempts, latency, the
/// attempt's HTTP status). The receiver is made to answer 500: the next ticket's delivery is parked after its attempts
/// (the fixture has notifications park after 3), each attempt listed with HTTP 500. She pauses the subscription (the
/// redelivery is not offered), enables it again, the receiver answers 200 again, and "redeliver all parked" sends the
/// parked delivery: delivered, and the receiver has it. In the notification rules she creates a rule with the people
/// picker and the preview of what it matches, disables it, renames it and deletes it. bob, an agent, sees no admin menu
/// and gets "not found" for the admin URLs. Every page is screenshotted and checked with axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AdminIntegrationJourneyTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "admin-integrations");

    static AdminIntegrationJourneyTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Admin_subscribes_a_receiver_sees_it_fail_park_and_redelivers(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "admin-integrations");
        var word = $"{language}{Guid.NewGuid():N}"[..10];
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = $"portal-{word}";
        var secret = $"portal-secret-{Guid.NewGuid():N}";
        receiver.Expect(endpoint, secret);
        Guid? subscriptionId = null;
        try
        {
            var admin = await _sessions.SignInAsync("admin", text);
            var nav = admin.GetByTestId("admin-integrations-nav");
            await Expect(nav).ToBeVisibleAsync();

            // The webhooks page: she subscribes the receiver to TicketCreated with her own secret.
            await nav.GetByRole(AriaRole.Link).First.ClickAsync();
            await admin.WaitForURLAsync(new Regex("/admin/webhooks$"), Committed);
            var form = admin.GetByTestId("new-subscription");
            await Field(form, "webhook-url").FillAsync(receiver.Url(endpoint));
            await Field(form, "webhook-description").FillAsync($"Monitoring tool {word}");
            await Field(form, "webhook-secret").FillAsync(secret);
            await ChooseManyAsync(admin, form.GetByTestId("event-types"), "TicketCreated");
            await admin.GetByTestId("subscribe").ClickAsync();
            await Expect(admin.GetByTestId("subscription-created")).ToBeVisibleAsync();
            var row = admin.Locator("[data-testid='subscriptions'] tr").Filter(new() { HasText = receiver.Url(endpoint) });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Active");
            await visit.PageAsync(admin, "webhooks");

            // A URL that is not one gets its problem beside the field, not a crash.
            await Field(form, "webhook-url").FillAsync("not a url");
            await ChooseManyAsync(admin, form.GetByTestId("event-types"), "TicketCreated");
            await admin.GetByTestId("subscribe").ClickAsync();
            await Expect(form.Locator(".mud-input-error").First).ToBeVisibleAsync();

            // Its page, with the delivery log.
            await admin.GetByTestId("created-link").ClickAsync();
            await admin.WaitForURLAsync(new Regex("/admin/webhooks/[0-9a-f-]{36}$"), Committed);
            subscriptionId = Guid.Parse(admin.Url[^36..]);
            await Expect(admin.GetByTestId("subscription-url")).ToHaveTextAsync(receiver.Url(endpoint));

            // A ticket is raised: its TicketCreated reaches the receiver, and the log shows it delivered.
            var first = await RaiseTicketAsync($"Printer jam {word}");
            await receiver.WaitForAsync(r => r.For(endpoint).Count >= 1, TimeSpan.FromSeconds(30), "the first delivery");
            var delivered = admin.Locator("tr[data-delivery][data-status='Delivered']");
            await Expect(delivered).ToHaveCountAsync(1);
            await Expect(delivered.GetByTestId("attempts")).ToHaveTextAsync("1");
            await Expect(delivered).ToContainTextAsync("HTTP 204");
            await delivered.GetByTestId("show-attempts").ClickAsync();
            await Expect(admin.Locator(".attempts-row li[data-attempt='1']")).ToContainTextAsync("HTTP 204");
            await visit.PageAsync(admin, "webhook-delivered");

            // The receiver fails (500): the next ticket's delivery is retried, then parked.
            receiver.Broken[endpoint] = true;
            await RaiseTicketAsync($"Monitor flickers {word}");
            var parked = admin.Locator("tr[data-delivery][data-status='Parked']");
            await Expect(parked).ToHaveCountAsync(1);
            await Expect(parked.GetByTestId("attempts")).ToHaveTextAsync("3");
            await Expect(parked).ToContainTextAsync("HTTP 500");
            await parked.GetByTestId("show-attempts").ClickAsync();
            await Expect(admin.Locator(".attempts-row li[data-attempt]")).ToHaveCountAsync(4); // the delivered one's and the parked one's 3
            await Expect(admin.Locator(".attempts-row li[data-attempt='3']")).ToContainTextAsync("HTTP 500");
            await Expect(admin.GetByTestId("consecutive-failures")).Not.ToHaveTextAsync("0");
            // Only the parked ones, by the log's filter.
            await ChooseAsync(admin, admin.GetByTestId("delivery-status-filter"), language == "en" ? "Parked" : "保留（再送待ち）");
            await Expect(admin.Locator("tr[data-delivery]")).ToHaveCountAsync(1);
            await Expect(admin.Locator("tr[data-delivery]")).ToHaveAttributeAsync("data-status", "Parked");
            await visit.PageAsync(admin, "webhook-parked");

            // Paused, nothing can be redelivered; enabled again, it can.
            await admin.GetByTestId("pause").ClickAsync();
            await Expect(admin.GetByTestId("subscription-status").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Paused");
            await Expect(admin.GetByTestId("redeliver-parked")).ToBeDisabledAsync();
            (await (await fx.Http.GetAsync($"/api/subscriptions/{subscriptionId}")).ReadJsonAsync(HttpStatusCode.OK))
                .GetProperty("status").GetString().ShouldBe("Paused");
            await visit.PageAsync(admin, "webhook-paused");
            await admin.GetByTestId("enable").ClickAsync();
            await Expect(admin.GetByTestId("subscription-status").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Active");

            // The receiver answers again; "redeliver all parked" sends the parked delivery, which is delivered.
            receiver.Broken.TryRemove(endpoint, out _);
            await admin.GetByTestId("redeliver-parked").ClickAsync();
            await Expect(admin.GetByTestId("requeued")).ToContainTextAsync("1");
            await receiver.WaitForAsync(r => r.For(endpoint).Count >= 2, TimeSpan.FromSeconds(30), "the redelivery");
            await ChooseAsync(admin, admin.GetByTestId("delivery-status-filter"), language == "en" ? "All" : "すべて");
            await Expect(admin.Locator("tr[data-delivery][data-status='Delivered']")).ToHaveCountAsync(2);
            await Expect(admin.Locator("tr[data-delivery][data-status='Parked']")).ToHaveCountAsync(0);
            receiver.For(endpoint).Select(a => a.EventId).Distinct().Count().ShouldBe(2);
            receiver.For(endpoint).ShouldAllBe(a => a.Type == "platform.ticketing.TicketCreated");
            first.ShouldNotBeNullOrEmpty();
            await visit.PageAsync(admin, "webhook-redelivered");

            // One delivery sent again on its own: the first, delivered one.
            var one = admin.Locator("tr[data-delivery][data-status='Delivered']").Last;
            await one.GetByTestId("redeliver").ClickAsync();
            await receiver.WaitForAsync(r => r.For(endpoint).Count >= 3, TimeSpan.FromSeconds(30), "the single redelivery");

            await RulesAsync(admin, visit, language, word);
        }
        finally
        {
            if (subscriptionId is { } id) await fx.Http.DeleteAsync($"/api/subscriptions/{id}");
        }
    }

    /// <summary>A rule made, switched off, renamed and deleted in the rules editor.</summary>
    private async Task RulesAsync(IPage admin, Visit visit, string language, string word)
    {
        await admin.GetByTestId("admin-integrations-nav").GetByRole(AriaRole.Link).Nth(1).ClickAsync();
        await admin.WaitForURLAsync(new Regex("/admin/rules$"), Committed);
        await Expect(admin.Locator("[data-rule]").First).ToBeVisibleAsync();
        await visit.PageAsync(admin, "rules");

        await admin.GetByTestId("new-rule").ClickAsync();
        await admin.WaitForURLAsync(new Regex("/admin/rules/new$"), Committed);
        var name = $"Licence expiry to the PMO {word}";
        var editor = admin.GetByTestId("rule-form");
        // Saved empty, the problems show beside their fields.
        await admin.GetByTestId("save-rule").ClickAsync();
        await Expect(editor.Locator(".mud-input-error").First).ToBeVisibleAsync();
        await Field(editor, "rule-name").FillAsync(name);
        await ChooseManyAsync(admin, editor.GetByTestId("event-types"), "LicenceExpiring");
        await ChooseManyAsync(admin, editor.GetByTestId("rule-roles"), language == "en" ? "PMO analysts" : "PMO担当");
        await PickPersonAsync(admin, editor, "Carol", "Carol Clark (carol)");
        await Field(editor, "filter-Severities").FillAsync("High, Critical");
        await editor.Locator("[data-channel='Email'] input").CheckAsync();
        var preview = admin.GetByTestId("rule-preview");
        await Expect(preview.GetByTestId("rule-events")).ToHaveTextAsync("LicenceExpiring");
        await Expect(preview.GetByTestId("rule-who")).ToContainTextAsync("Carol Clark");
        await Expect(preview.GetByTestId("rule-who")).ToContainTextAsync(language == "en" ? "PMO analysts" : "PMO担当");
        await Expect(preview.GetByTestId("rule-filters")).ToContainTextAsync("High, Critical");
        await visit.PageAsync(admin, "rule-editor");
        await admin.GetByTestId("save-rule").ClickAsync();
        await admin.WaitForURLAsync(new Regex("/admin/rules$"), Committed);

        var card = admin.Locator("[data-rule]").Filter(new() { HasText = name });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToHaveAttributeAsync("data-enabled", "true");
        var id = await card.GetAttributeAsync("data-rule");
        var saved = await (await fx.Http.GetAsync($"/api/notification-rules/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        saved.GetProperty("users").EnumerateArray().Select(u => u.GetString()).ShouldBe(["carol"]);
        saved.GetProperty("roles").EnumerateArray().Select(u => u.GetString()).ShouldBe(["pmo-analyst"]);
        saved.GetProperty("channels").EnumerateArray().Select(u => u.GetString()).ShouldBe(["Inbox", "Email"], ignoreOrder: true);
        saved.GetProperty("filters").GetProperty("severities").EnumerateArray().Select(u => u.GetString()).ShouldBe(["High", "Critical"]);

        // Disabled by its switch.
        await card.GetByTestId("rule-enabled").Locator("input").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-enabled", "false");
        (await (await fx.Http.GetAsync($"/api/notification-rules/{id}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("enabled").GetBoolean().ShouldBeFalse();
        await visit.PageAsync(admin, "rules-disabled");

        // Renamed in the editor, then deleted.
        await card.GetByTestId("edit-rule").ClickAsync();
        await admin.WaitForURLAsync(new Regex($"/admin/rules/{id}$"), Committed);
        await Expect(Field(admin.GetByTestId("rule-form"), "rule-name")).ToHaveValueAsync(name);
        await Expect(admin.GetByTestId("rule-users").Locator("[data-user='carol']")).ToBeVisibleAsync();
        await Expect(Field(admin.GetByTestId("rule-form"), "filter-Severities")).ToHaveValueAsync("High, Critical");
        await Field(admin.GetByTestId("rule-form"), "rule-name").FillAsync(name + " (renamed)");
        await admin.GetByTestId("save-rule").ClickAsync();
        await admin.WaitForURLAsync(new Regex("/admin/rules$"), Committed);
        await Expect(admin.Locator($"[data-rule='{id}'] .rule-name")).ToHaveTextAsync(name + " (renamed)");
        await admin.Locator($"[data-rule='{id}']").GetByTestId("edit-rule").ClickAsync();
        await admin.WaitForURLAsync(new Regex($"/admin/rules/{id}$"), Committed);
        await admin.GetByTestId("delete-rule").ClickAsync();
        await admin.GetByTestId("delete-rule").ClickAsync(); // confirm
        await admin.WaitForURLAsync(new Regex("/admin/rules$"), Committed);
        await Expect(admin.Locator("[data-rule]").First).ToBeVisibleAsync();
        await Expect(admin.Locator($"[data-rule='{id}']")).ToHaveCountAsync(0);
        (await fx.Http.GetAsync($"/api/notification-rules/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Admin_sets_business_hours_holidays_and_an_SLA_policy(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "admin-sla");
        var word = $"{language}{Guid.NewGuid():N}"[..10];
        // A category of its own, so that the new policy touches no other test's tickets.
        var categoryKey = $"sla-{word}";
        var categoryName = $"SLA test {word}";
        (await fx.Http.PostJsonAsync("/api/ticket-categories", new { key = categoryKey, name = categoryName })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var admin = await _sessions.SignInAsync("admin", text);
        await admin.GetByTestId("admin-integrations-nav").GetByRole(AriaRole.Link).Nth(2).ClickAsync();
        await admin.WaitForURLAsync(new Regex("/admin/sla$"), Committed);

        // A calendar: Monday to Friday 09:00-18:00, Saturday morning, one holiday; a bad time is refused beside its field.
        var calendarName = $"Tokyo office {word}";
        await admin.GetByTestId("new-calendar").ClickAsync();
        var form = admin.GetByTestId("calendar-form");
        await Field(form, "calendar-name").FillAsync(calendarName);
        await Field(form, "calendar-zone").FillAsync("Asia/Tokyo");
        var saturday = form.Locator("[data-period='5']");
        await ClickToAddAsync(form.GetByTestId("add-period"), saturday, form.Locator("[data-period]"));
        await ChooseAsync(admin, saturday.GetByTestId("period-day"), language == "en" ? "Saturday" : "土曜日");
        await Field(saturday, "period-end").FillAsync("25:00");
        await Field(form, "holiday-date").FillAsync("2027-01-01");
        await form.GetByTestId("add-holiday").ClickAsync();
        await Expect(form.GetByTestId("holidays")).ToContainTextAsync("2027-01-01");
        await form.GetByTestId("save-calendar").ClickAsync();
        await Expect(saturday.Locator(".mud-input-error").First).ToBeVisibleAsync();
        await Field(saturday, "period-end").FillAsync("12:00");
        await visit.PageAsync(admin, "calendar-form");
        await form.GetByTestId("save-calendar").ClickAsync();
        var card = admin.Locator($"[data-calendar='{calendarName}']");
        await Expect(card.GetByTestId("calendar-hours")).ToContainTextAsync("09:00–12:00");
        await Expect(card.GetByTestId("calendar-holidays")).ToHaveTextAsync("2027-01-01");

        // A policy for P2 tickets of the category, counted in that calendar.
        var policyName = $"P2 {word}";
        await admin.GetByTestId("new-policy").ClickAsync();
        var policy = admin.GetByTestId("policy-form");
        await Field(policy, "policy-name").FillAsync(policyName);
        await ChooseAsync(admin, policy.GetByTestId("policy-priority"), "P2");
        await ChooseAsync(admin, policy.GetByTestId("policy-category"), categoryName);
        await ChooseAsync(admin, policy.GetByTestId("policy-calendar"), calendarName);
        await Field(policy, "policy-first").FillAsync("30");
        await Field(policy, "policy-resolution").FillAsync("240");
        await admin.GetByTestId("save-policy").ClickAsync();
        var row = admin.Locator($"tr[data-policy='{policyName}']");
        await Expect(row).ToContainTextAsync(calendarName);
        await Expect(row).ToContainTextAsync(categoryKey);
        await visit.PageAsync(admin, "sla");

        var policies = await (await fx.Http.GetAsync("/api/sla-policies")).ReadJsonAsync(HttpStatusCode.OK);
        var saved = policies.EnumerateArray().Single(p => p.GetProperty("name").GetString() == policyName);
        saved.GetProperty("priority").GetString().ShouldBe("P2");
        saved.GetProperty("category").GetString().ShouldBe(categoryKey);
        saved.GetProperty("firstResponseMinutes").GetInt32().ShouldBe(30);
        saved.GetProperty("resolutionMinutes").GetInt32().ShouldBe(240);
        var calendars = await (await fx.Http.GetAsync("/api/calendars")).ReadJsonAsync(HttpStatusCode.OK);
        var calendar = calendars.EnumerateArray().Single(c => c.GetProperty("name").GetString() == calendarName);
        calendar.GetProperty("id").GetString().ShouldBe(saved.GetProperty("calendarId").GetString());
        calendar.GetProperty("workingPeriods").GetArrayLength().ShouldBe(6);
        calendar.GetProperty("holidays").EnumerateArray().Select(h => h.GetString()).ShouldBe(["2027-01-01"]);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Admin_sets_up_a_queue_with_its_agents_and_a_category_with_its_template(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "admin-desk");
        var word = $"{language}{Guid.NewGuid():N}"[..10];
        var queueKey = $"q-{word}";
        var queueName = $"Printers {word}";
        var admin = await _sessions.SignInAsync("admin", text);
        await admin.GetByTestId("admin-integrations-nav").GetByRole(AriaRole.Link).Nth(3).ClickAsync();
        await admin.WaitForURLAsync(new Regex("/admin/queues$"), Committed);

        // A queue: a key that is not kebab-case is refused beside its field; then made with the least-loaded rule.
        await admin.GetByTestId("new-queue").ClickAsync();
        var form = admin.GetByTestId("queue-form");
        await Field(form, "queue-key").FillAsync("Not A Key");
        await Field(form, "queue-name").FillAsync(queueName);
        await ChooseAsync(admin, form.GetByTestId("queue-rule"), language == "en" ? "Least loaded agent" : "負荷の最も少ない担当者");
        await admin.GetByTestId("save-queue").ClickAsync();
        await Expect(form.Locator(".mud-input-error").First).ToBeVisibleAsync();
        await Field(form, "queue-key").FillAsync(queueKey);
        await admin.GetByTestId("save-queue").ClickAsync();
        var card = admin.Locator($"[data-queue='{queueKey}']");
        await Expect(card.GetByTestId("queue-rule-text")).ToHaveTextAsync(language == "en" ? "Least loaded agent" : "負荷の最も少ない担当者");

        // bob joins it (picked by name), then is marked away; the queue as ticketing keeps it says the same.
        var picker = Field(card, "add-member-picker");
        for (var attempt = 1; ; attempt++)
        {
            await picker.FillAsync("Bob");
            await admin.GetByRole(AriaRole.Option, new() { Name = "Bob Brown (bob)" }).ClickAsync();
            try
            {
                await Expect(card.GetByTestId("add-member")).ToBeEnabledAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
        await card.GetByTestId("add-member").ClickAsync();
        var member = card.Locator("tr[data-member='bob']");
        await Expect(member).ToContainTextAsync("Bob Brown");
        await member.GetByTestId("member-available").Locator("input").ClickAsync();
        await Expect(member).ToContainTextAsync(language == "en" ? "Away" : "不在");
        await visit.PageAsync(admin, "queues");
        var saved = await Eventually.GetAsync(async () => await (await fx.Http.GetAsync($"/api/queues/{queueKey}")).ReadJsonAsync(HttpStatusCode.OK),
            q => q.GetProperty("members").GetArrayLength() == 1 && !q.GetProperty("members")[0].GetProperty("available").GetBoolean());
        saved.GetProperty("rule").GetString().ShouldBe("LeastLoaded");
        saved.GetProperty("members")[0].GetProperty("agent").GetString().ShouldBe("bob");

        // A category routed to that queue, with a template a new ticket starts from.
        var categoryKey = $"c-{word}";
        var categoryName = $"Laptop request {word}";
        var templateTitle = $"New laptop for … ({word})";
        await admin.GetByTestId("integrations-nav").GetByRole(AriaRole.Link).Nth(4).ClickAsync();
        await admin.WaitForURLAsync(new Regex("/admin/categories$"), Committed);
        await admin.GetByTestId("new-category").ClickAsync();
        var category = admin.GetByTestId("category-form");
        await Field(category, "category-key").FillAsync(categoryKey);
        await Field(category, "category-name").FillAsync(categoryName);
        await ChooseAsync(admin, category.GetByTestId("category-impact"), language == "en" ? "High" : "高");
        await ChooseAsync(admin, category.GetByTestId("category-queue"), queueName);
        await Field(category, "category-template-title").FillAsync(templateTitle);
        await Field(category, "category-template-description").FillAsync("Who is it for:\nStart date:");
        await visit.PageAsync(admin, "category-form");
        await admin.GetByTestId("save-category").ClickAsync();
        var row = admin.Locator($"tr[data-category='{categoryKey}']");
        await Expect(row).ToContainTextAsync(queueName);
        await Expect(row.GetByTestId("category-template")).ToHaveTextAsync(templateTitle);
        await visit.PageAsync(admin, "categories");
        var stored = await (await fx.Http.GetAsync($"/api/ticket-categories/{categoryKey}")).ReadJsonAsync(HttpStatusCode.OK);
        stored.GetProperty("defaultImpact").GetString().ShouldBe("High");
        stored.GetProperty("defaultQueue").GetString().ShouldBe(queueKey);
        stored.GetProperty("templateDescription").GetString().ShouldBe("Who is it for:\nStart date:");

        // A requester choosing it starts from the template.
        var alice = await _sessions.SignInAsync("alice", text);
        await alice.GotoAsync(fx.BaseUrl + "tickets/new");
        await ChooseAsync(alice, alice.GetByTestId("category"), categoryName);
        await Expect(Field(alice.Locator("body"), "title")).ToHaveValueAsync(templateTitle);

        // The admin deletes the category: it is gone from the list.
        await row.GetByTestId("delete-category").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        (await fx.Http.GetAsync($"/api/ticket-categories/{categoryKey}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Someone_who_is_not_an_admin_gets_not_found_for_the_admin_pages(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "admin-integrations-denied");
        var bob = await _sessions.SignInAsync("bob", text);
        await Expect(bob.GetByTestId("admin-integrations-nav")).ToHaveCountAsync(0);
        foreach (var path in new[] { "admin/webhooks", "admin/rules", "admin/rules/new", "admin/sla", "admin/queues", "admin/categories", $"admin/webhooks/{Guid.NewGuid()}" })
        {
            await bob.GotoAsync(fx.BaseUrl + path);
            await Expect(bob.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
            await Expect(bob.GetByTestId("subscriptions")).ToHaveCountAsync(0);
            await Expect(bob.GetByTestId("new-rule")).ToHaveCountAsync(0);
        }
        await visit.PageAsync(bob, "not-found");
    }

    private async Task<string> RaiseTicketAsync(string title)
    {
        var ticket = await (await fx.Http.PostJsonAsync("/api/tickets", new
        {
            title, description = "Raised for the webhook journey.", category = PortalFixture.CategoryKey, impact = "Low", urgency = "Low",
        })).ReadJsonAsync(HttpStatusCode.Created);
        return ticket.GetProperty("key").GetString()!;
    }

    /// <summary>Opens a multi-selection MudSelect, ticks the options, and closes it (Escape).</summary>
    private static async Task ChooseManyAsync(IPage page, ILocator select, params string[] options)
    {
        await select.ClickAsync();
        foreach (var option in options)
        {
            var item = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
            await item.ClickAsync();
            await Expect(item).ToHaveAttributeAsync("aria-selected", "true");
        }
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = options[0], Exact = true })).ToBeHiddenAsync();
    }

    /// <summary>The rule's people picker: types, chooses the option (again if the list was redrawn), until the person's chip shows.</summary>
    private static async Task PickPersonAsync(IPage page, ILocator editor, string typed, string option)
    {
        var picker = Field(editor, "rule-person-picker");
        for (var attempt = 1; ; attempt++)
        {
            await picker.FillAsync(typed);
            await page.GetByRole(AriaRole.Option, new() { Name = option }).ClickAsync();
            try
            {
                await Expect(editor.GetByTestId("rule-users")).ToContainTextAsync(option, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
