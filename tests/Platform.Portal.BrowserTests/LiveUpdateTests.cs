using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// Live updates, in English and in Japanese: bob (agent) has his home and the queue open, alice (requester) works in
/// another browser. What one does shows on the other's screen without a reload, within the 10 s the assertions
/// allow (the issue's target is 2 s; each delay is measured and printed): alice's new ticket in bob's queue, alice's
/// reply on bob's ticket page, bob's reply on alice's ticket page and her unread badge, a ticket raised through the
/// API in bob's home counts, a major incident declared through the API as the banner on bob's home.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class LiveUpdateTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(10);
    private readonly Sessions _sessions = new(fx, output, "live");
    private readonly List<string> _delays = [];

    static LiveUpdateTests() => SetDefaultExpectTimeout(30_000);

    private static LocatorAssertionsToBeVisibleOptions Soon => new() { Timeout = (float)Live.TotalMilliseconds };

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task What_one_person_does_shows_live_on_the_others_screen(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "live");
        var word = "Lv" + Guid.NewGuid().ToString("N")[..8];
        var title = $"Docking station flickers {word}";
        string? majorKey = null;
        var bobApi = await fx.ClientForAsync("bob");
        try
        {
            // bob's home: counts by status, his SLA risks (none yet), no major incident.
            var bob = await SignInAsync("bob", text);
            await Expect(bob.GetByTestId("status-counts")).ToBeVisibleAsync();
            await Expect(bob.GetByTestId("major-incident-banner")).ToHaveCountAsync(0);
            await visit.PageAsync(bob, "bob-home");

            // A ticket raised through the API (alice's own token) changes bob's count of new tickets, live.
            var newCount = bob.GetByTestId("count-New");
            var before = int.Parse((await newCount.GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);
            var alicesApi = await fx.ClientForAsync("alice");
            var clock = Stopwatch.StartNew();
            var raised = await alicesApi.PostAsJsonAsync("/api/tickets", new
            {
                title = $"Badge reader dead {word}", description = "The badge reader at door 2 stays dark.", category = PortalFixture.CategoryKey,
                impact = "High", urgency = "High",
            });
            raised.StatusCode.ShouldBe(HttpStatusCode.Created, await raised.Content.ReadAsStringAsync());
            await Expect(newCount).ToHaveAttributeAsync("data-count", (before + 1).ToString(CultureInfo.InvariantCulture),
                new() { Timeout = (float)Live.TotalMilliseconds });
            Measured("API call → bob's home count", clock.Elapsed);
            majorKey = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

            // A major incident declared through the API: the banner shows on bob's home, live.
            clock.Restart();
            (await bobApi.PostAsJsonAsync($"/api/tickets/{majorKey}/major-incident", new { reason = $"Every door of building 2 {word}" }))
                .EnsureSuccessStatusCode();
            var banner = bob.GetByTestId("major-incident-banner");
            await Expect(banner).ToBeVisibleAsync(Soon);
            await Expect(banner).ToContainTextAsync(majorKey);
            Measured("API call → bob's major-incident banner", clock.Elapsed);
            await visit.PageAsync(bob, "bob-home-major-incident");

            // bob opens the queue; alice, in another browser, raises a ticket: it appears in bob's queue.
            await bob.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = text.Queue }).ClickAsync();
            await Expect(bob.GetByTestId("tickets")).ToBeVisibleAsync();
            await Expect(bob.Locator($"tr[data-key='{majorKey}'] [data-testid='major-incident']")).ToBeVisibleAsync();
            var alice = await SignInAsync("alice", text);
            var badge = alice.GetByTestId("unread-badge");
            await Expect(badge).ToHaveAttributeAsync("data-unread", new Regex(@"^\d+$"));
            await alice.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = text.RaiseTicket }).ClickAsync();
            await alice.GetByTestId("category").ClickAsync();
            var hardware = alice.GetByRole(AriaRole.Option, new() { Name = "Hardware" });
            await hardware.ClickAsync();
            await Expect(hardware).ToBeHiddenAsync();
            await alice.GetByLabel(text.Title).FillAsync(title);
            await alice.GetByLabel(text.Description).FillAsync("The screen flickers whenever the laptop is docked.");
            var unread = await badge.GetAttributeAsync("data-unread");
            clock.Restart();
            await alice.GetByTestId("submit").ClickAsync();
            var row = bob.Locator("tr", new() { HasText = title });
            await Expect(row).ToBeVisibleAsync(Soon);
            Measured("alice's submit (browser) → row in bob's queue", clock.Elapsed);
            await alice.WaitForURLAsync(new Regex(@"/tickets/HD-\d+$"), Committed);
            var key = alice.Url[(alice.Url.LastIndexOf('/') + 1)..];
            await Expect(row).ToHaveAttributeAsync("data-key", key);
            await Expect(row.Locator("[data-status='New']")).ToBeVisibleAsync();
            await visit.PageAsync(bob, "bob-queue-new-ticket");

            // alice's inbox heard that her ticket was received: her badge counts it, live.
            await Expect(badge).Not.ToHaveAttributeAsync("data-unread", unread!, new() { Timeout = (float)Live.TotalMilliseconds });

            // bob opens the ticket; alice replies from her ticket page: the reply shows on bob's page.
            await row.GetByRole(AriaRole.Link, new() { Name = key }).ClickAsync();
            await Expect(bob.GetByTestId("ticket-title")).ToContainTextAsync(title);
            var aliceReply = $"It also flickers undocked {word}";
            await alice.GetByLabel(text.Message).FillAsync(aliceReply);
            clock.Restart();
            await alice.GetByTestId("send-comment").ClickAsync();
            await Expect(bob.Locator("[data-kind='Public']", new() { HasText = aliceReply })).ToBeVisibleAsync(Soon);
            Measured("alice's reply (browser) → bob's ticket page", clock.Elapsed);

            // bob replies: alice's page shows it and her badge counts the notice of it, live.
            unread = await badge.GetAttributeAsync("data-unread");
            var bobReply = $"Please try another cable {word}";
            await bob.GetByLabel(text.Message).FillAsync(bobReply);
            clock.Restart();
            await bob.GetByTestId("send-comment").ClickAsync();
            await Expect(alice.Locator("[data-kind='Public']", new() { HasText = bobReply })).ToBeVisibleAsync(Soon);
            Measured("bob's reply (browser) → alice's ticket page", clock.Elapsed);
            await Expect(badge).Not.ToHaveAttributeAsync("data-unread", unread!, new() { Timeout = (float)Live.TotalMilliseconds });
            Measured("bob's reply (browser) → alice's unread badge", clock.Elapsed);
            await visit.PageAsync(bob, "bob-ticket-live-reply");
            await visit.PageAsync(alice, "alice-ticket-live-reply");

            // A status change made through the API shows on alice's page too.
            clock.Restart();
            (await bobApi.PostAsJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" })).EnsureSuccessStatusCode();
            await Expect(alice.GetByTestId("assignee")).ToHaveTextAsync("Bob Brown", new() { Timeout = (float)Live.TotalMilliseconds });
            Measured("API assign → alice's ticket page", clock.Elapsed);

            foreach (var delay in _delays) output.WriteLine(delay);
        }
        finally
        {
            if (majorKey is not null)
                await bobApi.PostAsJsonAsync($"/api/tickets/{majorKey}/major-incident/stand-down", new { reason = "Test over" });
        }
    }

    /// <summary>The queue's views and filters: unassigned, breaching soon, and a filter that matches nothing.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task The_queue_has_views_and_filters(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "queue");
        var word = "Qv" + Guid.NewGuid().ToString("N")[..8];
        var alicesApi = await fx.ClientForAsync("alice");
        var p1 = await RaiseAsync(alicesApi, $"Core switch down {word}", "High", "High");
        var p4 = await RaiseAsync(alicesApi, $"Mouse pad worn {word}", "Low", "Low");

        var bob = await SignInAsync("bob", text);
        await bob.GotoAsync($"{fx.BaseUrl}queue");
        await Expect(bob.GetByTestId("tickets")).ToBeVisibleAsync();

        // Unassigned: both new tickets are there.
        await bob.Locator("[data-view='Unassigned']").ClickAsync();
        await Expect(bob.Locator("[data-view='Unassigned']")).ToHaveAttributeAsync("aria-pressed", "true");
        await ShowMoreUntilAsync(bob, bob.Locator($"tr[data-key='{p1}']"));
        await visit.PageAsync(bob, "bob-queue-unassigned");

        // Breaching soon: running SLA clocks, the soonest due first: the P1 (1 h) before the P4.
        await bob.Locator("[data-view='BreachingSoon']").ClickAsync();
        await Expect(bob.Locator("[data-view='BreachingSoon']")).ToHaveAttributeAsync("aria-pressed", "true");
        // Other tests' tickets with earlier deadlines may fill the first pages: "more" until this run's P1 shows.
        await ShowMoreUntilAsync(bob, bob.Locator($"tr[data-key='{p1}'] [data-sla]"));
        var keys = await bob.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)");
        if (keys.Contains(p4)) Array.IndexOf(keys, p1).ShouldBeLessThan(Array.IndexOf(keys, p4));
        await visit.PageAsync(bob, "bob-queue-breaching-soon");

        // My team's queues: the P1 is routed to a queue bob works in, the P4 to one he does not.
        var run = word.ToLowerInvariant();
        foreach (var (queue, ticket, members) in new[] { ($"bobs-{run}", p1, new[] { "bob" }), ($"others-{run}", p4, Array.Empty<string>()) })
        {
            (await fx.Http.PostAsJsonAsync("/api/queues", new { key = queue, name = $"Team {queue}", rule = "Manual" })).EnsureSuccessStatusCode();
            foreach (var member in members)
                (await fx.Http.PutAsJsonAsync($"/api/queues/{queue}/members/{member}", new { available = true })).EnsureSuccessStatusCode();
            (await fx.Http.PostAsJsonAsync($"/api/tickets/{ticket}/route", new { queue })).EnsureSuccessStatusCode();
        }
        await bob.Locator("[data-view='Team']").ClickAsync();
        await Expect(bob.Locator("[data-view='Team']")).ToHaveAttributeAsync("aria-pressed", "true");
        await bob.GetByLabel(text.Search).FillAsync(word);
        await bob.GetByTestId("search-button").ClickAsync();
        await Expect(bob.Locator($"tr[data-key='{p1}']")).ToBeVisibleAsync();
        await Expect(bob.Locator("tbody tr")).ToHaveCountAsync(1);
        await visit.PageAsync(bob, "bob-queue-team");

        // Back to all, a search for this run's word with priority P1: only the P1.
        await bob.Locator("[data-view='All']").ClickAsync();
        await bob.GetByTestId("priority-filter").ClickAsync();
        var option = bob.GetByRole(AriaRole.Option, new() { Name = "P1", Exact = true });
        await option.ClickAsync();
        await Expect(option).ToBeHiddenAsync();
        await bob.GetByLabel(text.Search).FillAsync(word);
        await bob.GetByTestId("search-button").ClickAsync();
        await Expect(bob.Locator($"tr[data-key='{p1}']")).ToBeVisibleAsync();
        await Expect(bob.Locator("tbody tr")).ToHaveCountAsync(1);
        await visit.PageAsync(bob, "bob-queue-filtered");
    }

    /// <summary>Presses the queue's "more" (keyset paging) until <paramref name="row"/> shows, or fails after 30 s.</summary>
    private static async Task ShowMoreUntilAsync(IPage page, ILocator row)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await Expect(row).ToBeVisibleAsync(new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                var more = page.GetByTestId("more");
                if (await more.CountAsync() > 0) await more.ClickAsync();
            }
        }
    }

    private static async Task<string> RaiseAsync(HttpClient api, string title, string impact, string urgency)
    {
        var response = await api.PostAsJsonAsync("/api/tickets", new
        {
            title, description = "Raised for the queue views.", category = PortalFixture.CategoryKey, impact, urgency,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private void Measured(string what, TimeSpan delay)
    {
        var line = $"live delay: {what}: {delay.TotalMilliseconds:F0} ms (target ≤ 2000 ms)";
        _delays.Add(line);
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private Task<IPage> SignInAsync(string user, Texts text) => _sessions.SignInAsync(user, text);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
