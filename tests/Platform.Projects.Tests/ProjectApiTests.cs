using Platform.Contracts.Ticketing;

namespace Platform.Projects.Tests;

public class ProjectApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<ProjectView> CreateProjectAsync(string name = "Office move")
    {
        await fx.PeopleAsync("pm");
        return await Http.CreateProjectAsync(new
        {
            name, description = "Move HQ to the new building", manager = "pm", startDate = "2026-12-01", endDate = "2027-03-31",
        });
    }

    private static TicketPromotedToProject Promotion(ProjectView project, Guid? ticketId = null) => new(
        ticketId ?? Guid.NewGuid(), $"HD-{Random.Shared.Next(1, 1_000_000)}", project.Id,
        project.Key, "Switch drops packets", "Every hour", "P1", "alice", "bob", DateTimeOffset.UtcNow);

    [Fact]
    public async Task Projects_are_created_listed_and_fetched_by_key_or_id()
    {
        var project = await CreateProjectAsync();
        project.Key.ShouldStartWith("PRJ-");
        project.ShouldBe(project with
        {
            Name = "Office move", Description = "Move HQ to the new building", Manager = "pm",
            StartDate = new DateOnly(2026, 12, 1), EndDate = new DateOnly(2027, 3, 31), Phase = "Initiation", Code = null, Sponsor = null, Budget = null,
        });
        (await Http.GetAsync<ProjectView>($"/api/projects/{project.Key}")).ShouldBe(project);
        (await Http.GetAsync<ProjectView>($"/api/projects/{project.Id}")).ShouldBe(project);

        var keys = (await Http.AllPagesAsync<ProjectView>("/api/projects?limit=1")).Select(p => p.Key).ToList();
        keys.ShouldContain(project.Key);
        keys.Distinct().Count().ShouldBe(keys.Count);

        var announced = await fx.Bus.WaitForAsync<ProjectCreated>(e => e.ProjectKey == project.Key);
        announced.Name.ShouldBe("Office move");
    }

    [Fact]
    public async Task Bad_input_answers_problem_details()
    {
        var missing = await Http.PostJsonAsync("/api/projects", new { description = "x" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await missing.ReadJsonAsync()).GetProperty("errors");
        errors.TryGetProperty("name", out _).ShouldBeTrue();
        errors.TryGetProperty("manager", out _).ShouldBeTrue();
        (await Http.PostJsonAsync("/api/projects", new { name = "n", manager = "m", startDate = "2027-01-02", endDate = "2027-01-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostRawAsync("/api/projects", """{"name": "n", "manager": "m", "startDate": "soon"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync("/api/projects/PRJ-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // People the directory does not know: 422 unknown-person naming each field, and nothing written.
        var name = $"Nobody's {Guid.NewGuid():N}";
        var unknown = await Http.PostJsonAsync("/api/projects", new { name, manager = "ghost-pm", sponsor = "ghost-sponsor" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await unknown.ReadJsonAsync();
        problem.Str("code").ShouldBe("unknown-person");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["manager", "sponsor"], ignoreOrder: true);
        (await fx.WithDbAsync(db => db.Projects.CountAsync(p => p.Name == name))).ShouldBe(0);

        var project = await CreateProjectAsync();
        var issues = $"/api/projects/{project.Key}/issues";
        var ownerless = await Http.PostJsonAsync(issues, new { title = "t", severity = "High", owner = "ghost-owner" });
        ownerless.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ownerless.ReadJsonAsync()).GetProperty("errors").TryGetProperty("owner", out _).ShouldBeTrue();
        var stranger = await Http.PostJsonAsync($"/api/projects/{project.Key}/members", new { userId = "ghost-member", role = "engineer" });
        stranger.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await stranger.ReadJsonAsync()).GetProperty("errors").TryGetProperty("userId", out _).ShouldBeTrue();
        var sponsorless = await Http.PatchJsonAsync($"/api/projects/{project.Key}", new { sponsor = "ghost-sponsor" });
        sponsorless.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Http.GetAsync<ProjectView>($"/api/projects/{project.Key}")).Sponsor.ShouldBeNull();
        (await Http.PostRawAsync(issues, """{"title": "t", "severity": "Apocalyptic"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync(issues, new { severity = "High" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync($"{issues}/ISS-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PostJsonAsync($"{issues}/ISS-999999/transitions", new { action = "Resolve" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PostJsonAsync("/api/projects/PRJ-999999/issues", new { title = "t", severity = "High" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Issues_move_through_their_workflow_and_announce_it()
    {
        var project = await CreateProjectAsync();
        var created = await Http.PostJsonAsync($"/api/projects/{project.Key}/issues",
            new { title = "Cabling late", description = "Supplier slipped", severity = "High", owner = "pm" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var issue = await created.ReadJsonAsync();
        var url = $"/api/projects/{project.Key}/issues/{issue.Str("key")}";

        var refused = await Http.PostJsonAsync($"{url}/transitions", new { action = "Reopen" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.ReadJsonAsync()).Str("code").ShouldBe("invalid-transition");

        (await (await Http.PostJsonAsync($"{url}/transitions", new { action = "Start" })).ReadJsonAsync()).Str("status").ShouldBe("InProgress");
        (await (await Http.PostJsonAsync($"{url}/transitions", new { action = "Resolve", note = "New supplier" })).ReadJsonAsync())
            .Str("resolution").ShouldBe("New supplier");
        (await (await Http.PostJsonAsync($"{url}/transitions", new { action = "Reopen", note = "Slipped again" })).ReadJsonAsync())
            .Str("status").ShouldBe("InProgress");

        var issueId = issue.GetProperty("id").GetGuid();
        (await fx.Bus.WaitForAsync<ProjectIssueResolved>(e => e.IssueId == issueId)).Resolution.ShouldBe("New supplier");
        (await fx.Bus.WaitForAsync<ProjectIssueReopened>(e => e.IssueId == issueId)).Reason.ShouldBe("Slipped again");

        var list = await (await Http.GetAsync($"/api/projects/{project.Key}/issues?status=InProgress")).ReadJsonAsync();
        list.GetProperty("items").EnumerateArray().Select(i => i.Str("key")).ShouldBe([issue.Str("key")]);
    }

    [Fact]
    public async Task A_promotion_delivered_three_times_opens_one_issue()
    {
        var project = await CreateProjectAsync();
        var promotion = Promotion(project);
        var messageId = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fx.Bus.PublishAsync(promotion, messageId)));

        var created = await fx.Bus.WaitForAsync<ProjectIssueCreated>(e => e.SourceTicketId == promotion.TicketId);
        created.ProjectKey.ShouldBe(project.Key);
        created.Severity.ShouldBe("Critical");
        created.SourceTicketKey.ShouldBe(promotion.TicketKey);

        await Task.Delay(1000); // let any redelivery land
        (await fx.WithDbAsync(db => db.Issues.CountAsync(i => i.SourceTicketId == promotion.TicketId))).ShouldBe(1);
        fx.Bus.Messages<ProjectIssueCreated>().Count(e => e.SourceTicketId == promotion.TicketId).ShouldBe(1);
        var inbox = await fx.WithDbAsync(db => db.Set<Platform.Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageId == messageId));
        inbox.ShouldBe(1);

        var issue = await (await Http.GetAsync($"/api/projects/{project.Key}/issues/{created.IssueKey}")).ReadJsonAsync();
        issue.GetProperty("sourceTicket").Str("key").ShouldBe(promotion.TicketKey);
        issue.GetProperty("sourceTicket").Str("href").ShouldBe($"/api/tickets/{promotion.TicketId}");
    }

    [Fact]
    public async Task Two_different_promotion_messages_for_one_ticket_still_open_one_issue()
    {
        var project = await CreateProjectAsync();
        var promotion = Promotion(project);
        await Task.WhenAll(fx.Bus.PublishAsync(promotion, Guid.NewGuid()), fx.Bus.PublishAsync(promotion, Guid.NewGuid()));

        await fx.Bus.WaitForAsync<ProjectIssueCreated>(e => e.SourceTicketId == promotion.TicketId);
        await Task.Delay(1500);
        (await fx.WithDbAsync(db => db.Issues.CountAsync(i => i.SourceTicketId == promotion.TicketId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_promotion_to_an_unknown_project_is_rejected_by_event()
    {
        var ticketId = Guid.NewGuid();
        await fx.Bus.PublishAsync(new TicketPromotedToProject(ticketId, "HD-5", Guid.NewGuid(), "PRJ-404", "t", "d", "P3",
            "alice", "bob", DateTimeOffset.UtcNow), Guid.NewGuid());
        var rejected = await fx.Bus.WaitForAsync<TicketPromotionRejected>(e => e.TicketId == ticketId);
        rejected.Reason.ShouldContain("PRJ-404");
        (await fx.WithDbAsync(db => db.Issues.AnyAsync(i => i.SourceTicketId == ticketId))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_reopened_ticket_reopens_its_resolved_issue_once_and_a_closed_issue_refuses()
    {
        var project = await CreateProjectAsync();
        var promotion = Promotion(project);
        await fx.Bus.PublishAsync(promotion, Guid.NewGuid());
        var created = await fx.Bus.WaitForAsync<ProjectIssueCreated>(e => e.SourceTicketId == promotion.TicketId);
        var url = $"/api/projects/{project.Key}/issues/{created.IssueKey}";
        (await Http.PostJsonAsync($"{url}/transitions", new { action = "Resolve", note = "Fixed" })).EnsureSuccessStatusCode();

        var reopened = new TicketReopened(promotion.TicketId, promotion.TicketKey, "alice", "It drops again", created.ProjectId,
            created.ProjectKey, created.IssueId, created.IssueKey, DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fx.Bus.PublishAsync(reopened, messageId)));

        var echo = await fx.Bus.WaitForAsync<ProjectIssueReopened>(e => e.IssueId == created.IssueId);
        echo.SourceTicketId.ShouldBe(promotion.TicketId);
        echo.Reason.ShouldContain("It drops again");
        echo.ReopenedBy.ShouldBe("alice");
        (await (await Http.GetAsync(url)).ReadJsonAsync()).Str("status").ShouldBe("InProgress");
        await Eventually.GetAsync(() => fx.WithDbAsync(db => db.Set<Platform.Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageId == messageId)),
            n => n == 1);

        // Resolved and closed, the issue cannot be reopened: projects says so and changes nothing.
        (await Http.PostJsonAsync($"{url}/transitions", new { action = "Resolve", note = "Fixed again" })).EnsureSuccessStatusCode();
        (await Http.PostJsonAsync($"{url}/transitions", new { action = "Close" })).EnsureSuccessStatusCode();
        await fx.Bus.PublishAsync(reopened with { OccurredAt = DateTimeOffset.UtcNow }, Guid.NewGuid());
        var refused = await fx.Bus.WaitForAsync<ProjectIssueReopenRefused>(e => e.TicketId == promotion.TicketId);
        refused.IssueKey.ShouldBe(created.IssueKey);
        refused.Reason.ShouldContain("closed");
        (await (await Http.GetAsync(url)).ReadJsonAsync()).Str("status").ShouldBe("Closed");
        fx.Bus.Messages<ProjectIssueReopened>().Count(e => e.IssueId == created.IssueId).ShouldBe(1);
    }
}
