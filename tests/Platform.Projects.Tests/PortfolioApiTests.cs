namespace Platform.Projects.Tests;

public class PortfolioApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<string> CreateProjectAsync(string manager)
    {
        await fx.PeopleAsync(manager, "coo");
        var project = await Http.CreateProjectAsync(new { name = "CRM", manager, sponsor = "coo", code = "CRM-1", phase = "Execution", budget = 120000 });
        project.ShouldBe(project with { Name = "CRM", Manager = manager, Sponsor = "coo", Code = "CRM-1", Phase = "Execution", Budget = 120000m });
        return project.Key;
    }

    [Fact]
    public async Task Health_is_computed_with_reasons_and_a_PMO_override_shows_as_such()
    {
        var manager = $"pm-{Guid.NewGuid():N}";
        var key = await CreateProjectAsync(manager);
        var health = await Http.GetAsync<StandingView>($"/api/projects/{key}/health");
        health.ShouldBe(health with { ProjectKey = key, Name = "CRM", Phase = "Execution", Health = "Green", ComputedHealth = "Green", Override = null });
        health.Reasons.ShouldBeEmpty();

        (await Http.PostJsonAsync($"/api/projects/{key}/issues", new { title = "Data loss in import", severity = "Critical" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var (p, i) in new[] { (3, 5), (2, 2), (4, 3), (1, 1) })
            (await Http.PostJsonAsync($"/api/projects/{key}/risks", new { title = $"Risk {p}x{i}", probability = p, impact = i })).StatusCode.ShouldBe(HttpStatusCode.Created);

        health = await Http.GetAsync<StandingView>($"/api/projects/{key}/health");
        health.Health.ShouldBe("Red");
        health.ComputedHealth.ShouldBe("Red");
        var areas = health.Reasons.Select(r => r.Area).ToList();
        areas.ShouldContain("issues");
        areas.ShouldContain("risks");
        areas.ShouldContain("escalations"); // the 3×5 risk was escalated by rule
        health.TopRisks.Select(r => r.Score).ShouldBe([15, 12, 4]);
        health.OpenIssues.ShouldBe(1);

        using var pm = fx.As(manager, Roles.PsoStaff);
        (await pm.PutAsJsonAsync($"/api/projects/{key}/health/override", new { health = "Amber", comment = "Fix deployed" }, Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Http.PutAsJsonAsync($"/api/projects/{key}/health/override", new { health = "Amber" }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var overridden = await (await Http.PutAsJsonAsync($"/api/projects/{key}/health/override",
            new { health = "Amber", comment = "Import fix deployed, data restored" }, Json.Options)).ReadAsync<StandingView>();
        overridden.Health.ShouldBe("Amber");
        overridden.ComputedHealth.ShouldBe("Red");
        overridden.Override.ShouldNotBeNull();
        overridden.Override.ShouldBe(overridden.Override with { Health = "Amber", Comment = "Import fix deployed, data restored", By = "carol" });

        var mine = (await pm.GetAsync<PageView<StandingView>>("/api/portfolio?limit=200")).Items;
        mine.Select(p => p.ProjectKey).ShouldBe([key]);
        mine[0].Health.ShouldBe("Amber");
        mine[0].Override.ShouldNotBeNull();

        (await Http.DeleteAsync($"/api/projects/{key}/health/override")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var cleared = await pm.GetAsync<StandingView>($"/api/projects/{key}/health");
        cleared.Health.ShouldBe("Red");
        cleared.Override.ShouldBeNull();
    }

    [Fact]
    public async Task PMO_sees_every_project_in_the_portfolio_and_others_only_theirs()
    {
        var a = await CreateProjectAsync("pm-a");
        var b = await CreateProjectAsync("pm-b");
        var all = (await Http.AllPagesAsync<StandingView>("/api/portfolio?limit=2")).Select(p => p.ProjectKey).ToList();
        all.ShouldContain(a);
        all.ShouldContain(b);

        using var stranger = fx.As($"s-{Guid.NewGuid():N}", Roles.PsoStaff);
        (await stranger.GetAsync<PageView<StandingView>>("/api/portfolio")).Items.ShouldBeEmpty();
        (await stranger.GetAsync($"/api/projects/{a}/health")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/portfolio?health=Purple")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var green = await Http.GetAsync<PageView<StandingView>>("/api/portfolio?health=Green&limit=200");
        green.Items.ShouldNotBeEmpty(); // a and b have nothing wrong with them
        green.Items.ShouldAllBe(p => p.Health == "Green");
    }
}
