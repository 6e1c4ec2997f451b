using Platform.Contracts.Assets;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// PSO onboarding (DESIGN.md §5.4) through the gateway only: a PMO analyst adds a member to a project, the projects
/// service announces it, the assets service opens a kitting request, and PSO hands over a laptop and a licence seat.
/// </summary>
public class AssetsFlowTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    private static async Task<JsonElement> SendAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        await ShouldBeAsync(response, expected);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task A_new_project_member_is_kitted_out_by_PSO_end_to_end()
    {
        var carol = await Fx.ClientForAsync("carol");
        var dave = await Fx.ClientForAsync("dave");
        var erin = await Fx.ClientForAsync("erin");

        // PSO's stock: a laptop and a licence with free seats.
        var laptop = await SendAsync(dave.PostJsonAsync("/api/assets",
            new { kind = "Laptop", model = "ThinkPad T14 Gen 5", serial = "E2E-" + Guid.NewGuid().ToString("N")[..12], vendor = "Lenovo", location = "HQ store" }),
            HttpStatusCode.Created);
        var tag = laptop.Str("tag");
        var licence = await SendAsync(dave.PostJsonAsync("/api/licences", new { product = "Microsoft 365 E3", seats = 5 }), HttpStatusCode.Created);

        // PMO adds erin to a new project.
        var project = await SendAsync(carol.PostJsonAsync("/api/projects", new { name = "Data platform", manager = "carol" }), HttpStatusCode.Created);
        var projectKey = project.Str("key");
        await SendAsync(carol.PostJsonAsync($"/api/projects/{projectKey}/members", new { userId = "erin", role = "developer" }), HttpStatusCode.Created);

        // A kitting request appears for PSO.
        var list = await Eventually.GetAsync(
            async () => await (await dave.GetAsync($"/api/kitting?userId=erin&projectKey={projectKey}")).ReadJsonAsync(),
            l => l.GetProperty("items").GetArrayLength() > 0, EventTimeout);
        var request = list.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        request.Str("status").ShouldBe("Open");
        request.Str("role").ShouldBe("developer");
        var key = request.Str("key");
        var items = request.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBeGreaterThanOrEqualTo(2);

        // Only PSO works it; the newcomer can follow it.
        (await carol.PostJsonAsync($"/api/kitting/{key}/complete", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(erin.GetAsync($"/api/kitting/{key}"), HttpStatusCode.OK)).Str("status").ShouldBe("Open");

        // Dave ticks the checklist: the laptop on the hardware line, a seat on the next, the rest plain.
        await SendAsync(dave.PostJsonAsync($"/api/kitting/{key}/items/1/complete", new { assetTag = tag, note = "imaged and enrolled" }), HttpStatusCode.OK);
        await SendAsync(dave.PostJsonAsync($"/api/kitting/{key}/items/2/complete", new { licence = licence.Str("key") }), HttpStatusCode.OK);
        foreach (var position in Enumerable.Range(3, items.Count - 2))
            await SendAsync(dave.PostJsonAsync($"/api/kitting/{key}/items/{position}/complete", new { }), HttpStatusCode.OK);
        var done = await SendAsync(dave.PostJsonAsync($"/api/kitting/{key}/complete", new { note = "Handed over" }), HttpStatusCode.OK);
        done.Str("status").ShouldBe("Completed");

        // Recorded everywhere it should be.
        var asset = await SendAsync(dave.GetAsync($"/api/assets/{tag}"), HttpStatusCode.OK);
        asset.Str("status").ShouldBe("Assigned");
        asset.Str("assignedTo").ShouldBe("erin");
        asset.Str("projectKey").ShouldBe(projectKey);
        var seats = await SendAsync(dave.GetAsync($"/api/licences/{licence.Str("key")}"), HttpStatusCode.OK);
        seats.GetProperty("assignments").EnumerateArray().Select(s => s.GetProperty("userId").GetString()).ShouldBe(["erin"]);
        var mine = await SendAsync(erin.GetAsync("/api/assets"), HttpStatusCode.OK);
        mine.GetProperty("items").EnumerateArray().Select(a => a.Str("tag")).ShouldContain(tag);
        (await SendAsync(erin.GetAsync($"/api/kitting/{key}"), HttpStatusCode.OK)).Str("status").ShouldBe("Completed");

        // One KittingCompleted for this membership, on the platform's bus.
        var completed = await Fx.Bus.WaitForAsync<KittingCompleted>(e => e.RequestKey == key, EventTimeout);
        completed.AssetTags.ShouldBe([tag]);
        completed.LicenceKeys.ShouldBe([licence.Str("key")]);
        completed.CompletedBy.ShouldBe("dave");
        await Task.Delay(1000);
        Fx.Bus.Messages<KittingCompleted>().Count(e => e.ProjectKey == projectKey && e.UserId == "erin").ShouldBe(1);
        Fx.Bus.Messages<KittingRequested>().Count(e => e.ProjectKey == projectKey && e.UserId == "erin").ShouldBe(1);

        // Erin's new laptop fails: her ticket names it, the ticket API shows what it is, and the agent also sees who
        // holds it; the asset's incident history lists the ticket.
        var bob = await Fx.ClientForAsync("bob");
        var ticket = await SendAsync(erin.PostJsonAsync("/api/tickets", new
        {
            title = "New laptop will not wake from sleep", description = "Since the handover.", category = "hardware",
            impact = "Low", urgency = "High", assetTag = tag,
        }), HttpStatusCode.Created);
        var ticketKey = ticket.Str("key");
        var summary = await Eventually.GetAsync(
            async () => (await (await bob.GetAsync($"/api/tickets/{ticketKey}")).ReadJsonAsync()).GetProperty("asset"),
            a => a.GetProperty("known").GetBoolean() && a.StrOrNull("assignedTo") is not null,
            EventTimeout);
        summary.Str("model").ShouldBe("ThinkPad T14 Gen 5");
        summary.Str("status").ShouldBe("Assigned");
        summary.Str("assignedTo").ShouldBe("erin");
        summary.Str("projectKey").ShouldBe(projectKey);
        var hers = (await SendAsync(erin.GetAsync($"/api/tickets/{ticketKey}"), HttpStatusCode.OK)).GetProperty("asset");
        hers.Str("model").ShouldBe("ThinkPad T14 Gen 5");
        hers.StrOrNull("assignedTo").ShouldBeNull();
        var incidents = await Eventually.GetAsync(
            async () => await (await dave.GetAsync($"/api/assets/{tag}/incidents")).ReadJsonAsync(),
            l => l.EnumerateArray().Any(i => i.Str("ticketKey") == ticketKey), EventTimeout);
        incidents.EnumerateArray().Count(i => i.Str("ticketKey") == ticketKey).ShouldBe(1);
    }
}
