using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The notifications inbox and preferences, and the admin's people, in English and in Japanese (screenshots inbox-NN-…
/// and people-NN-…, each page checked with axe).
/// Inbox: alice opens her inbox from the badge and marks everything read; a ticket she raises through the API makes
/// notifications' built-in rule put an item in her inbox, which appears without a reload while the badge rises; marking
/// it read lowers the badge; opening it goes to the ticket's page. Her preferences (digest, quiet hours, time zone, an
/// empty e-mail address) are saved and read back after a reload.
/// People: the admin creates a person with a role, changes the role, sees on the offboarding list an asset that dave
/// assigned to them through the API, and deactivates them; bob (an agent) gets the not-found page for /admin/people.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class InboxAndPeopleJourneyTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "inbox-people");

    static InboxAndPeopleJourneyTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_notification_arrives_live_in_the_inbox_and_preferences_are_kept(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "inbox");
        var alice = await _sessions.SignInAsync("alice", text);
        var badge = alice.GetByTestId("unread-badge");

        // The badge opens the inbox; she marks everything read and the badge shows none.
        await alice.GetByTestId("inbox-link").ClickAsync();
        await alice.WaitForURLAsync(new Regex("/inbox$"), Committed);
        await Expect(alice.GetByTestId("inbox-unread")).ToBeVisibleAsync();
        // The page shows 0 unread until it has read the inbox: mark all read once it (or the badge) shows some.
        var markAll = alice.GetByTestId("mark-all-read");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await badge.GetAttributeAsync("data-unread") != "0" && DateTime.UtcNow < deadline)
        {
            if (await markAll.IsEnabledAsync()) await markAll.ClickAsync();
            await Task.Delay(200);
        }
        await Expect(badge).ToHaveAttributeAsync("data-unread", "0");
        await Expect(alice.GetByTestId("inbox-unread")).ToHaveAttributeAsync("data-unread", "0");

        // A ticket she raises through the API: the built-in rule tells her it was received, in her open inbox, live.
        var word = "Ib" + Guid.NewGuid().ToString("N")[..6];
        var aliceApi = await fx.ClientForAsync("alice");
        var ticket = await (await aliceApi.PostJsonAsync("/api/tickets", new
        {
            title = $"Printer jams {word}", description = "Every second page.", category = PortalFixture.CategoryKey, impact = "Low", urgency = "Low",
        })).ReadJsonAsync(HttpStatusCode.Created);
        var key = ticket.Str("key");
        var item = alice.Locator($"[data-item][data-subject='{key}']");
        await Expect(item).ToHaveAttributeAsync("data-read", "false");
        await Expect(item.GetByTestId("unread-mark")).ToBeVisibleAsync();
        await Expect(badge).Not.ToHaveAttributeAsync("data-unread", "0");
        await visit.PageAsync(alice, "inbox-new-item");

        // Unread only keeps it; marking it read lowers the badge (and the unread filter no longer shows it).
        await alice.GetByTestId("unread-only").Locator("input").CheckAsync();
        await Expect(item).ToHaveCountAsync(1);
        await item.GetByTestId("mark-read").ClickAsync();
        await Expect(badge).ToHaveAttributeAsync("data-unread", "0");
        await Expect(alice.Locator($"[data-item][data-subject='{key}']")).ToHaveCountAsync(0);
        await alice.GetByTestId("unread-only").Locator("input").UncheckAsync();
        await Expect(item).ToHaveAttributeAsync("data-read", "true");
        await Expect(item.GetByTestId("read-mark")).ToBeVisibleAsync();
        await visit.PageAsync(alice, "inbox-read");

        // Opening it goes to the ticket's page.
        await item.GetByTestId("open-item").ClickAsync();
        await alice.WaitForURLAsync(new Regex($"/tickets/{key}$"), Committed);

        // Preferences: flip the digest, quiet hours in a time zone, no e-mail address of her own; saved, read back after a reload.
        await alice.GotoAsync($"{fx.BaseUrl}inbox/preferences");
        var digest = alice.GetByTestId("pref-digest").Locator("input");
        await Expect(digest).ToBeAttachedAsync();
        var wasDigest = await digest.IsCheckedAsync();
        await digest.SetCheckedAsync(!wasDigest);
        await Expect(digest).ToBeCheckedAsync(new() { Checked = !wasDigest });
        var (from, to, zone) = language == "en" ? ("22:00", "07:00", "Europe/London") : ("21:30", "06:30", "Asia/Tokyo");
        await Field(alice.Locator("body"), "pref-address").FillAsync("");
        await Field(alice.Locator("body"), "pref-quiet-from").FillAsync(from);
        await Field(alice.Locator("body"), "pref-quiet-to").FillAsync(to);
        var zoneBox = Field(alice.Locator("body"), "pref-time-zone");
        for (var attempt = 1; ; attempt++)
        {
            await zoneBox.FillAsync(zone);
            await alice.GetByRole(AriaRole.Option, new() { Name = zone, Exact = true }).ClickAsync();
            try
            {
                await Expect(zoneBox).ToHaveValueAsync(zone, new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
        await alice.GetByTestId("save-preferences").ClickAsync();
        await Expect(alice.GetByTestId("preferences-state")).Not.ToBeEmptyAsync();
        await visit.PageAsync(alice, "preferences");

        await alice.ReloadAsync();
        await Expect(Field(alice.Locator("body"), "pref-quiet-from")).ToHaveValueAsync(from);
        await Expect(Field(alice.Locator("body"), "pref-quiet-to")).ToHaveValueAsync(to);
        await Expect(Field(alice.Locator("body"), "pref-time-zone")).ToHaveValueAsync(zone);
        await Expect(alice.GetByTestId("pref-digest").Locator("input")).ToBeCheckedAsync(new() { Checked = !wasDigest });
        await Expect(Field(alice.Locator("body"), "pref-address")).ToHaveValueAsync("");
        var saved = await (await aliceApi.GetAsync("/api/notification-preferences")).ReadJsonAsync(HttpStatusCode.OK);
        saved.Str("timeZone").ShouldBe(zone);
        saved.Str("quietFrom").ShouldBe(from);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Admin_creates_a_person_changes_the_role_and_offboards_them(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "people");
        var word = "lv" + Guid.NewGuid().ToString("N")[..6];
        var name = $"Lee Leaver {word}";
        var (agent, pso) = language == "en" ? ("Agent", "PSO staff") : ("ヘルプデスク担当者", "PSO担当");

        // The admin's People page: the directory, and a new person with the agent role.
        var admin = await _sessions.SignInAsync("admin", text);
        await admin.GetByTestId("admin-integrations-nav").GetByRole(AriaRole.Link).Last.ClickAsync();
        await admin.WaitForURLAsync(new Regex("/admin/people$"), Committed);
        await Expect(admin.GetByTestId("people").Locator("tr[data-person='alice']")).ToBeVisibleAsync();
        await visit.PageAsync(admin, "people");
        await Field(admin.Locator("body"), "person-username").FillAsync(word);
        await Field(admin.Locator("body"), "person-name").FillAsync(name);
        await Field(admin.Locator("body"), "person-email").FillAsync($"{word}@example.test");
        await Field(admin.Locator("body"), "person-department").FillAsync("Facilities");
        await admin.GetByTestId("new-person").Locator("[data-role='agent'] input").CheckAsync();
        await admin.GetByTestId("create-person").ClickAsync();

        // The person's page: roles, provisioning, the offboarding list.
        await admin.WaitForURLAsync(new Regex("/admin/people/[^/]+$"), Committed);
        await Expect(admin.GetByTestId("person-heading")).ToContainTextAsync(name);
        await Expect(admin.GetByTestId("current-roles")).ToContainTextAsync(agent);
        await Expect(admin.GetByTestId("person-state")).ToHaveAttributeAsync("data-active", "true");
        await Expect(admin.GetByTestId("external-id")).ToHaveTextAsync("—");
        var id = Regex.Match(admin.Url, "/admin/people/([^/?#]+)").Groups[1].Value;
        id = Uri.UnescapeDataString(id);

        // The role changes from agent to PSO staff.
        await admin.GetByTestId("person-roles").Locator("[data-role='agent'] input").UncheckAsync();
        await admin.GetByTestId("person-roles").Locator("[data-role='pso-staff'] input").CheckAsync();
        await admin.GetByTestId("save-roles").ClickAsync();
        await Expect(admin.GetByTestId("current-roles")).ToContainTextAsync(pso);
        await Expect(admin.GetByTestId("current-roles")).Not.ToContainTextAsync(agent);
        var user = await (await fx.Http.GetAsync($"/api/users/{Uri.EscapeDataString(id)}")).ReadJsonAsync(HttpStatusCode.OK);
        user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldContain("pso-staff");
        user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldNotContain("agent");

        // dave (PSO) assigns a laptop to them through the API (once the assets service has heard of the person).
        var dave = await fx.ClientForAsync("dave");
        JsonElement asset = default;
        await Until(async () =>
        {
            var created = await dave.PostJsonAsync("/api/assets", new { kind = "Laptop", model = $"ThinkPad {word}", status = "Assigned", assignedTo = id });
            if (created.StatusCode != HttpStatusCode.Created) return false;
            asset = await created.ReadJsonAsync();
            return true;
        }, "assigning an asset to the new person");
        var tag = asset.Str("tag");
        await admin.ReloadAsync();
        await Expect(admin.GetByTestId("held-assets").Locator($"li[data-asset='{tag}']")).ToContainTextAsync($"ThinkPad {word}");
        await Expect(admin.GetByTestId("provisioning-source")).Not.ToBeEmptyAsync();
        await visit.PageAsync(admin, "person");

        // Deactivated: inactive here and in the directory.
        await admin.GetByTestId("deactivate").ClickAsync();
        await Expect(admin.GetByTestId("person-state")).ToHaveAttributeAsync("data-active", "false");
        await Expect(admin.GetByTestId("reactivate")).ToBeVisibleAsync();
        await visit.PageAsync(admin, "person-deactivated");
        await admin.GotoAsync($"{fx.BaseUrl}admin/people");
        await Field(admin.Locator("body"), "people-search").FillAsync(word);
        await admin.GetByTestId("people-search-button").ClickAsync();
        await Expect(admin.Locator($"tr[data-person='{id}']")).ToHaveAttributeAsync("data-active", "false");

        // Reactivated from their page: active again in the directory.
        await admin.Locator($"tr[data-person='{id}']").GetByRole(AriaRole.Link).First.ClickAsync();
        await admin.WaitForURLAsync(new Regex($"/admin/people/{Regex.Escape(id)}$"), Committed);
        await admin.GetByTestId("reactivate").ClickAsync();
        await Expect(admin.GetByTestId("person-state")).ToHaveAttributeAsync("data-active", "true");
        await Expect(admin.GetByTestId("deactivate")).ToBeVisibleAsync();

        // bob, an agent: no People page for him.
        var bob = await _sessions.SignInAsync("bob", text);
        await bob.GotoAsync($"{fx.BaseUrl}admin/people");
        await Expect(bob.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        await bob.GotoAsync($"{fx.BaseUrl}admin/people/{Uri.EscapeDataString(id)}");
        await Expect(bob.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        (await bob.ContentAsync()).ShouldNotContain(name);
        await visit.PageAsync(bob, "not-found");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
