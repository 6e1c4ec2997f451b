namespace Platform.Projects.Tests;

public class MeetingApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_PSO_member_runs_a_meeting_whose_action_items_become_tracked_tasks()
    {
        var pso = $"pso-{Guid.NewGuid():N}";
        await fx.PeopleAsync(pso, "pm");
        var key = await fx.Http.ProjectWithMemberAsync(pso, role: "pso");
        using var member = fx.As(pso, Roles.PsoStaff);

        var created = await member.PostJsonAsync($"/api/projects/{key}/meetings", new
        {
            title = "Weekly steering", scheduledAt = DateTimeOffset.UtcNow, attendees = new[] { pso, "pm", "pm" }, agenda = new[] { "Budget", "Go-live date" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var meeting = await created.ReadJsonAsync();
        meeting.GetProperty("attendees").GetArrayLength().ShouldBe(2);
        var url = $"/api/projects/{key}/meetings/{meeting.Str("key")}";

        (await member.PatchAsJsonAsync(url, new { minutes = "Budget approved; go-live moved a week." }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.PostJsonAsync($"{url}/decisions", new { text = "Go-live on 14 December" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var late = await (await member.PostJsonAsync($"{url}/action-items", new { title = "Order signage", owner = "pm", dueDate = Today.AddDays(-2) })).ReadJsonAsync();
        late.Str("key").ShouldStartWith("TSK-");
        late.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        var onTime = await (await member.PostJsonAsync($"{url}/action-items", new { title = "Book movers", owner = pso, dueDate = Today.AddDays(5) })).ReadJsonAsync();

        var full = await (await member.GetAsync(url)).ReadJsonAsync();
        full.Str("minutes").ShouldStartWith("Budget approved");
        full.GetProperty("decisions").EnumerateArray().Select(d => d.Str("text")).ShouldBe(["Go-live on 14 December"]);
        full.GetProperty("actionItems").EnumerateArray().Select(t => t.Str("key")).ShouldBe([late.Str("key"), onTime.Str("key")]);

        // The action item is a task of the project like any other.
        var tasks = await (await member.GetAsync($"/api/projects/{key}/tasks?overdue=true")).ReadJsonAsync();
        tasks.GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ShouldBe([late.Str("key")]);

        var overdue = await (await member.GetAsync($"/api/meetings/action-items?overdue=true&project={key}")).ReadJsonAsync();
        var items = overdue.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("task").Str("key")).ShouldBe([late.Str("key")]);
        items[0].Str("meetingKey").ShouldBe(meeting.Str("key"));
        var mine = await (await member.GetAsync("/api/meetings/action-items?overdue=true")).ReadJsonAsync();
        mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("task").Str("key")).ShouldBe([late.Str("key")]);

        (await member.PatchAsJsonAsync($"/api/projects/{key}/tasks/{late.Str("key")}", new { percentDone = 100 }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await (await member.GetAsync($"/api/meetings/action-items?overdue=true&project={key}")).ReadJsonAsync();
        after.GetProperty("items").GetArrayLength().ShouldBe(0);
        var open = await (await member.GetAsync($"/api/meetings/action-items?project={key}")).ReadJsonAsync();
        open.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("task").Str("key")).ShouldBe([onTime.Str("key")]);

        using var stranger = fx.As($"x-{Guid.NewGuid():N}", Roles.PsoStaff);
        (await stranger.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await stranger.GetAsync($"/api/meetings/action-items?project={key}")).ReadJsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Bad_input_is_a_problem()
    {
        await fx.PeopleAsync("pm");
        var key = (await fx.Http.CreateProjectAsync(new { name = "x", manager = "pm" })).Key;
        var meetings = $"/api/projects/{key}/meetings";
        var strangers = await fx.Http.PostJsonAsync(meetings, new { title = "Kick-off", scheduledAt = DateTimeOffset.UtcNow, attendees = new[] { "pm", "ghost-1" } });
        strangers.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await strangers.ReadJsonAsync();
        problem.Str("code").ShouldBe("unknown-person");
        problem.GetProperty("errors").GetProperty("attendees")[0].GetString()!.ShouldContain("ghost-1");
        var bad = await fx.Http.PostJsonAsync(meetings, new { agenda = new[] { "" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "title", "scheduledAt", "agenda" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        var meeting = await (await fx.Http.PostJsonAsync(meetings, new { title = "Kick-off", scheduledAt = DateTimeOffset.UtcNow })).ReadJsonAsync();
        (await fx.Http.PostJsonAsync($"{meetings}/{meeting.Str("key")}/action-items", new { title = "t" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.Http.PostJsonAsync($"{meetings}/MTG-999999/decisions", new { text = "t" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fx.Http.GetAsync("/api/meetings/action-items?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.Http.GetAsync($"{meetings}?limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
