using System.Net.Http.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Joiners and leavers (DESIGN.md §6) through the gateway only: an admin creates or deactivates a person in identity,
/// and every service that names people does what a help desk and a PSO team expect, from identity's events alone.
/// The time from the admin's call to each consequence is written to e2e-logs/…/people-timings.txt.
/// </summary>
public class PeopleFlowTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_leaver_hands_back_laptop_seat_tickets_and_projects_and_can_no_longer_sign_in()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var leaver = await Fx.CreatePersonAsync($"leaver.{suffix}", "Lee Ver", "IT", "agent");
        var dave = await Fx.ClientForAsync("dave");
        var carol = await Fx.ClientForAsync("carol");
        var alice = await Fx.ClientForAsync("alice");

        // What they hold: a laptop and a licence seat (assets), two open tickets (ticketing), a project membership.
        var laptop = await ReadAsync(dave.PostJsonAsync("/api/assets",
            new { kind = "Laptop", model = "Latitude 7450", serial = "LV-" + suffix, vendor = "Dell", location = "HQ store" }), HttpStatusCode.Created);
        var tag = laptop.Str("tag");
        await ReadAsync(dave.PostJsonAsync($"/api/assets/{tag}/assign", new { userId = leaver }), HttpStatusCode.OK);
        var licence = (await ReadAsync(dave.PostJsonAsync("/api/licences", new { product = "Visio Plan 2 " + suffix, seats = 3 }), HttpStatusCode.Created)).Str("key");
        await ReadAsync(dave.PostJsonAsync($"/api/licences/{licence}/seats", new { userId = leaver }), HttpStatusCode.Created);
        var tickets = new List<(string Key, string? Queue)>();
        for (var i = 0; i < 2; i++)
        {
            var created = await ReadAsync(alice.PostJsonAsync("/api/tickets", new
            {
                title = $"Printer jam {i} ({suffix})", description = "Tray 2.", category = "hardware", impact = "Low", urgency = "Medium",
            }), HttpStatusCode.Created);
            var assigned = await ReadAsync(Http.PostJsonAsync($"/api/tickets/{created.Str("key")}/assign", new { assignee = leaver }), HttpStatusCode.OK);
            assigned.Str("assignee").ShouldBe(leaver);
            tickets.Add((created.Str("key"), assigned.StrOrNull("queue")));
        }
        var project = (await ReadAsync(carol.PostJsonAsync("/api/projects", new { name = "Leaver's project " + suffix, manager = "carol" }), HttpStatusCode.Created)).Str("key");
        await ReadAsync(carol.PostJsonAsync($"/api/projects/{project}/members", new { userId = leaver, role = "developer" }), HttpStatusCode.Created);
        var refresh = await SignInAsync(leaver);

        // They leave.
        var clock = Stopwatch.StartNew();
        await ReadAsync(Http.PostAsync($"/api/users/{Uri.EscapeDataString(leaver)}/deactivate", null), HttpStatusCode.OK);
        var timings = new List<string>();
        void Seen(string what) => timings.Add($"{what}: {clock.ElapsedMilliseconds} ms");

        // No sign-in, no refresh, at once.
        (await PasswordGrantAsync(leaver)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Fx.Anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "platform-cli", ["refresh_token"] = refresh,
        }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Seen("sign-in and refresh refused");

        // Tickets back to their queue, unassigned, with a system comment each.
        foreach (var (key, queue) in tickets)
        {
            var ticket = await Eventually.GetAsync(async () => await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync(),
                t => t.StrOrNull("assignee") is null, EventTimeout);
            ticket.StrOrNull("assignee").ShouldBeNull();
            ticket.StrOrNull("queue").ShouldBe(queue);
            ticket.Str("status").ShouldBe("New");
            var comments = await (await Http.GetAsync($"/api/tickets/{key}/comments")).ReadJsonAsync();
            comments.EnumerateArray().Count(c => c.Str("kind") == "System" && c.Str("body").Contains("left on", StringComparison.Ordinal)).ShouldBe(1);
        }
        Seen("open tickets back in their queue");

        // No longer a project member.
        var members = await Eventually.GetAsync(async () => await (await carol.GetAsync($"/api/projects/{project}/members")).ReadJsonAsync(),
            m => m.EnumerateArray().All(x => x.Str("userId") != leaver), EventTimeout);
        members.EnumerateArray().ShouldNotContain(x => x.Str("userId") == leaver);
        Seen("project membership ended");

        // One return request listing the laptop and the (reclaimed) seat; PSO's offboarding list shows the laptop out.
        var returns = await Eventually.GetAsync(
            async () => await (await dave.GetAsync($"/api/kitting?userId={Uri.EscapeDataString(leaver)}&kind=Return")).ReadJsonAsync(),
            l => l.GetProperty("items").EnumerateArray().Any(r => Lists(r, tag) && Lists(r, licence)), EventTimeout);
        var open = returns.GetProperty("items").EnumerateArray().Where(r => r.Str("status") == "Open").ToList();
        open.Count.ShouldBe(1);
        Lists(open[0], tag).ShouldBeTrue();
        Lists(open[0], licence).ShouldBeTrue();
        Seen("return request lists laptop and seat");
        var seats = await ReadAsync(dave.GetAsync($"/api/licences/{licence}"), HttpStatusCode.OK);
        seats.GetProperty("assignments").EnumerateArray().ShouldNotContain(s => s.StrOrNull("userId") == leaver && s.StrOrNull("releasedAt") == null);
        var offboarding = await ReadAsync(dave.GetAsync($"/api/offboarding/{Uri.EscapeDataString(leaver)}"), HttpStatusCode.OK);
        offboarding.GetProperty("assets").EnumerateArray().Select(a => a.Str("tag")).ShouldBe([tag]);

        // Nobody can name them any more.
        var refused = await Http.PostJsonAsync($"/api/tickets/{tickets[0].Key}/assign", new { assignee = leaver });
        (await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity)).Str("code").ShouldBe("unknown-person");

        var report = $"leaver {leaver}, measured from the admin's deactivate call:\n" + string.Join("\n", timings);
        Output.WriteLine(report);
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "e2e-logs", "people-timings.txt"), report + "\n\n");
    }

    [Fact]
    public async Task A_joiner_in_a_department_with_a_kit_profile_gets_a_kitting_request()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var department = "Finance " + suffix;
        var dave = await Fx.ClientForAsync("dave");
        await ReadAsync(dave.PostJsonAsync("/api/kit-profiles", new
        {
            name = "Finance desk " + suffix, department,
            items = new object[]
            {
                new { kind = "Hardware", description = "Laptop", assetKind = "Laptop" },
                new { kind = "Account", description = "ERP account" },
            },
        }), HttpStatusCode.Created);

        // A person people see at once: the picker finds them, in Japanese too.
        var clock = Stopwatch.StartNew();
        var joiner = await Fx.CreatePersonAsync($"joiner.{suffix}", "山田 花子", department, "requester");
        var found = await ReadAsync(Http.GetAsync($"/api/people?q={Uri.EscapeDataString("山田")}&limit=50"), HttpStatusCode.OK);
        found.GetProperty("items").EnumerateArray().ShouldContain(p => p.Str("id") == joiner);

        var requests = await Eventually.GetAsync(
            async () => await (await dave.GetAsync($"/api/kitting?userId={Uri.EscapeDataString(joiner)}")).ReadJsonAsync(),
            l => l.GetProperty("items").GetArrayLength() > 0, EventTimeout);
        var request = requests.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        request.Str("kind").ShouldBe("Onboarding");
        request.Str("department").ShouldBe(department);
        request.GetProperty("items").GetArrayLength().ShouldBe(2);
        var report = $"joiner {joiner}: kitting request visible {clock.ElapsedMilliseconds} ms after the admin's create call";
        Output.WriteLine(report);
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "e2e-logs", "people-timings.txt"), report + "\n\n");
    }

    private static bool Lists(JsonElement request, string what) =>
        request.GetProperty("items").EnumerateArray().Any(i => i.StrOrNull("assetTag") == what || i.StrOrNull("licenceKey") == what);

    private async Task<HttpResponseMessage> PasswordGrantAsync(string user, string scope = "openid tickets") =>
        await Fx.Anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = user,
            ["password"] = PlatformFixture.Password, ["scope"] = scope,
        }));

    /// <summary>Signs in with offline_access and returns the refresh token.</summary>
    private async Task<string> SignInAsync(string user)
    {
        var response = await PasswordGrantAsync(user, "openid offline_access tickets");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Str("refresh_token");
    }
}
