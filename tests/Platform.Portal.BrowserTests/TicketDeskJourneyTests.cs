using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// Issue 17's requester self-service and the agent's ticket page, in English and Japanese: alice is shown a public
/// article while typing her title, has a refused file explained, raises the ticket with a picture and replies; bob sees
/// the picture (and downloads the same bytes through the portal), changes the priority, promotes the ticket to a project
/// and sees the linked issue; the issue is resolved through the API and the ticket shows resolved; alice rates it. The
/// knowledge base: bob writes an article with Markdown (raw HTML and a script link stay harmless), alice searches and
/// reads it. Every page is screenshotted and checked with axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TicketDeskJourneyTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>A 96×64 chequered PNG: something to see in the preview.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAGAAAABACAIAAABqVuVZAAAAhUlEQVR42u3asQ0AIAgEQDoncET31MlkBkrxkq8/4coPMdcu5Z5Ryuv9AQgQIECAAAECBAgQIECAAAEC1Azot4Or/YAAAQIECBAgQIAAAQIECBAgQN2ADGYWRUCAAAECBAgQIECAAAECBAiQ/yCDmUURECBAgAABAgQIECBAgAABAtQWKAG1zw4d1aihewAAAABJRU5ErkJggg==");

    private readonly Sessions _sessions = new(fx, output, "desk");

    static TicketDeskJourneyTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Requester_raises_with_a_file_after_an_article_and_the_agent_promotes_it(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "desk");
        var word = "Qx" + Guid.NewGuid().ToString("N")[..8];
        var (projectKey, projectName) = await ProjectWithBobAsync(word);
        var articleTitle = $"Toner smudges: {word} fix";
        await PublicArticleAsync(articleTitle, word);

        // alice types her title: the public article that may answer it is suggested, with a link.
        var alice = await SignInAsync("alice", text);
        await alice.GotoAsync($"{fx.BaseUrl}tickets/new");
        await alice.GetByTestId("category").ClickAsync();
        var hardware = alice.GetByRole(AriaRole.Option, new() { Name = "Hardware" });
        await hardware.ClickAsync();
        await Expect(hardware).ToBeHiddenAsync();
        await alice.GetByLabel(text.Title).PressSequentiallyAsync($"Printer {word} smudges");
        var suggestion = alice.GetByTestId("suggestion").Filter(new() { HasText = articleTitle });
        await Expect(suggestion).ToBeVisibleAsync();
        await Expect(suggestion.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex(@"^kb/[0-9a-f-]{36}$"));
        await alice.GetByLabel(text.Description).FillAsync("The article did not help: every page has a grey stripe.");

        // A file the help desk does not accept is refused before it travels, saying why; a picture is taken.
        var files = alice.GetByTestId("new-ticket-files");
        await files.SetInputFilesAsync(new FilePayload { Name = "tool.exe", MimeType = "application/x-msdownload", Buffer = [0x4d, 0x5a, 0x90, 0] });
        await Expect(alice.GetByTestId("attachment-problem")).ToContainTextAsync("tool.exe");
        await visit.PageAsync(alice, "alice-new-ticket-suggested");
        await files.SetInputFilesAsync(new FilePayload { Name = "stripe.png", MimeType = "image/png", Buffer = Png });
        await Expect(alice.GetByTestId("picked-file")).ToContainTextAsync("stripe.png");
        await Expect(alice.GetByTestId("attachment-problem")).ToHaveCountAsync(0);
        await alice.GetByTestId("submit").ClickAsync();
        await alice.WaitForURLAsync(new Regex(@"/tickets/HD-\d+$"), Committed);
        var key = alice.Url[(alice.Url.LastIndexOf('/') + 1)..];
        var preview = alice.GetByTestId("attachment-preview");
        await Expect(preview).ToBeVisibleAsync();
        await alice.WaitForFunctionAsync("() => { const i = document.querySelector(\"[data-testid='attachment-preview']\"); return i && i.complete && i.naturalWidth === 96; }");

        // She replies.
        var reply = $"It also happens on the second tray {word}";
        await alice.GetByLabel(text.Message).FillAsync(reply);
        await alice.GetByTestId("send-comment").ClickAsync();
        await Expect(alice.Locator("[data-kind='Public']")).ToContainTextAsync(reply);
        await visit.PageAsync(alice, "alice-ticket-with-file");

        // bob sees the picture; its download through the portal (his session, his token) is the same bytes.
        var bob = await SignInAsync("bob", text);
        await bob.GotoAsync($"{fx.BaseUrl}tickets/{key}");
        await Expect(bob.GetByTestId("ticket-title")).ToContainTextAsync(word);
        var download = bob.GetByTestId("attachment-download").Filter(new() { HasText = "stripe.png" });
        await Expect(download).ToBeVisibleAsync();
        var href = (await download.GetAttributeAsync("href")).ShouldNotBeNull();
        var file = await bob.Context.APIRequest.GetAsync(fx.BaseUrl + href);
        file.Status.ShouldBe(200);
        (await file.BodyAsync()).ShouldBe(Png);
        file.Headers["x-content-type-options"].ShouldBe("nosniff");
        (await alice.Context.APIRequest.GetAsync(fx.BaseUrl + href.Replace(href[^36..], Guid.NewGuid().ToString()))).Status.ShouldBe(404);
        await Expect(bob.GetByTestId("sla-first-response")).ToBeVisibleAsync();
        await Expect(bob.GetByTestId("history-entry").First).ToBeVisibleAsync();

        // He changes the priority: impact and urgency high make P1.
        var high = language == "ja" ? "高" : "High";
        await ChooseAsync(bob, "change-impact", high);
        await ChooseAsync(bob, "change-urgency", high);
        await bob.GetByTestId("change-priority").ClickAsync();
        await Expect(bob.GetByTestId("ticket-priority")).ToHaveTextAsync("P1");
        await Expect(bob.Locator("[data-kind='System']").Last).ToContainTextAsync("→ P1");
        // System comments are worded in the reader's language from ticketing's code and values, not its English.
        await Expect(bob.Locator("[data-kind='System']").Last).ToContainTextAsync(
            new System.Text.RegularExpressions.Regex(language == "ja" ? "影響度 高、緊急度 高: 優先度 P[2-4] → P1" : "Impact High, urgency High: priority P[2-4] → P1"));
        // The history in the reader's words: actions and field names from the portal's resources, not ticketing's property names.
        await Expect(bob.GetByTestId("history")).ToContainTextAsync(language == "ja" ? "作成" : "Created");
        await Expect(bob.GetByTestId("history")).ToContainTextAsync(
            new System.Text.RegularExpressions.Regex(language == "ja" ? "優先度: P[2-4] → P1" : "Priority: P[2-4] → P1"));
        await visit.PageAsync(bob, "bob-ticket-page");

        // He promotes it to the project (picked by name) and, once projects has opened the issue, sees its key and status.
        await ChooseAsync(bob, "project-picker", $"{projectKey} · {projectName}");
        await bob.GetByTestId("promote").ClickAsync();
        await Expect(bob.GetByTestId("project-key")).ToHaveTextAsync(projectKey);
        // Live: projects opens the issue and ticketing links it; the page shows it without a reload.
        await Expect(bob.GetByTestId("issue-key").GetByRole(AriaRole.Link)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var issueKey = (await bob.GetByTestId("issue-key").InnerTextAsync()).Trim();
        issueKey.ShouldMatch(@"^ISS-\d+$");
        await Expect(bob.Locator("[data-kind='System']").Filter(new() { HasText = issueKey }).Last).ToContainTextAsync(language == "ja"
            ? $"プロジェクト {projectKey} がこのチケットの課題 {issueKey} を起票しました。"
            : $"Project {projectKey} opened issue {issueKey} for this ticket.");
        await Expect(bob.Locator("[data-kind='System']").Filter(new() { HasText = projectKey }).First).ToContainTextAsync(language == "ja"
            ? $"さんがチケットをプロジェクト {projectKey} へ移管しました。" : $"promoted the ticket to project {projectKey}.");
        await Expect(bob.GetByTestId("issue-status")).ToHaveAttributeAsync("data-status", "Open");
        await Expect(bob.GetByTestId("ticket-status").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "WithProject");
        await visit.PageAsync(bob, "bob-ticket-promoted");
        await bob.GetByTestId("issue-key").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(bob.GetByTestId("issue-title")).ToContainTextAsync(issueKey);
        await visit.PageAsync(bob, "bob-project-issue");

        // The project resolves the issue (through the API, as the PMO would): the ticket follows.
        var ticket = await fx.Http.GetFromJsonAsync<JsonElement>($"/api/tickets/{key}");
        var issueHref = ticket.GetProperty("project").GetProperty("href").GetString()!;
        await bob.GotoAsync($"{fx.BaseUrl}tickets/{key}");
        await Expect(bob.GetByTestId("ticket-status").Locator("[data-status='WithProject']")).ToBeVisibleAsync();
        // Live again: the ticket follows its issue to Resolved while bob looks at it, no reload.
        var resolved = await fx.Http.PostAsJsonAsync($"{issueHref}/transitions", new { action = "Resolve", note = $"New drum unit {word}" });
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync());
        await Expect(bob.GetByTestId("ticket-status").Locator("[data-status='Resolved']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(bob.GetByTestId("issue-status")).ToHaveAttributeAsync("data-status", "Resolved");

        // alice rates the resolution (only she is offered it).
        await Expect(bob.GetByTestId("rate-form")).ToHaveCountAsync(0);
        await alice.GotoAsync($"{fx.BaseUrl}tickets/{key}");
        await Expect(alice.GetByTestId("rate-form")).ToBeVisibleAsync();
        await Expect(alice.Locator("[data-action]")).ToHaveCountAsync(2); // close and reopen: what a requester may do now
        await alice.GetByTestId("star-4").ClickAsync();
        await alice.GetByTestId("rate-comment").FillAsync("Quick, thank you");
        await alice.GetByTestId("rate").ClickAsync();
        await Expect(alice.GetByTestId("rating")).ToBeVisibleAsync();
        await Expect(alice.GetByTestId("rating").Locator("[data-value='4']")).ToHaveCountAsync(1);
        await visit.PageAsync(alice, "alice-ticket-rated");
        (await fx.Http.GetFromJsonAsync<JsonElement>($"/api/tickets/{key}")).GetProperty("satisfaction").GetProperty("rating").GetInt32().ShouldBe(4);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Agents_write_articles_and_requesters_search_and_read_them_safely(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "kb");
        var word = "Kb" + Guid.NewGuid().ToString("N")[..8];

        var bob = await SignInAsync("bob", text);
        await bob.GotoAsync($"{fx.BaseUrl}kb");
        await Expect(bob.GetByTestId("new-article")).ToBeVisibleAsync();
        await visit.PageAsync(bob, "bob-kb");
        await bob.GetByTestId("new-article").ClickAsync();
        await Expect(bob.GetByTestId("save-article")).ToBeVisibleAsync();
        await bob.GetByTestId("save-article").ClickAsync(); // empty: the field errors show
        await Expect(bob.Locator(".mud-input-error").First).ToBeVisibleAsync();
        var title = $"Reset the VPN token {word}";
        await bob.GetByTestId("article-title-input").FillAsync(title);
        await bob.GetByTestId("article-body-input").FillAsync(
            $"## Steps\n\n1. Open **Settings**\n2. Choose *Reset* {word}\n\n<script>window.pwned = 1</script>\n\n[click me](javascript:window.pwned=2) · [help](https://example.org/vpn)");
        await bob.GetByTestId("article-tags-input").FillAsync("vpn, remote");
        await Expect(bob.GetByTestId("article-preview").Locator("strong")).ToHaveTextAsync("Settings");
        await visit.PageAsync(bob, "bob-kb-new-article");
        await bob.GetByTestId("save-article").ClickAsync();
        await bob.WaitForURLAsync(new Regex(@"/kb/[0-9a-f-]{36}$"), Committed);
        await Expect(bob.GetByTestId("article-title")).ToHaveTextAsync(title);

        // The body is Markdown made safe: the script is text, the javascript: link has no address, https stays.
        var body = bob.GetByTestId("article-body");
        await Expect(body.Locator("h2")).ToHaveTextAsync("Steps");
        await Expect(body.Locator("script")).ToHaveCountAsync(0);
        await Expect(body).ToContainTextAsync("<script>");
        await Expect(body.GetByRole(AriaRole.Link, new() { Name = "help" })).ToHaveAttributeAsync("href", "https://example.org/vpn");
        (await body.Locator("a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href') || '')")).ShouldAllBe(h => !h.Contains("javascript"));
        (await bob.EvaluateAsync<int?>("() => window.pwned ?? null")).ShouldBeNull();
        await visit.PageAsync(bob, "bob-kb-article");

        // He edits it: internal articles are for the help desk only.
        await bob.GetByTestId("edit-article").ClickAsync();
        await Expect(bob.GetByTestId("article-title-input")).ToHaveValueAsync(title);
        await visit.PageAsync(bob, "bob-kb-edit-article");
        var internalTitle = $"Internal: VPN concentrator admin {word}";
        await bob.GotoAsync($"{fx.BaseUrl}kb/new");
        await bob.GetByTestId("article-title-input").FillAsync(internalTitle);
        await bob.GetByTestId("article-body-input").FillAsync($"Admin console notes {word}");
        await bob.GetByTestId("article-visibility").GetByText(language == "ja" ? "社内" : "Internal", new() { Exact = true }).ClickAsync();
        await bob.GetByTestId("save-article").ClickAsync();
        await Expect(bob.GetByTestId("article-internal")).ToBeVisibleAsync();

        // alice finds the public one by a word, never the internal one, and reads it.
        var alice = await SignInAsync("alice", text);
        await alice.GotoAsync($"{fx.BaseUrl}kb");
        await Expect(alice.GetByTestId("new-article")).ToHaveCountAsync(0);
        await alice.GetByTestId("kb-query").FillAsync(word);
        await alice.GetByTestId("kb-search").ClickAsync();
        await Expect(alice.GetByTestId("kb-hit")).ToHaveCountAsync(1);
        await Expect(alice.GetByTestId("kb-hit")).ToContainTextAsync(title);
        await visit.PageAsync(alice, "alice-kb-search");
        await alice.GetByTestId("kb-hit").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(alice.GetByTestId("article-title")).ToHaveTextAsync(title);
        await Expect(alice.GetByTestId("edit-article")).ToHaveCountAsync(0);
        await visit.PageAsync(alice, "alice-kb-article");
    }

    /// <summary>A project (created as the admin) with bob as a member, so that he may pick it and promote to it.</summary>
    private async Task<(string Key, string Name)> ProjectWithBobAsync(string word)
    {
        var name = $"Printer fleet {word}";
        var created = await fx.Http.PostAsJsonAsync("/api/projects", new { name, manager = "carol", description = "Replace the floor printers." });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var member = await fx.Http.PostAsJsonAsync($"/api/projects/{key}/members", new { userId = "bob", role = "member" });
        member.StatusCode.ShouldBe(HttpStatusCode.Created, await member.Content.ReadAsStringAsync());
        return (key, name);
    }

    private async Task PublicArticleAsync(string title, string word)
    {
        var created = await fx.Http.PostAsJsonAsync("/api/kb/articles", new
        {
            title, body = $"If the printer smudges ({word}), **replace the toner** and run the cleaning page.", tags = new[] { "printer" }, visibility = "Public",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private Task<IPage> SignInAsync(string user, Texts text) =>
        _sessions.SignInAsync(user, text, new ViewportSize { Width = 1280, Height = 900 });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
