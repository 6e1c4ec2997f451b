using Platform.Contracts.People;
using Platform.Data;
using Platform.Data.People;
using Platform.Messaging.Inbox;

namespace Platform.Projects.Tests;

/// <summary>
/// Projects' copy of the people directory: a leaver's memberships end as a manager's removal would (ProjectMemberRemoved
/// for each project), their allocations end on the leaving date, what they own is listed as orphaned, and old or
/// redelivered events change nothing.
/// </summary>
public class PeopleDirectoryTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private HttpClient Http => fx.Http;
    private const string Consumer = "PeopleDirectoryConsumer";

    private async Task<AllocationView> AllocateAsync(string key, string user, int percent, DateOnly from, DateOnly to) =>
        (await (await Http.PostJsonAsync($"/api/projects/{key}/allocations", new { userId = user, percent, from, to }))
            .ReadAsync<AllocationResultView>(HttpStatusCode.Created)).Allocation;

    private async Task<List<string>> MembersAsync(string key) =>
        (await (await Http.GetAsync($"/api/projects/{key}/members")).ReadJsonAsync()).EnumerateArray().Select(m => m.Str("userId")).ToList();

    private Task<DirectoryPerson?> PersonAsync(string userId) =>
        fx.WithDbAsync(db => db.Set<DirectoryPerson>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId));

    private Task<bool> ProcessedAsync(Guid messageId) =>
        fx.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == Consumer));

    /// <summary>The audit entries recording that <paramref name="userId"/> left a project (Changes is jsonb: filtered here).</summary>
    private async Task<List<AuditEntry>> TrailAsync(string userId) =>
        (await fx.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == "PersonLeft").ToListAsync()))
            .Where(e => e.Changes.Contains(userId, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_leaver_leaves_every_project_their_allocations_end_on_the_leaving_day_and_what_they_own_is_listed()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var leaver = $"leaver-{Guid.NewGuid():N}";
        var manager = $"pm-{Guid.NewGuid():N}";
        await fx.PeopleAsync(leaver, manager);
        var a = await Http.ProjectWithMemberAsync(leaver, manager);
        var b = await Http.ProjectWithMemberAsync(leaver, manager);
        var theirs = (await Http.CreateProjectAsync(new { name = "Led by the leaver", manager = leaver })).Key;

        var running = await AllocateAsync(a, leaver, 50, today.AddDays(-10), today.AddDays(30));
        var past = await AllocateAsync(a, leaver, 20, today.AddDays(-40), today.AddDays(-20));
        var future = await AllocateAsync(b, leaver, 30, today.AddDays(5), today.AddDays(60));
        var issue = await (await Http.PostJsonAsync($"/api/projects/{a}/issues", new { title = "Firewall rules", severity = "High", owner = leaver }))
            .ReadJsonAsync();
        var closed = await (await Http.PostJsonAsync($"/api/projects/{a}/issues", new { title = "Old one", severity = "Low", owner = leaver }))
            .ReadJsonAsync();
        (await Http.PostJsonAsync($"/api/projects/{a}/issues/{closed.Str("key")}/transitions", new { action = "Resolve" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var task = await (await Http.PostJsonAsync($"/api/projects/{b}/tasks", new { title = "Cut-over plan", owner = leaver })).ReadJsonAsync();
        var risk = await (await Http.PostJsonAsync($"/api/projects/{b}/risks", new { title = "Key engineer leaves", probability = 2, impact = 2, owner = leaver }))
            .ReadJsonAsync();

        await fx.LeaveAsync(leaver);

        // No longer a member of either project, announced once per project through the outbox (assets asks for the kit back).
        (await Eventually.GetAsync(() => MembersAsync(a), m => !m.Contains(leaver))).ShouldNotContain(leaver);
        (await MembersAsync(b)).ShouldNotContain(leaver);
        (await fx.Bus.WaitForAsync<ProjectMemberRemoved>(e => e.UserId == leaver && e.ProjectKey == a)).ProjectKey.ShouldBe(a);
        (await fx.Bus.WaitForAsync<ProjectMemberRemoved>(e => e.UserId == leaver && e.ProjectKey == b)).ProjectKey.ShouldBe(b);
        // The project they manage keeps its manager until someone else is named; it is listed as orphaned.
        (await MembersAsync(theirs)).ShouldContain(leaver);

        // Allocations: the running one ends on the leaving day, the later one is gone, the past one stays.
        var left = await Http.GetAsync<PersonAllocationsView>($"/api/people/{leaver}/allocations");
        left.Allocations.Select(x => (x.Id, x.From, x.To)).ShouldBe(
            [(past.Id, past.From, past.To), (running.Id, running.From, today)], ignoreOrder: true);
        left.Allocations.ShouldNotContain(x => x.Id == future.Id);

        // A trace on each project they left.
        var trail = await TrailAsync(leaver);
        trail.Count.ShouldBe(3);
        trail.ShouldAllBe(e => e.Entity == "projects" && e.Actor == "system");

        // What they own stays theirs, and is found: open issue (not the resolved one), active risk, unfinished task; the project they manage.
        var orphansOfA = await (await Http.GetAsync($"/api/projects/{a}/orphans")).ReadJsonAsync();
        orphansOfA.EnumerateArray().Select(o => (o.Str("kind"), o.Str("key"), o.Str("field"), o.Str("userId"))).ShouldBe(
            [("Issue", issue.Str("key"), "owner", leaver)]);
        orphansOfA[0].Str("leftOn").ShouldBe(today.ToString("yyyy-MM-dd"));
        var orphansOfB = await (await Http.GetAsync($"/api/projects/{b}/orphans")).ReadJsonAsync();
        orphansOfB.EnumerateArray().Select(o => (o.Str("kind"), o.Str("key"))).ShouldBe(
            [("Risk", risk.Str("key")), ("Task", task.Str("key"))], ignoreOrder: true);
        var orphansOfTheirs = await (await Http.GetAsync($"/api/projects/{theirs}/orphans")).ReadJsonAsync();
        orphansOfTheirs.EnumerateArray().Select(o => (o.Str("kind"), o.Str("key"), o.Str("field"))).ShouldBe([("Project", theirs, "manager")]);
        (await Http.GetAsync("/api/projects/PRJ-999999/orphans")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The PMO hands the leaver's project to a successor (joining it as its manager), then takes the leaver off it.
        (await Http.PatchJsonAsync($"/api/projects/{theirs}", new { manager = "ghost-successor" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var successor = await fx.JoinAsync($"pm-{Guid.NewGuid():N}", []);
        (await (await Http.PatchJsonAsync($"/api/projects/{theirs}", new { manager = successor })).ReadAsync<ProjectView>()).Manager.ShouldBe(successor);
        (await fx.Bus.WaitForAsync<ProjectMemberAdded>(e => e.UserId == successor)).ProjectKey.ShouldBe(theirs);
        (await (await Http.GetAsync($"/api/projects/{theirs}/orphans")).ReadJsonAsync()).GetArrayLength().ShouldBe(0);
        (await Http.DeleteAsync($"/api/projects/{theirs}/members/{leaver}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fx.Bus.WaitForAsync<ProjectMemberRemoved>(e => e.UserId == leaver && e.ProjectKey == theirs)).ProjectKey.ShouldBe(theirs);

        // Someone who left cannot be named again.
        var again = await Http.PostJsonAsync($"/api/projects/{a}/members", new { userId = leaver, role = "engineer" });
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.ReadJsonAsync()).Str("code").ShouldBe("unknown-person");
    }

    [Fact]
    public async Task Old_and_redelivered_events_change_nothing()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var leaver = $"leaver-{Guid.NewGuid():N}";
        await fx.PeopleAsync(leaver, "pm");
        var a = await Http.ProjectWithMemberAsync(leaver);
        var running = await AllocateAsync(a, leaver, 50, today.AddDays(-10), today.AddDays(30));

        var left = new PersonLeft(leaver, leaver, "Leaving Person", "IT", today.AddDays(2), 9_000_000, DateTimeOffset.UtcNow);
        var leftId = Guid.NewGuid();
        await fx.Bus.PublishAsync(left, leftId);
        await Eventually.GetAsync(() => ProcessedAsync(leftId), done => done);
        (await fx.Bus.WaitForAsync<ProjectMemberRemoved>(e => e.UserId == leaver)).ProjectKey.ShouldBe(a);
        var after = (await PersonAsync(leaver))!;
        (after.Active, after.LeftOn, after.Version).ShouldBe((false, today.AddDays(2), 9_000_000L));

        // Delivered again (same message id), a stale join (older version) and a stale leave with another date.
        await fx.Bus.PublishAsync(left, leftId);
        var staleJoinId = Guid.NewGuid();
        await fx.Bus.PublishAsync(new PersonJoined(leaver, leaver, "Came back?", null, "IT", null, [], 8_999_999, DateTimeOffset.UtcNow), staleJoinId);
        var staleLeftId = Guid.NewGuid();
        await fx.Bus.PublishAsync(left with { LeftOn = today.AddDays(-5), Version = 9_000_000 }, staleLeftId);
        await Eventually.GetAsync(async () => await ProcessedAsync(staleJoinId) && await ProcessedAsync(staleLeftId), done => done);

        var still = (await PersonAsync(leaver))!;
        (still.Active, still.LeftOn, still.Version, still.DisplayName).ShouldBe((false, today.AddDays(2), 9_000_000L, "Leaving Person"));
        var allocations = await Http.GetAsync<PersonAllocationsView>($"/api/people/{leaver}/allocations");
        allocations.Allocations.Single().ShouldBe(running with { To = today.AddDays(2) });
        (await fx.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == leftId))).ShouldBe(1);
        (await TrailAsync(leaver)).Count.ShouldBe(1);
        (await MembersAsync(a)).ShouldNotContain(leaver);
    }

    [Fact]
    public async Task Owners_of_tasks_deliverables_and_action_items_and_attendees_must_be_known()
    {
        var key = await Http.ProjectWithMemberAsync(await fx.JoinAsync($"dev-{Guid.NewGuid():N}", []), manager: await fx.JoinAsync("pm", []));
        foreach (var (url, body, field) in new (string, object, string)[]
                 {
                     ($"/api/projects/{key}/tasks", new { title = "t", owner = "ghost" }, "owner"),
                     ($"/api/projects/{key}/deliverables", new { name = "d", owner = "ghost" }, "owner"),
                     ($"/api/projects/{key}/risks", new { title = "r", probability = 1, impact = 1, owner = "ghost" }, "owner"),
                     ($"/api/projects/{key}/meetings", new { title = "m", scheduledAt = DateTimeOffset.UtcNow, attendees = new[] { "ghost" } }, "attendees"),
                 })
        {
            var response = await Http.PostJsonAsync(url, body);
            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, url);
            var problem = await response.ReadJsonAsync();
            problem.Str("code").ShouldBe("unknown-person");
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field], url);
        }

        var meeting = await (await Http.PostJsonAsync($"/api/projects/{key}/meetings", new { title = "m", scheduledAt = DateTimeOffset.UtcNow })).ReadJsonAsync();
        var item = await Http.PostJsonAsync($"/api/projects/{key}/meetings/{meeting.Str("key")}/action-items", new { title = "a", owner = "ghost", dueDate = "2027-01-01" });
        item.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var task = await (await Http.PostJsonAsync($"/api/projects/{key}/tasks", new { title = "t", owner = "pm" })).ReadJsonAsync();
        var reassigned = await Http.PatchJsonAsync($"/api/projects/{key}/tasks/{task.Str("key")}", new { owner = "ghost" });
        reassigned.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Http.GetAsync<JsonElement>($"/api/projects/{key}/tasks/{task.Str("key")}")).Str("owner").ShouldBe("pm");
        (await fx.WithDbAsync(db => db.Tasks.CountAsync(t => t.Owner == "ghost"))).ShouldBe(0);
    }
}
