namespace Platform.EndToEnd.Tests;

/// <summary>
/// The PMO's cost control through the gateway only: a project with a budget and a schedule; a procurement bought for it
/// in assets moves its commitments and then its actual cost (by event); a cost recorded by hand brings the forecast
/// over budget: health turns red and one CostOverrunForecast escalation reaches a subscribed tool, signed, once.
/// </summary>
public class CostFlowTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string D(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_procurement_received_moves_actual_cost_and_an_overrun_escalates_once_to_a_subscribed_tool()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var carol = await Fx.ClientForAsync("carol");
        var dave = await Fx.ClientForAsync("dave");

        var created = await carol.PostJsonAsync("/api/projects", new { name = "Cost " + Guid.NewGuid().ToString("N")[..6], manager = "carol", currency = "JPY" });
        await ShouldBeAsync(created, HttpStatusCode.Created);
        var key = (await created.ReadJsonAsync()).Str("key");
        var month = Today.ToString("yyyy-MM");
        await ShouldBeAsync(await carol.PutAsJsonAsync($"/api/projects/{key}/cost/budget",
            new { lines = new[] { new { period = month, category = "Hardware", amount = 70_000 }, new { period = month, category = "Services", amount = 30_000 } } }),
            HttpStatusCode.OK);
        foreach (var (title, start, due, budget, percent) in new[] { ("Design", -20, -10, 40_000, 100), ("Build", -10, 20, 60_000, 25) })
        {
            var task = await carol.PostJsonAsync($"/api/projects/{key}/tasks", new { title, startDate = D(start), dueDate = D(due), budget });
            await ShouldBeAsync(task, HttpStatusCode.Created);
            await ShouldBeAsync(await carol.PatchAsJsonAsync($"/api/projects/{key}/tasks/{(await task.ReadJsonAsync()).Str("key")}", new { percentDone = percent }),
                HttpStatusCode.OK);
        }

        await SubscribeToolAsync(receiver, "e2e-cost-webhook-secret-0123456789", "ProjectEscalationRaised", key);

        // PSO buys two switches for the project; an admin approves; they arrive one at a time.
        var rfq = await dave.PostJsonAsync("/api/procurement", new
        {
            title = "Core switches", vendors = new[] { "Bechtle" }, items = new[] { new { kind = "NetworkGear", model = "C9300", quantity = 2 } },
            project = key, currency = "JPY",
        });
        await ShouldBeAsync(rfq, HttpStatusCode.Created);
        var rfqKey = (await rfq.ReadJsonAsync()).Str("key");
        await ShouldBeAsync(await dave.PostJsonAsync($"/api/procurement/{rfqKey}/quotes", new { vendor = "Bechtle", item = "1", unitPrice = 12_000m }), HttpStatusCode.Created);
        await ShouldBeAsync(await Fx.Http.PostJsonAsync($"/api/procurement/{rfqKey}/approve", new { vendor = "Bechtle" }), HttpStatusCode.OK);
        var committed = await Eventually.GetAsync(async () => await (await carol.GetAsync($"/api/projects/{key}/cost")).ReadJsonAsync(),
            c => c.GetProperty("committed").GetDecimal() == 24_000m, TimeSpan.FromSeconds(30));
        committed.GetProperty("ac").GetDecimal().ShouldBe(0m);
        await ShouldBeAsync(await dave.PostJsonAsync($"/api/procurement/{rfqKey}/order", new { orderReference = "PO-1" }), HttpStatusCode.OK);
        await ShouldBeAsync(await dave.PostJsonAsync($"/api/procurement/{rfqKey}/receive", new { item = "1", quantity = 1 }), HttpStatusCode.OK);
        var spent = await Eventually.GetAsync(async () => await (await carol.GetAsync($"/api/projects/{key}/cost")).ReadJsonAsync(),
            c => c.GetProperty("ac").GetDecimal() == 12_000m, TimeSpan.FromSeconds(30));
        spent.GetProperty("committed").GetDecimal().ShouldBe(12_000m);
        spent.GetProperty("ev").GetDecimal().ShouldBe(55_000m);
        receiver.Accepted.ShouldBeEmpty(); // CPI 4.6: well under budget so far

        // The contractor's invoice takes AC to 66,000: CPI 0.83, EAC 120,000 against 100,000.
        await ShouldBeAsync(await carol.PostJsonAsync($"/api/projects/{key}/costs", new { date = D(-1), category = "Services", amount = 54_000, description = "Cabling contractor" }),
            HttpStatusCode.Created);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), n => n >= 1, TimeSpan.FromSeconds(30));
        var health = await (await carol.GetAsync($"/api/projects/{key}/health")).ReadJsonAsync();
        health.Str("health").ShouldBe("Red");
        health.GetProperty("reasons").EnumerateArray().ShouldContain(r => r.Str("area") == "cost");

        // Another cost while it stands raises nothing more; the delivery row is the proof that the first went out.
        await ShouldBeAsync(await carol.PostJsonAsync($"/api/projects/{key}/costs", new { date = D(0), category = "Other", amount = 500 }), HttpStatusCode.Created);
        var escalations = await Eventually.GetAsync(async () => await (await carol.GetAsync($"/api/projects/{key}/escalations")).ReadJsonAsync(),
            page => page.GetProperty("items").GetArrayLength() >= 1, TimeSpan.FromSeconds(10));
        escalations.GetProperty("items").EnumerateArray().Count(e => e.Str("rule") == "CostOverrunForecast").ShouldBe(1);
        receiver.BadSignatures.ShouldBe(0);
        var cloudEvent = receiver.Accepted.ShouldHaveSingleItem();
        cloudEvent.GetProperty("data").Str("rule").ShouldBe("CostOverrunForecast");
        cloudEvent.GetProperty("data").Str("projectKey").ShouldBe(key);
    }
}
