using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Projects.Features;
using Platform.Projects.Jobs;

namespace Platform.Projects.Tests;

public class ScheduleApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private HttpClient Http => fx.Http;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);


    /// <summary>A project of "pm" sponsored by "cfo"; "ann" (a task owner) is known too.</summary>
    private async Task<string> CreateProjectAsync()
    {
        await fx.PeopleAsync("pm", "cfo", "ann");
        return (await Http.CreateProjectAsync(new { name = "Warehouse WMS", manager = "pm", sponsor = "cfo" })).Key;
    }

    private async Task<JsonElement> PostAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        return await (await Http.PostJsonAsync(url, body)).ReadJsonAsync(expected);
    }

    [Fact]
    public async Task Progress_rolls_up_from_tasks_to_milestones_to_the_project()
    {
        var key = await CreateProjectAsync();
        var design = await PostAsync($"/api/projects/{key}/milestones", new { name = "Design signed off", dueDate = Today.AddDays(10) });
        var build = await PostAsync($"/api/projects/{key}/milestones", new { name = "Built", dueDate = Today.AddDays(40) });
        var spec = await PostAsync($"/api/projects/{key}/tasks", new { title = "Spec", owner = "ann", milestoneId = design.Str("id"), estimateHours = 10,
            startDate = Today.AddDays(-10), dueDate = Today });
        var review = await PostAsync($"/api/projects/{key}/tasks", new { title = "Review", milestoneId = design.Str("id"), estimateHours = 30,
            dependsOn = new[] { spec.Str("key") } });
        await PostAsync($"/api/projects/{key}/tasks", new { title = "Code", milestoneId = build.Str("id"), estimateHours = 60 });

        var early = await Http.PatchJsonAsync($"/api/projects/{key}/tasks/{review.Str("key")}", new { percentDone = 10 });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.ReadJsonAsync()).Str("code").ShouldBe("predecessor-not-finished");
        (await Http.PatchJsonAsync($"/api/projects/{key}/tasks/{spec.Str("key")}", new { percentDone = 100 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.PatchJsonAsync($"/api/projects/{key}/tasks/{review.Str("key")}", new { percentDone = 50 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var progress = await (await Http.GetAsync($"/api/projects/{key}/progress")).ReadJsonAsync();
        // (10×100 + 30×50 + 60×0) / 100 = 25 %; plan: spec due today (100 %), the undated ones at their actual.
        progress.GetProperty("progress").GetInt32().ShouldBe(25);
        progress.GetProperty("plannedProgress").GetInt32().ShouldBe(25);
        var milestones = progress.GetProperty("milestones").EnumerateArray().ToList();
        milestones.Select(m => m.Str("name")).ShouldBe(["Design signed off", "Built"]);
        milestones[0].GetProperty("progress").GetInt32().ShouldBe(63); // (10×100 + 30×50) / 40 = 62.5
        milestones[1].GetProperty("progress").GetInt32().ShouldBe(0);

        // Behind plan: spec moved back to 50 % while due today.
        (await Http.PatchJsonAsync($"/api/projects/{key}/tasks/{spec.Str("key")}", new { percentDone = 50 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var behind = await (await Http.GetAsync($"/api/projects/{key}/progress")).ReadJsonAsync();
        behind.GetProperty("scheduleVariance").GetInt32().ShouldBe(-5);
    }

    [Fact]
    public async Task Dependencies_refuse_cycles_and_bad_input_is_a_problem()
    {
        var key = await CreateProjectAsync();
        var a = (await PostAsync($"/api/projects/{key}/tasks", new { title = "A" })).Str("key");
        var b = (await PostAsync($"/api/projects/{key}/tasks", new { title = "B", dependsOn = new[] { a } })).Str("key");
        var c = (await PostAsync($"/api/projects/{key}/tasks", new { title = "C", dependsOn = new[] { b } })).Str("key");
        var cycle = await Http.PostJsonAsync($"/api/projects/{key}/tasks/{a}/dependencies", new { dependsOn = c });
        cycle.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await cycle.ReadJsonAsync()).Str("code").ShouldBe("dependency-cycle");
        (await Http.PostJsonAsync($"/api/projects/{key}/tasks/{c}/dependencies", new { dependsOn = a })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.DeleteAsync($"/api/projects/{key}/tasks/{b}/dependencies/{a}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Http.PostJsonAsync($"/api/projects/{key}/tasks/{a}/dependencies", new { dependsOn = b })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Http.PostJsonAsync($"/api/projects/{key}/tasks", new { title = "x", estimateHours = -1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/projects/{key}/tasks", new { title = "x", startDate = Today, dueDate = Today.AddDays(-1) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/projects/{key}/tasks", new { title = "x", milestoneId = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PostJsonAsync($"/api/projects/{key}/tasks", new { title = "x", dependsOn = new[] { "TSK-999999" } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PostRawAsync($"/api/projects/{key}/tasks", """{"title": "x", "dependsOn": [null, ""]}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PatchJsonAsync($"/api/projects/{key}/tasks/{a}", new { percentDone = 101 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PatchJsonAsync($"/api/projects/{key}/tasks/{a}", new { dueDate = "2020-01-01", startDate = "2021-01-01" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Http.PostJsonAsync($"/api/projects/{key}/milestones", new { name = "m" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync($"/api/projects/{key}/tasks/TSK-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var outsider = fx.As("nobody", "pso-staff");
        (await outsider.GetAsync($"/api/projects/{key}/progress")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_overdue_milestone_is_announced_and_escalated_once_by_any_number_of_checkers()
    {
        var key = await CreateProjectAsync();
        var milestone = await PostAsync($"/api/projects/{key}/milestones", new { name = "Cut-over", dueDate = Today.AddDays(2) });
        await PostAsync($"/api/projects/{key}/tasks", new { title = "Migrate stock", milestoneId = milestone.Str("id"), estimateHours = 8 });
        var id = milestone.GetProperty("id").GetGuid();

        // Two replicas whose clocks say it is three days later.
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var replicaA = Replica(clock);
        await using var replicaB = Replica(clock);
        var checkers = new[] { replicaA, replicaB }.Select(r => r.Services.GetRequiredService<OverdueMilestoneChecker>()).ToList();

        (await Task.WhenAll(checkers.Select(c => c.CheckAsync(CancellationToken.None)))).Sum().ShouldBe(0);
        clock.Advance(TimeSpan.FromDays(3));
        await Task.WhenAll(checkers.SelectMany(c => Enumerable.Range(0, 3).Select(_ => c.CheckAsync(CancellationToken.None))));
        await Task.WhenAll(checkers.Select(c => c.CheckAsync(CancellationToken.None)));

        var overdue = await fx.Bus.WaitForAsync<MilestoneOverdue>(e => e.MilestoneId == id);
        overdue.ProjectKey.ShouldBe(key);
        overdue.DueDate.ShouldBe(Today.AddDays(2));
        overdue.ProgressPercent.ShouldBe(0);
        var escalation = await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == key);
        escalation.Rule.ShouldBe("MilestoneOverdue");
        escalation.SourceId.ShouldBe(id.ToString());
        escalation.NotifyUsers.ShouldBe(["pm", "cfo"], ignoreOrder: true);
        await Task.Delay(1500);
        fx.Bus.Messages<MilestoneOverdue>().Count(e => e.MilestoneId == id).ShouldBe(1);
        fx.Bus.Messages<ProjectEscalationRaised>().Count(e => e.ProjectKey == key).ShouldBe(1);

        using var late = replicaA.CreateClient();
        late.DefaultRequestHeaders.Authorization = fx.Http.DefaultRequestHeaders.Authorization;
        var progress = await (await late.GetAsync($"/api/projects/{key}/progress")).ReadJsonAsync();
        progress.GetProperty("overdueMilestones").GetInt32().ShouldBe(1);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Replica(SettableClock clock) =>
        fx.Service.WithWebHostBuilder(b =>
        {
            b.UseSetting("Projects:OverdueCheckerEnabled", "false");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
}
