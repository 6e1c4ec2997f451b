namespace Platform.Projects.Tests;

/// <summary>Who sees and works which project, checked by the projects service itself.</summary>
public class AuthorizationTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private async Task<ProjectView> CreateProjectAsync(string manager)
    {
        await fx.PeopleAsync(manager);
        return await fx.Http.CreateProjectAsync(new { name = "Data centre move", manager });
    }

    [Fact]
    public async Task Only_PMO_creates_projects()
    {
        foreach (var role in new[] { Roles.Requester, Roles.Agent, Roles.PsoStaff, Roles.Integration })
        {
            using var client = fx.As($"someone-{role}", role);
            (await client.PostJsonAsync("/api/projects", new { name = "n", manager = "m" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        }

        await fx.PeopleAsync("m");
        using var admin = fx.As("root", Roles.Admin);
        (await admin.PostJsonAsync("/api/projects", new { name = "n", manager = "m" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Members_see_their_projects_and_nobody_else_does()
    {
        var project = await CreateProjectAsync(manager: $"pm-{Guid.NewGuid():N}");
        var key = project.Key;
        var pso = await fx.JoinAsync($"pso-{Guid.NewGuid():N}", [Roles.PsoStaff]);
        using var dave = fx.As(pso, Roles.PsoStaff);

        (await dave.GetAsync($"/api/projects/{key}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await dave.GetAsync($"/api/projects/{project.Id}/issues")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var before = await (await dave.GetAsync("/api/projects?limit=200")).ReadJsonAsync();
        before.GetProperty("items").EnumerateArray().ShouldNotContain(p => p.Str("key") == key);

        var added = await fx.Http.PostJsonAsync($"/api/projects/{key}/members", new { userId = pso, role = "pso" });
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await fx.Bus.WaitForAsync<ProjectMemberAdded>(e => e.UserId == pso)).ProjectKey.ShouldBe(key);
        (await fx.Http.PostJsonAsync($"/api/projects/{key}/members", new { userId = pso, role = "pso" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await dave.GetAsync($"/api/projects/{key}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await (await dave.GetAsync("/api/projects?limit=200")).ReadJsonAsync();
        after.GetProperty("items").EnumerateArray().Select(p => p.Str("key")).ShouldBe([key]);
        var issue = await dave.PostJsonAsync($"/api/projects/{key}/issues", new { title = "Racks late", severity = "High" });
        issue.StatusCode.ShouldBe(HttpStatusCode.Created);

        (await fx.Http.DeleteAsync($"/api/projects/{key}/members/{pso}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fx.Bus.WaitForAsync<ProjectMemberRemoved>(e => e.UserId == pso)).ProjectKey.ShouldBe(key);
        (await dave.GetAsync($"/api/projects/{key}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_manager_manages_members_other_members_do_not()
    {
        var manager = $"pm-{Guid.NewGuid():N}";
        var key = (await CreateProjectAsync(manager)).Key;
        using var pm = fx.As(manager, Roles.PsoStaff);
        await fx.PeopleAsync("m1", "m2");
        (await pm.PostJsonAsync($"/api/projects/{key}/members", new { userId = "m1", role = "member" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var member = fx.As("m1", Roles.PsoStaff);
        (await member.GetAsync($"/api/projects/{key}/members")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.PostJsonAsync($"/api/projects/{key}/members", new { userId = "m2", role = "member" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pm.DeleteAsync($"/api/projects/{key}/members/{manager}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Integration_tools_read_every_project_but_change_nothing()
    {
        var key = (await CreateProjectAsync("pm")).Key;
        using var tool = fx.As("pm-tool", Roles.Integration);
        (await tool.GetAsync($"/api/projects/{key}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tool.GetAsync($"/api/projects/{key}/issues")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tool.PostJsonAsync($"/api/projects/{key}/issues", new { title = "t", severity = "Low" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var ticketsOnly = fx.WithToken(fx.Tokens.Token("monitoring", [Roles.Integration], scopes: ["tickets"]));
        (await ticketsOnly.GetAsync($"/api/projects/{key}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_tokens_are_refused()
    {
        foreach (var token in new[] { null, fx.Tokens.Expired("carol", Roles.PmoAnalyst), fx.Tokens.AlgNone("carol"),
                     fx.Tokens.ForeignSignature("carol", Roles.PmoAnalyst), fx.Tokens.WrongAudience("carol", Roles.PmoAnalyst) })
        {
            using var client = fx.WithToken(token);
            (await client.PostJsonAsync("/api/projects", new { name = "n", manager = "m" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }
}
