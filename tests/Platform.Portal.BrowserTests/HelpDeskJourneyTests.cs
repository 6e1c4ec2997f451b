using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The help desk in the browser, per role, in English and in Japanese (the browser's language picks the portal's):
/// alice raises a ticket and finds it in her tickets; bob finds it in the queue, adds an internal note, assigns it,
/// starts work and replies; alice sees the reply but never the note; erin, another requester, gets "not found" for
/// alice's ticket; alice signs out. Every page is screenshotted and checked with axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class HelpDeskJourneyTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "journey");

    static HelpDeskJourneyTests() => SetDefaultExpectTimeout(30_000); // a busy 2-core machine starts circuits slowly

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Requester_and_agent_work_a_ticket(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output);
        var word = "Zq" + Guid.NewGuid().ToString("N")[..8]; // a word only this run's ticket has, for the search
        var title = $"Printer on floor 3 jams {word}";

        // alice, a requester, signs in through identity's own sign-in form (through the gateway).
        var alice = await SignInAsync("alice", text, visit);
        await Expect(alice.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("alice", new() { IgnoreCase = true });
        await visit.PageAsync(alice, "alice-home");

        // She raises a ticket. Submitting it empty shows the API's validation problem beside the field.
        await alice.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = text.RaiseTicket }).ClickAsync();
        await Expect(alice.GetByRole(AriaRole.Heading, new() { Level = 1, Name = text.RaiseTicket })).ToBeVisibleAsync();
        await alice.GetByTestId("submit").ClickAsync();
        await Expect(alice.Locator(".mud-input-error").First).ToBeVisibleAsync();
        await visit.PageAsync(alice, "alice-new-ticket-errors");

        await alice.GetByTestId("category").ClickAsync();
        var hardware = alice.GetByRole(AriaRole.Option, new() { Name = "Hardware" });
        await hardware.ClickAsync();
        await Expect(hardware).ToBeHiddenAsync(); // the list closes once the portal has taken the choice
        await alice.GetByLabel(text.Title).FillAsync(title);
        await alice.GetByLabel(text.Description).FillAsync("It jams on every second page since this morning.");
        await alice.GetByTestId("submit").ClickAsync();
        await alice.WaitForURLAsync(new Regex(@"/tickets/HD-\d+$"), Committed);
        var key = alice.Url[(alice.Url.LastIndexOf('/') + 1)..];
        await Expect(alice.GetByTestId("ticket-title")).ToContainTextAsync(title);
        await visit.PageAsync(alice, "alice-ticket-raised");

        // It is in her tickets, with its status.
        await alice.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = text.MyTickets }).ClickAsync();
        var mine = alice.Locator($"tr[data-key='{key}']");
        await Expect(mine).ToBeVisibleAsync();
        await Expect(mine.Locator("[data-status='New']")).ToBeVisibleAsync();
        await visit.PageAsync(alice, "alice-my-tickets");

        // bob, an agent, finds it in the queue by a word of its title.
        var bob = await SignInAsync("bob", text, visit);
        await bob.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = text.Queue }).ClickAsync();
        await Expect(bob.GetByTestId("tickets")).ToBeVisibleAsync();
        await visit.PageAsync(bob, "bob-queue");
        await bob.GetByLabel(text.Search).FillAsync(word);
        await bob.GetByTestId("search-button").ClickAsync();
        var row = bob.Locator($"tr[data-key='{key}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(bob.Locator("tbody tr")).ToHaveCountAsync(1);
        await visit.PageAsync(bob, "bob-queue-search");

        // He opens it and adds an internal note.
        await row.GetByRole(AriaRole.Link, new() { Name = key }).ClickAsync();
        await Expect(bob.GetByTestId("ticket-title")).ToContainTextAsync(title);
        await bob.GetByLabel(text.InternalSwitch).CheckAsync();
        await Expect(bob.GetByTestId("send-comment")).ToHaveAttributeAsync("data-internal", "true"); // the portal has it
        var note = $"Internal: the fuser unit is worn, replacement ordered {word}";
        await bob.GetByLabel(text.Message).FillAsync(note);
        await bob.GetByTestId("send-comment").ClickAsync();
        var internalNote = bob.Locator("[data-kind='Internal']");
        await Expect(internalNote).ToContainTextAsync(note);
        await Expect(internalNote).ToContainTextAsync(text.InternalNote);

        // He assigns it with the people picker (by name, never an id) and starts work.
        var picker = bob.GetByLabel(text.Assignee, new() { Exact = true });
        await PickAsync(bob, picker, "Bob", "Bob Brown (bob)");
        await bob.GetByTestId("assign").ClickAsync();
        await Expect(bob.GetByTestId("assignee")).ToHaveTextAsync("Bob Brown"); // by name from the people directory
        await bob.Locator("[data-action='Start']").ClickAsync();
        await Expect(bob.GetByTestId("ticket-status").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "InProgress");

        // And replies to alice.
        var reply = $"We are replacing the fuser today {word}";
        await bob.GetByLabel(text.Message).FillAsync(reply);
        await bob.GetByTestId("send-comment").ClickAsync();
        await Expect(bob.Locator("[data-kind='Public']")).ToContainTextAsync(reply);
        await visit.PageAsync(bob, "bob-ticket-worked");

        // alice sees the reply, never the internal note.
        await alice.GotoAsync($"{fx.BaseUrl}tickets/{key}");
        await Expect(alice.Locator("[data-kind='Public']")).ToContainTextAsync(reply);
        await Expect(alice.GetByTestId("assignee")).ToHaveTextAsync("Bob Brown");
        await Expect(alice.Locator("[data-kind='Internal']")).ToHaveCountAsync(0);
        (await alice.ContentAsync()).ShouldNotContain(note);
        await Expect(alice.GetByLabel(text.InternalSwitch)).ToHaveCountAsync(0);
        await visit.PageAsync(alice, "alice-ticket-answered");

        // erin, another requester, opening alice's ticket gets "not found".
        var erin = await SignInAsync("erin", text, visit, screenshot: false);
        await erin.GotoAsync($"{fx.BaseUrl}tickets/{key}");
        await Expect(erin.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        (await erin.ContentAsync()).ShouldNotContain(title);
        await visit.PageAsync(erin, "erin-not-found");
        // ...and the agents' queue, loaded directly, is "not found" for her too (the portal's page, not an access-denied redirect).
        await erin.GotoAsync($"{fx.BaseUrl}queue");
        await Expect(erin.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        await Expect(erin.GetByTestId("signed-in-as")).ToBeVisibleAsync();

        // alice signs out: the portal's session and identity's end; "/" asks her to sign in again.
        await alice.GetByRole(AriaRole.Button, new() { Name = text.SignOut }).ClickAsync();
        await alice.WaitForURLAsync(new Regex("/account/login"), Committed);
        await Expect(alice.Locator("input[name='userName']")).ToBeVisibleAsync();
        await alice.GotoAsync(fx.BaseUrl);
        await alice.WaitForURLAsync(new Regex("/account/login"), Committed);

        // The access tokens were refreshed on the way (the fixture makes them "expiring" after two seconds).
        fx.PortalLog().ShouldContain("Refreshed the access token of a session");
    }

    /// <summary>
    /// The portal killed (SIGKILL) and started again: the signed-in person stays signed in (the cookie is readable
    /// with the key ring on disk, the session's tokens are still there) and the page works again without a new sign-in.
    /// </summary>
    [Fact]
    public async Task A_restarted_portal_keeps_people_signed_in()
    {
        var text = Texts.For("en");
        var alice = await SignInAsync("alice", text, new Visit("en", output), screenshot: false);
        await alice.GotoAsync($"{fx.BaseUrl}tickets");
        await Expect(alice.GetByRole(AriaRole.Heading, new() { Level = 1, Name = text.MyTickets })).ToBeVisibleAsync();

        fx.Portal.Kill();
        fx.Portal.Start();
        await fx.Portal.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        await alice.GotoAsync($"{fx.BaseUrl}tickets");
        await Expect(alice.GetByRole(AriaRole.Heading, new() { Level = 1, Name = text.MyTickets })).ToBeVisibleAsync();
        alice.Url.ShouldNotContain("/account/login");
        await Expect(alice.GetByTestId("signed-in-as")).ToHaveTextAsync("alice");
        // Its calls still carry alice's token: her list loads (a table, or "none yet"), with no problem shown.
        await Expect(alice.Locator("[data-testid='tickets'], [data-testid='no-tickets']").First).ToBeVisibleAsync();
        await Expect(alice.GetByTestId("problem")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// A session whose tokens are gone (ended elsewhere, refresh refused) says so on the next call, and "sign in again"
    /// goes through identity (still signed in there) back to the page, with a new session.
    /// </summary>
    [Fact]
    public async Task An_ended_session_says_so_and_signs_in_again()
    {
        var text = Texts.For("en");
        var alice = await SignInAsync("alice", text, new Visit("en", output), screenshot: false);
        foreach (var session in Directory.GetFiles(Path.Combine(fx.DataDirectory, "sessions"), "*.session")) File.Delete(session);

        await alice.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = text.MyTickets }).ClickAsync(); // in the circuit
        await Expect(alice.GetByTestId("problem")).ToContainTextAsync("Your session has ended");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Sign in again" }).ClickAsync();
        await alice.WaitForURLAsync($"{fx.BaseUrl}tickets", Committed);
        await Expect(alice.Locator("[data-testid='tickets'], [data-testid='no-tickets']").First).ToBeVisibleAsync();
        await Expect(alice.GetByTestId("problem")).ToHaveCountAsync(0);
    }

    /// <summary>The requester's pages at a phone's width: nothing wider than the screen, still accessible.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Pages_fit_a_phone(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "phone");
        var page = await SignInAsync("erin", text, visit, screenshot: false, viewport: new ViewportSize { Width = 390, Height = 844 });
        foreach (var (path, name) in new[] { ("", "erin-home"), ("tickets/new", "erin-new-ticket"), ("tickets", "erin-my-tickets") })
        {
            await page.GotoAsync(fx.BaseUrl + path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await ExpectFitsWidthAsync(page, path);
            await visit.PageAsync(page, name);
        }
    }

    private Task<IPage> SignInAsync(string user, Texts text, Visit visit, bool screenshot = true, ViewportSize? viewport = null) =>
        _sessions.SignInAsync(user, text, viewport,
            screenshot && user == "alice" ? page => visit.PageAsync(page, "identity-sign-in") : null);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
