using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// PSO meetings, in English and in Japanese. carol (PMO) makes a project through the API with dave (PSO staff) as a
/// member. dave finds it among his projects, creates a meeting with an agenda and attendees chosen with the people
/// picker, writes the minutes in Markdown (the preview renders them) and saves them, adds a decision and an action item
/// for himself due yesterday: it shows overdue (icon and words) on the meeting and under *My action items*, also with
/// "overdue only". erin, a requester who is not on the project (the projects service answers 404), gets the not-found
/// page for its meetings and the meeting. Every page is screenshotted (meet-NN-…) and checked with axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PsoMeetingsJourneyTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "meet");

    static PsoMeetingsJourneyTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Pso_staff_hold_a_meeting_with_minutes_decisions_and_action_items(string language)
    {
        var text = Texts.For(language);
        var visit = new Visit(language, output, "meet");
        var word = "Mt" + Guid.NewGuid().ToString("N")[..6];
        var key = await ProjectWithDaveAsync(language, word);

        // dave: the Meetings menu, his projects, the project's meetings.
        var dave = await _sessions.SignInAsync("dave", text);
        var nav = dave.GetByTestId("meetings-nav");
        await nav.GetByRole(AriaRole.Link).First.ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/projects$"), Committed);
        var row = dave.Locator($"tr[data-project='{key}']");
        await Expect(row).ToContainTextAsync($"Office move {word}");
        await Expect(row).ToContainTextAsync("Pat Jones"); // the manager by name
        await visit.PageAsync(dave, "projects");
        await row.GetByRole(AriaRole.Link, new() { Name = key }).ClickAsync();
        await dave.WaitForURLAsync(new Regex($"/pso/projects/{key}/meetings$"), Committed);
        await Expect(dave.GetByTestId("no-meetings")).ToBeVisibleAsync();

        // A new meeting: empty first (the field errors show), then title, date, time, agenda and two attendees.
        await dave.GetByTestId("create-meeting").ClickAsync();
        await Expect(dave.GetByTestId("new-meeting").Locator(".mud-input-error").First).ToBeVisibleAsync();
        var title = $"Weekly {word}";
        await Field(dave.Locator("body"), "meeting-title").FillAsync(title);
        await Field(dave.Locator("body"), "meeting-date").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await Field(dave.Locator("body"), "meeting-time").FillAsync("10:30");
        await Field(dave.Locator("body"), "meeting-agenda").FillAsync("Budget\nMove plan");
        await PickAsync(dave, Field(dave.Locator("body"), "attendee-picker"), "Dave", "Dave Davis (dave)", dave.GetByTestId("attendees-chosen"));
        await PickAsync(dave, Field(dave.Locator("body"), "attendee-picker"), "Pat", "Pat Jones (pm.jones)", dave.GetByTestId("attendees-chosen"));
        await visit.PageAsync(dave, "meetings-new");
        await dave.GetByTestId("create-meeting").ClickAsync();

        // The meeting page: agenda and attendees by name.
        await dave.WaitForURLAsync(new Regex($"/pso/projects/{key}/meetings/MTG-\\d+$"), Committed);
        await Expect(dave.GetByTestId("meeting-heading")).ToContainTextAsync(title);
        await Expect(dave.GetByTestId("agenda").Locator("li")).ToHaveTextAsync(["Budget", "Move plan"]);
        await Expect(dave.GetByTestId("attendees")).ToContainTextAsync("Dave Davis");
        await Expect(dave.GetByTestId("attendees")).ToContainTextAsync("Pat Jones");

        // Minutes in Markdown: the preview renders them as they are typed; saved with PATCH.
        await Field(dave.Locator("body"), "minutes-editor").FillAsync($"## Budget {word}\n\n- **Approved** for Q3\n- Vendor to confirm");
        var preview = dave.GetByTestId("minutes-preview");
        await Expect(preview.Locator("h2")).ToHaveTextAsync($"Budget {word}");
        await Expect(preview.Locator("strong")).ToHaveTextAsync("Approved");
        await Expect(preview.Locator("li")).ToHaveCountAsync(2);
        await dave.GetByTestId("save-minutes").ClickAsync();
        await Expect(dave.GetByTestId("save-minutes")).ToBeDisabledAsync();
        await Expect(dave.GetByTestId("minutes-state")).Not.ToBeEmptyAsync();

        // A decision, and an action item for himself due yesterday: overdue, in words and an icon.
        await Field(dave.Locator("body"), "decision-text").FillAsync($"Move on 1 July {word}");
        await dave.GetByTestId("add-decision").ClickAsync();
        await Expect(dave.GetByTestId("decisions")).ToContainTextAsync($"Move on 1 July {word}");
        await Field(dave.Locator("body"), "action-title").FillAsync($"Book the movers {word}");
        var owner = Field(dave.Locator("body"), "owner-picker");
        await PickAsync(dave, owner, "Dave", "Dave Davis (dave)");
        await Field(dave.Locator("body"), "action-due").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
        await dave.GetByTestId("add-action-item").ClickAsync();
        var item = dave.GetByTestId("action-items").Locator("tr[data-item]").Filter(new() { HasText = $"Book the movers {word}" });
        await Expect(item).ToHaveAttributeAsync("data-overdue", "true");
        await Expect(item.GetByTestId("overdue-mark")).ToContainTextAsync(language == "en" ? "Overdue" : "期限超過");
        await Expect(item).ToContainTextAsync("Dave Davis");
        await Expect(owner).ToHaveValueAsync("");
        var taskKey = (await item.GetAttributeAsync("data-item"))!;
        var meetingUrl = dave.Url;
        await visit.PageAsync(dave, "meeting");

        // The minutes were saved: read back after a reload.
        await dave.ReloadAsync();
        await Expect(dave.GetByTestId("minutes-preview").Locator("h2")).ToHaveTextAsync($"Budget {word}");

        // My action items: the overdue one, highlighted; still there with "overdue only".
        await nav.GetByRole(AriaRole.Link).Nth(1).ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/action-items$"), Committed);
        var mine = dave.Locator($"tr[data-item='{taskKey}']");
        await Expect(mine).ToHaveAttributeAsync("data-overdue", "true");
        await Expect(mine.GetByTestId("overdue-mark")).ToBeVisibleAsync();
        await Expect(mine).ToContainTextAsync(title);
        await dave.GetByTestId("overdue-only").Locator("input").CheckAsync();
        await Expect(dave.GetByTestId("overdue-only").Locator("input")).ToBeCheckedAsync();
        await Expect(dave.Locator($"tr[data-item='{taskKey}']")).ToHaveCountAsync(1);
        await Expect(dave.Locator("tr[data-item][data-overdue='false']")).ToHaveCountAsync(0);
        await visit.PageAsync(dave, "my-action-items");

        // Marked done on the meeting's page: done in words there, and gone from my open action items.
        await dave.GotoAsync(meetingUrl);
        var onMeeting = dave.GetByTestId("action-items").Locator($"tr[data-item='{taskKey}']");
        await onMeeting.GetByTestId("mark-done").ClickAsync();
        await Expect(onMeeting.Locator("[data-state='done']")).ToBeVisibleAsync();
        await Expect(onMeeting).ToHaveAttributeAsync("data-overdue", "false");
        await Expect(onMeeting.GetByTestId("mark-done")).ToHaveCountAsync(0);
        await dave.GotoAsync($"{fx.BaseUrl}pso/action-items");
        await Expect(dave.Locator("[data-testid='my-action-items'], [data-testid='no-action-items']").First).ToBeVisibleAsync();
        await Expect(dave.Locator($"tr[data-item='{taskKey}']")).ToHaveCountAsync(0);

        // erin is not on the project: the projects service answers 404, the portal its not-found page.
        var erin = await _sessions.SignInAsync("erin", text);
        await erin.GotoAsync($"{fx.BaseUrl}pso/projects/{key}/meetings");
        await Expect(erin.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        await erin.GotoAsync(meetingUrl);
        await Expect(erin.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        (await erin.ContentAsync()).ShouldNotContain(title);
        await Expect(erin.GetByTestId("meetings-nav")).ToHaveCountAsync(0);
        await visit.PageAsync(erin, "not-found");
    }

    /// <summary>A project (manager pm.jones) with dave as a member, made through the API as carol (PMO).</summary>
    private async Task<string> ProjectWithDaveAsync(string language, string word)
    {
        var carol = await fx.ClientForAsync("carol");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        JsonElement project = default;
        await Until(async () =>
        {
            var created = await carol.PostJsonAsync("/api/projects", new
            {
                name = $"Office move {word}", manager = "pm.jones", description = $"Meetings journey ({language}).",
                startDate = today.AddDays(-7).ToString("yyyy-MM-dd"), endDate = today.AddDays(60).ToString("yyyy-MM-dd"),
            });
            if (created.StatusCode != HttpStatusCode.Created) return false;
            project = await created.ReadJsonAsync();
            return true;
        }, "creating the project (pm.jones known to projects)");
        var key = project.Str("key");
        (await carol.PostJsonAsync($"/api/projects/{key}/members", new { userId = "dave", role = "member" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return key;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
