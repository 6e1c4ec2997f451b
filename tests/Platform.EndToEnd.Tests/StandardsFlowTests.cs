namespace Platform.EndToEnd.Tests;

/// <summary>
/// The PMO's standards through the gateway only: a template published by PMO; a project created from it has its
/// milestones, deliverables, risks and meetings dated from its start, and its manager's kitting request in assets
/// (by event) is filled from the kit profile the template names; its compliance and the portfolio's read back.
/// </summary>
public class StandardsFlowTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_project_created_from_a_template_has_its_items_and_its_members_get_the_templates_kit()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var carol = await Fx.ClientForAsync("carol");
        var dave = await Fx.ClientForAsync("dave");
        var kit = "Rollout kit " + suffix;
        await ReadAsync(dave.PostJsonAsync("/api/kit-profiles", new
        {
            name = kit,
            items = new object[] { new { kind = "Hardware", description = "Rugged laptop", assetKind = "Laptop" }, new { kind = "Account", description = "Site VPN" } },
        }), HttpStatusCode.Created);

        var template = $"rollout-{suffix}";
        await ReadAsync(carol.PutAsJsonAsync($"/api/templates/{template}", new
        {
            name = "Site rollout",
            phases = new[] { new { name = "Plan", milestones = new object[]
            {
                new { @ref = "kickoff", name = "Kick-off", offsetDays = 0 },
                new { @ref = "handover", name = "Handover", offsetDays = 60, after = new[] { "kickoff" } },
            } } },
            deliverables = new[] { new { @ref = "plan", name = "Site plan", acceptanceCriteria = new[] { "Facilities agreed" }, milestone = "kickoff" } },
            risks = new[] { new { @ref = "access", title = "No site access on the day", probability = 2, impact = 4 } },
            meetings = new[] { new { @ref = "weekly", title = "Weekly status", everyWeeks = 1, firstOffsetDays = 7, time = "09:30", occurrences = 2 } },
            kitProfile = kit,
        }), HttpStatusCode.Created);
        // A template whose milestones come after each other in a circle is refused, and nothing is kept.
        var cycle = await carol.PutAsJsonAsync($"/api/templates/{template}-bad", new
        {
            name = "Broken",
            phases = new[] { new { name = "P", milestones = new object[]
            {
                new { @ref = "a", name = "A", offsetDays = 1, after = new[] { "b" } }, new { @ref = "b", name = "B", offsetDays = 1, after = new[] { "a" } },
            } } },
        });
        (await ProblemAsync(cycle, HttpStatusCode.UnprocessableEntity)).Str("code").ShouldBe("milestone-cycle");
        await ShouldBeAsync(await carol.GetAsync($"/api/templates/{template}-bad"), HttpStatusCode.NotFound);

        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        var created = await ReadAsync(carol.PostJsonAsync("/api/projects", new
        {
            name = "Osaka office " + suffix, manager = "carol", startDate = start.ToString("yyyy-MM-dd"), template,
        }), HttpStatusCode.Created);
        var key = created.Str("key");
        created.GetProperty("templateVersion").GetInt32().ShouldBe(1);

        var milestones = await ReadAsync(carol.GetAsync($"/api/projects/{key}/milestones"), HttpStatusCode.OK);
        milestones.EnumerateArray().Select(m => (m.Str("name"), m.Str("dueDate")))
            .ShouldBe([("Kick-off", start.ToString("yyyy-MM-dd")), ("Handover", start.AddDays(60).ToString("yyyy-MM-dd"))], ignoreOrder: true);
        var deliverable = (await ReadAsync(carol.GetAsync($"/api/projects/{key}/deliverables"), HttpStatusCode.OK)).EnumerateArray().ShouldHaveSingleItem();
        deliverable.Str("name").ShouldBe("Site plan");
        deliverable.Str("dueDate").ShouldBe(start.ToString("yyyy-MM-dd"));
        var risk = (await ReadAsync(carol.GetAsync($"/api/projects/{key}/risks"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        risk.GetProperty("score").GetInt32().ShouldBe(8);
        (await ReadAsync(carol.GetAsync($"/api/projects/{key}/meetings"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(2);

        // Assets kits the manager from the template's profile (ProjectMemberAdded carries it).
        var requests = await Eventually.GetAsync(
            async () => await (await dave.GetAsync($"/api/kitting?userId=carol&projectKey={key}")).ReadJsonAsync(),
            l => l.GetProperty("items").GetArrayLength() > 0, EventTimeout);
        var request = requests.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        request.Str("kitProfile").ShouldBe(kit);
        request.GetProperty("items").EnumerateArray().Select(i => i.Str("description")).ShouldBe(["Rugged laptop", "Site VPN"]);

        var compliance = await ReadAsync(carol.GetAsync($"/api/projects/{key}/compliance"), HttpStatusCode.OK);
        compliance.GetProperty("counts").GetProperty("missing").GetInt32().ShouldBe(0);
        compliance.GetProperty("items").GetArrayLength().ShouldBe(5);
        var portfolio = await ReadAsync(carol.GetAsync("/api/portfolio/compliance"), HttpStatusCode.OK);
        portfolio.EnumerateArray().Single(r => r.Str("projectKey") == key).Str("template").ShouldBe(template);
        // The labour rates are reached through the gateway too.
        await ShouldBeAsync(await carol.GetAsync("/api/cost/rates"), HttpStatusCode.OK);
    }
}
