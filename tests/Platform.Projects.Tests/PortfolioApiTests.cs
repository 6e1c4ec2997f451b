using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Projects.Tests;

public class PortfolioApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<string> CreateProjectAsync(string manager)
    {
        var response = await Http.PostJsonAsync("/api/projects", new { name = "CRM", manager, sponsor = "coo", code = "CRM-1", phase = "Execution", budget = 120000 });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).Str("key");
    }

    [Fact]
    public async Task Health_is_computed_with_reasons_and_a_PMO_override_shows_as_such()
    {
        var manager = $"pm-{Guid.NewGuid():N}";
        var key = await CreateProjectAsync(manager);
        var health = await (await Http.GetAsync($"/api/projects/{key}/health")).ReadJsonAsync();
        health.Str("health").ShouldBe("Green");
        health.GetProperty("reasons").GetArrayLength().ShouldBe(0);

        (await Http.PostJsonAsync($"/api/projects/{key}/issues", new { title = "Data loss in import", severity = "Critical" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var (p, i) in new[] { (3, 5), (2, 2), (4, 3), (1, 1) })
            (await Http.PostJsonAsync($"/api/projects/{key}/risks", new { title = $"Risk {p}x{i}", probability = p, impact = i })).StatusCode.ShouldBe(HttpStatusCode.Created);

        health = await (await Http.GetAsync($"/api/projects/{key}/health")).ReadJsonAsync();
        health.Str("health").ShouldBe("Red");
        health.Str("computedHealth").ShouldBe("Red");
        var areas = health.GetProperty("reasons").EnumerateArray().Select(r => r.Str("area")).ToList();
        areas.ShouldContain("issues");
        areas.ShouldContain("risks");
        areas.ShouldContain("escalations"); // the 3×5 risk was escalated by rule
        health.GetProperty("topRisks").EnumerateArray().Select(r => r.GetProperty("score").GetInt32()).ShouldBe([15, 12, 4]);

        using var pm = fx.As(manager, Roles.PsoStaff);
        (await pm.PutAsJsonAsync($"/api/projects/{key}/health/override", new { health = "Amber", comment = "Fix deployed" }, Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Http.PutAsJsonAsync($"/api/projects/{key}/health/override", new { health = "Amber" }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var overridden = await (await Http.PutAsJsonAsync($"/api/projects/{key}/health/override",
            new { health = "Amber", comment = "Import fix deployed, data restored" }, Json.Options)).ReadJsonAsync();
        overridden.Str("health").ShouldBe("Amber");
        overridden.Str("computedHealth").ShouldBe("Red");
        overridden.GetProperty("override").Str("comment").ShouldBe("Import fix deployed, data restored");
        overridden.GetProperty("override").Str("by").ShouldBe("carol");

        var portfolio = await (await pm.GetAsync("/api/portfolio?limit=200")).ReadJsonAsync();
        var mine = portfolio.GetProperty("items").EnumerateArray().ToList();
        mine.Select(p => p.Str("projectKey")).ShouldBe([key]);
        mine[0].Str("health").ShouldBe("Amber");
        mine[0].GetProperty("override").ValueKind.ShouldBe(JsonValueKind.Object);

        (await Http.DeleteAsync($"/api/projects/{key}/health/override")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await pm.GetAsync($"/api/projects/{key}/health")).ReadJsonAsync()).Str("health").ShouldBe("Red");
    }

    [Fact]
    public async Task PMO_sees_every_project_in_the_portfolio_and_others_only_theirs()
    {
        var a = await CreateProjectAsync("pm-a");
        var b = await CreateProjectAsync("pm-b");
        var all = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await Http.GetAsync("/api/portfolio?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"))).ReadJsonAsync();
            all.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.Str("projectKey")));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
        } while (cursor is not null);
        all.ShouldContain(a);
        all.ShouldContain(b);

        using var stranger = fx.As($"s-{Guid.NewGuid():N}", Roles.PsoStaff);
        (await (await stranger.GetAsync("/api/portfolio")).ReadJsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await stranger.GetAsync($"/api/projects/{a}/health")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/portfolio?health=Purple")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var green = await (await Http.GetAsync("/api/portfolio?health=Green&limit=200")).ReadJsonAsync();
        green.GetProperty("items").EnumerateArray().ShouldAllBe(p => p.Str("health") == "Green");
    }
}
