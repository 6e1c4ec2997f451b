namespace Platform.Projects.Tests;

/// <summary>Idempotency-Key on projects' POSTs: a retried create lands once.</summary>
public class IdempotencyTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    [Fact]
    public async Task A_project_create_retried_with_the_same_key_makes_one_project()
    {
        var name = "Idempotent move " + Guid.NewGuid().ToString("N")[..8];
        var body = new { name, description = "Move HQ", manager = "pm", startDate = "2026-12-01", endDate = "2027-03-31" };
        var key = Guid.NewGuid().ToString();
        await fx.PeopleAsync("pm");

        var first = await fx.Http.PostJsonAsync("/api/projects", body, key);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var retry = await fx.Http.PostJsonAsync("/api/projects", body, key);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await fx.WithDbAsync(db => db.Projects.CountAsync(p => p.Name == name))).ShouldBe(1);
    }
}
