using Platform.Contracts.Assets;

namespace Platform.Projects.Tests;

public sealed record CategoryView(string Category, decimal Budget, decimal Actual, decimal Committed);

public sealed record CommitmentItemView(string RequestKey, string Vendor, decimal Total, decimal Received, decimal Outstanding, string Currency, string Status);

public sealed record CurrencyTotalView(string Currency, decimal Actual, decimal Committed);

public sealed record EvWeekView(DateOnly WeekEnd, decimal Pv, decimal? Ev, decimal? Ac);

public sealed record CostView(
    string ProjectKey, string Currency, DateOnly AsOf, decimal Bac, decimal Pv, decimal Ev, decimal Ac, decimal? Cpi, decimal? Spi, decimal Eac,
    decimal Vac, decimal Committed, decimal LabourActual, decimal UncostedLabourHours, IReadOnlyList<CategoryView> ByCategory,
    IReadOnlyList<CommitmentItemView> Commitments, IReadOnlyList<CurrencyTotalView> OtherCurrencies, IReadOnlyList<EvWeekView> Weeks);

/// <summary>
/// Cost management through the API against real PostgreSQL and RabbitMQ: budget, earned value from the schedule, actual
/// costs by hand and from procurements (events), labour at the roles' rates, health, the overrun escalation (once),
/// the portfolio roll-up and the status report; and what bad input gets.
/// </summary>
public class CostApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string D(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

    /// <summary>README's worked example shifted to today: BAC 100,000; PV 60,000 and EV 55,000 today.</summary>
    private async Task<(string Key, string Manager, string Build)> ExampleAsync(string currency = "JPY")
    {
        var manager = $"pm-{Guid.NewGuid():N}";
        await fx.PeopleAsync(manager);
        var key = (await fx.Http.CreateProjectAsync(new { name = "Core switch refresh", manager, currency })).Key;
        var month = Today.ToString("yyyy-MM");
        var budget = await fx.Http.PutAsJsonAsync($"/api/projects/{key}/cost/budget", new
        {
            lines = new object[] { new { period = month, category = "Hardware", amount = 70_000 }, new { period = month, category = "Labour", amount = 30_000 } },
        }, Json.Options);
        (await budget.ReadAsync<CostView>()).Bac.ShouldBe(100_000m);

        var design = await (await fx.Http.PostJsonAsync($"/api/projects/{key}/tasks",
            new { title = "Design", startDate = D(-20), dueDate = D(-10), budget = 40_000 })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        var build = await (await fx.Http.PostJsonAsync($"/api/projects/{key}/tasks",
            new { title = "Build", startDate = D(-10), dueDate = D(20), budget = 60_000 })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        await (await fx.Http.PatchAsJsonAsync($"/api/projects/{key}/tasks/{design.Str("key")}", new { percentDone = 100 }, Json.Options)).ReadAsync<JsonElement>();
        await (await fx.Http.PatchAsJsonAsync($"/api/projects/{key}/tasks/{build.Str("key")}", new { percentDone = 25 }, Json.Options)).ReadAsync<JsonElement>();
        return (key, manager, build.Str("key"));
    }

    private IReadOnlyList<ProjectEscalationRaised> Raised(string projectKey) =>
        fx.Bus.Messages<ProjectEscalationRaised>().Where(e => e.ProjectKey == projectKey).ToList();

    [Fact]
    public async Task Costs_move_actual_cost_and_an_overrun_forecast_turns_health_red_and_escalates_once()
    {
        var (key, manager, _) = await ExampleAsync();
        var before = await fx.Http.GetAsync<CostView>($"/api/projects/{key}/cost");
        before.Pv.ShouldBe(60_000m);
        before.Ev.ShouldBe(55_000m);
        before.Ac.ShouldBe(0m);
        before.Cpi.ShouldBeNull();
        before.Eac.ShouldBe(100_000m);

        using var pm = fx.As(manager, Roles.PsoStaff);
        var recorded = await pm.PostJsonAsync($"/api/projects/{key}/costs",
            new { date = D(-1), category = "Services", amount = 66_000, currency = "jpy", description = "Cabling contractor" });
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());

        var after = await fx.Http.GetAsync<CostView>($"/api/projects/{key}/cost");
        after.Ac.ShouldBe(66_000m);
        after.Cpi.ShouldBe(0.833m);
        after.Spi.ShouldBe(0.917m);
        after.Eac.ShouldBe(120_000m);
        after.Vac.ShouldBe(-20_000m);
        after.ByCategory.Single(c => c.Category == "Services").Actual.ShouldBe(66_000m);
        after.ByCategory.Single(c => c.Category == "Hardware").Budget.ShouldBe(70_000m);
        after.Weeks.ShouldContain(w => w.Ac == 66_000m);

        var health = await fx.Http.GetAsync<JsonElement>($"/api/projects/{key}/health");
        health.Str("health").ShouldBe("Red");
        health.GetProperty("reasons").EnumerateArray().ShouldContain(r => r.Str("area") == "cost" && r.Str("level") == "Red");
        health.GetProperty("cpi").GetDecimal().ShouldBe(0.833m);

        var raised = await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == key);
        raised.Rule.ShouldBe("CostOverrunForecast");
        raised.Severity.ShouldBe("Critical"); // CPI under the red figure as well
        raised.SourceType.ShouldBe("Project");
        raised.Reason.ShouldContain("120,000 JPY");
        // More spending while the escalation stands raises nothing new.
        (await pm.PostJsonAsync($"/api/projects/{key}/costs", new { date = D(0), category = "Other", amount = 1_000 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var escalations = await fx.Http.GetAsync<JsonElement>($"/api/projects/{key}/escalations");
        escalations.GetProperty("items").EnumerateArray().Count(e => e.Str("rule") == "CostOverrunForecast").ShouldBe(1);
        Raised(key).Count.ShouldBe(1);

        var report = await (await fx.Http.PostJsonAsync($"/api/projects/{key}/status-reports", new { })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        var cost = report.GetProperty("report").GetProperty("cost");
        cost.GetProperty("ac").GetDecimal().ShouldBe(67_000m);
        cost.GetProperty("bac").GetDecimal().ShouldBe(100_000m);
        var markdown = await (await fx.Http.GetAsync($"/api/status-reports/{report.Str("key")}?format=md")).Content.ReadAsStringAsync();
        markdown.ShouldContain("## Cost");
        markdown.ShouldContain("100,000 JPY");

        var portfolio = await fx.Http.GetAsync<JsonElement>("/api/portfolio/cost");
        var line = portfolio.GetProperty("projects").EnumerateArray().Single(p => p.Str("projectKey") == key);
        line.GetProperty("ac").GetDecimal().ShouldBe(67_000m);
        portfolio.GetProperty("totals").EnumerateArray().ShouldContain(t => t.Str("currency") == "JPY" && t.GetProperty("ac").GetDecimal() >= 67_000m);
        var standing = (await fx.Http.AllPagesAsync<JsonElement>("/api/portfolio?limit=200")).Single(s => s.Str("projectKey") == key);
        standing.GetProperty("cpi").GetDecimal().ShouldBeLessThan(0.85m);
    }

    [Fact]
    public async Task Procurements_for_the_project_are_committed_then_actual_once_however_often_delivered()
    {
        var (key, _, _) = await ExampleAsync();
        var requestId = Guid.NewGuid();
        var approved = new ProcurementApproved(requestId, "RFQ-900", "Core switches", "Bechtle", 30_000m, "fran", DateTimeOffset.UtcNow, key, "JPY");
        await fx.Bus.PublishAsync(approved, Guid.NewGuid());
        var committed = await Eventually.GetAsync(() => fx.Http.GetAsync<CostView>($"/api/projects/{key}/cost"), c => c.Committed == 30_000m);
        committed.Commitments.ShouldHaveSingleItem().Vendor.ShouldBe("Bechtle");
        committed.ByCategory.Single(c => c.Category == "Hardware").Committed.ShouldBe(30_000m);

        var received = new ProcurementReceived(requestId, "RFQ-900", ["AST-1", "AST-2"], false, "dave", DateTimeOffset.UtcNow, key, 20_000m, "JPY");
        // The same receipt twice under different message ids (a republished outbox row): one cost.
        await Task.WhenAll(fx.Bus.PublishAsync(received, Guid.NewGuid()), fx.Bus.PublishAsync(received, Guid.NewGuid()));
        var spent = await Eventually.GetAsync(() => fx.Http.GetAsync<CostView>($"/api/projects/{key}/cost"), c => c.Ac == 20_000m && c.Committed == 10_000m);
        spent.ByCategory.Single(c => c.Category == "Hardware").Actual.ShouldBe(20_000m);
        var costs = await fx.Http.GetAsync<JsonElement>($"/api/projects/{key}/costs");
        var entry = costs.EnumerateArray().ShouldHaveSingleItem();
        entry.Str("source").ShouldBe("Procurement");
        entry.Str("sourceKey").ShouldBe("RFQ-900");
        (await fx.Http.DeleteAsync($"/api/projects/{key}/costs/{entry.Str("id")}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Priced in another currency: shown apart, never added to AC.
        var other = Guid.NewGuid();
        await fx.Bus.PublishAsync(new ProcurementApproved(other, "RFQ-901", "Licences", "Acme", 500m, "fran", DateTimeOffset.UtcNow, key, "EUR"), Guid.NewGuid());
        await fx.Bus.PublishAsync(new ProcurementRejected(requestId, "RFQ-900", key, "fran", "Rest not needed", DateTimeOffset.UtcNow), Guid.NewGuid());
        var final = await Eventually.GetAsync(() => fx.Http.GetAsync<CostView>($"/api/projects/{key}/cost"),
            c => c.OtherCurrencies.Any(o => o.Currency == "EUR") && c.Committed == 0);
        final.OtherCurrencies.Single().Committed.ShouldBe(500m);
        final.Ac.ShouldBe(20_000m);

        // A procurement naming no existing project is consumed and left alone.
        await fx.Bus.PublishAsync(approved with { RequestId = Guid.NewGuid(), ProjectKey = "PRJ-999999999" }, Guid.NewGuid());
    }

    [Fact]
    public async Task Labour_is_costed_from_allocations_at_the_PMO_s_rates()
    {
        var (key, _, _) = await ExampleAsync("EUR");
        var dev = $"dev-{Guid.NewGuid():N}";
        var role = $"engineer-{Guid.NewGuid():N}"[..30];
        await fx.PeopleAsync(dev);
        (await fx.Http.PostJsonAsync($"/api/projects/{key}/members", new { userId = dev, role })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var monday = Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7) - 7); // last week's Monday
        (await fx.Http.PostJsonAsync($"/api/projects/{key}/allocations", new { userId = dev, percent = 50, from = monday.ToString("yyyy-MM-dd"), to = monday.AddDays(4).ToString("yyyy-MM-dd") }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var uncosted = await fx.Http.GetAsync<CostView>($"/api/projects/{key}/cost");
        uncosted.UncostedLabourHours.ShouldBe(20m); // 5 days × 8 h × 50 %, no rate yet
        uncosted.LabourActual.ShouldBe(0m);

        using var member = fx.As(dev, Roles.PsoStaff);
        (await member.PutAsJsonAsync($"/api/cost/rates/{role}", new { currency = "EUR", hourlyRate = 90 }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fx.Http.PutAsJsonAsync($"/api/cost/rates/{role}", new { currency = "EUR", hourlyRate = 90 }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fx.Http.PutAsJsonAsync($"/api/cost/rates/{role}", new { currency = "JPY", hourlyRate = 9000 }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var costed = await fx.Http.GetAsync<CostView>($"/api/projects/{key}/cost");
        costed.LabourActual.ShouldBe(1_800m); // 20 h × 90 EUR, not the JPY rate
        costed.Ac.ShouldBe(1_800m);
        costed.ByCategory.Single(c => c.Category == "Labour").Actual.ShouldBe(1_800m);
        (await fx.Http.GetAsync<JsonElement>("/api/cost/rates")).EnumerateArray().Count(r => r.Str("role") == role).ShouldBe(2);
        (await fx.Http.DeleteAsync($"/api/cost/rates/{role}?currency=JPY")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fx.Http.DeleteAsync($"/api/cost/rates/{role}?currency=JPY")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_money_gets_problem_details_and_changes_nothing()
    {
        var (key, manager, _) = await ExampleAsync();
        async Task Expect(HttpResponseMessage response, HttpStatusCode status, string? field = null)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(status, body);
            if ((int)status >= 400) response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            if (field is not null) JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body);
        }

        var url = $"/api/projects/{key}/costs";
        await Expect(await fx.Http.PostJsonAsync(url, new { date = D(-1), category = "Services", amount = -5 }), HttpStatusCode.BadRequest, "amount");
        await Expect(await fx.Http.PostJsonAsync(url, new { date = D(-1), category = "Services", amount = 5, currency = "EUR" }), HttpStatusCode.UnprocessableEntity);
        await Expect(await fx.Http.PostJsonAsync(url, new { date = D(-1), category = "Services", amount = 5, currency = "yen!" }), HttpStatusCode.BadRequest, "currency");
        await Expect(await fx.Http.PostJsonAsync(url, new { date = D(3), category = "Services", amount = 5 }), HttpStatusCode.BadRequest, "date");
        await Expect(await fx.Http.PostJsonAsync(url, new { date = D(-1), category = "Beer", amount = 5 }), HttpStatusCode.BadRequest);
        await Expect(await fx.Http.PostJsonAsync(url, new { date = D(-1), category = "Services", amount = 1e15 }), HttpStatusCode.BadRequest, "amount");
        await Expect(await fx.Http.PostJsonAsync(url, new { date = D(-1), category = "Services", amount = 5, description = "a\u0000b" }), HttpStatusCode.BadRequest, "description");
        using var stranger = fx.As($"x-{Guid.NewGuid():N}", Roles.PsoStaff);
        await Expect(await stranger.PostJsonAsync(url, new { date = D(-1), category = "Services", amount = 5 }), HttpStatusCode.NotFound);
        await Expect(await fx.Http.DeleteAsync($"{url}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        var budget = $"/api/projects/{key}/cost/budget";
        var month = Today.ToString("yyyy-MM");
        await Expect(await fx.Http.PutAsJsonAsync(budget, new { lines = new[] { new { period = "2027-13", category = "Other", amount = 1 } } }, Json.Options), HttpStatusCode.BadRequest, "lines[0].period");
        await Expect(await fx.Http.PutAsJsonAsync(budget, new { lines = new[] { new { period = month, category = "Other", amount = -1 } } }, Json.Options), HttpStatusCode.BadRequest, "lines[0].amount");
        await Expect(await fx.Http.PutAsJsonAsync(budget, new { lines = new[] { new { period = month, category = "Other", amount = 1 }, new { period = month, category = "Other", amount = 2 } } }, Json.Options),
            HttpStatusCode.BadRequest, "lines");
        await Expect(await fx.Http.PutAsJsonAsync(budget, new { }, Json.Options), HttpStatusCode.BadRequest, "lines");
        using var pm = fx.As(manager, Roles.PsoStaff);
        (await pm.PutAsJsonAsync(budget, new { lines = Array.Empty<object>() }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Expect(await fx.Http.PatchAsJsonAsync($"/api/projects/{key}", new { currency = "EUR" }, Json.Options), HttpStatusCode.OK);
        (await pm.PostJsonAsync(url, new { date = D(-1), category = "Services", amount = 5, currency = "EUR" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Expect(await fx.Http.PatchAsJsonAsync($"/api/projects/{key}", new { currency = "USD" }, Json.Options), HttpStatusCode.Conflict);
        await Expect(await fx.Http.PostJsonAsync("/api/projects", new { name = "x", manager, currency = "euro" }), HttpStatusCode.BadRequest, "currency");
        await Expect(await fx.Http.GetAsync($"/api/projects/{key}/cost?asOf=0001-01-01"), HttpStatusCode.BadRequest, "asOf");
        await Expect(await fx.Http.PostJsonAsync($"/api/projects/{key}/tasks", new { title = "t", budget = -1 }), HttpStatusCode.BadRequest, "budget");
        (await fx.Http.GetAsync<CostView>($"/api/projects/{key}/cost")).Ac.ShouldBe(5m);
    }
}
