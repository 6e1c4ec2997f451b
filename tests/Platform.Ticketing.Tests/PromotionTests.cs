using Platform.Contracts.Projects;

namespace Platform.Ticketing.Tests;

/// <summary>Ticketing's half of ticket → project issue and back; the probe plays the projects service on the bus.</summary>
public class PromotionTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private Task<TicketResponse> GetAsync(string key) => Http.GetTicketAsync(key);

    private async Task<(Guid Id, string Key)> CreateAssignedAsync()
    {
        var created = await Http.RaiseTicketAsync("Core switch drops packets", "Building B loses network every hour.", "network",
            "High", "High", requester: await fx.JoinOnceAsync("alice", Roles.Requester));
        await Http.AssignAsync(created.Key, "bob");
        return (created.Id, created.Key);
    }

    private static bool HasComment(TicketResponse t, CommentKind kind, string text) =>
        t.Comments!.Any(c => c.Kind == kind && c.Body.Contains(text));

    [Fact]
    public async Task Promote_link_resolve_and_reopen_follow_the_project_issue()
    {
        var project = await fx.KnownProjectAsync();
        var (ticketId, key) = await CreateAssignedAsync();

        var promote = await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { projectKey = project.Key });
        promote.StatusCode.ShouldBe(HttpStatusCode.Accepted, await promote.Content.ReadAsStringAsync());
        var promoted = await promote.ReadAsync<TicketResponse>();
        promoted.Status.ShouldBe(TicketStatus.WithProject);
        promoted.Project.ShouldNotBeNull().ProjectKey.ShouldBe(project.Key);

        var evt = await fx.Bus.WaitForAsync<TicketPromotedToProject>(e => e.TicketId == ticketId);
        evt.ProjectId.ShouldBe(project.Id);
        evt.TicketKey.ShouldBe(key);
        evt.Priority.ShouldBe("P1");

        // promoting twice is refused, so is moving it by hand
        (await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { projectId = project.Id })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var byHand = await Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "resolve" });
        byHand.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await byHand.ReadJsonAsync()).Str("code").ShouldBe("with-project");

        var issueId = Guid.NewGuid();
        await fx.Bus.PublishAsync(new ProjectIssueCreated(issueId, "ISS-77", project.Id, project.Key, evt.Title, "Critical",
            ticketId, key, DateTimeOffset.UtcNow), Guid.NewGuid());
        var linked = await Eventually.GetAsync(() => GetAsync(key), t => t.Project?.IssueKey is not null);
        linked.Project!.IssueKey.ShouldBe("ISS-77");
        linked.Project.Href.ShouldBe($"/api/projects/{project.Id}/issues/{issueId}");
        linked.Status.ShouldBe(TicketStatus.WithProject);

        var resolvedId = Guid.NewGuid();
        var resolvedEvent = new ProjectIssueResolved(issueId, "ISS-77", project.Id, project.Key, ticketId, "Firmware upgraded",
            "pm", DateTimeOffset.UtcNow);
        // delivered three times: one resolution, one comment
        for (var i = 0; i < 3; i++) await fx.Bus.PublishAsync(resolvedEvent, resolvedId);
        var resolved = await Eventually.GetAsync(() => GetAsync(key), t => t.Status == TicketStatus.Resolved
            && HasComment(t, CommentKind.System, "ISS-77 was resolved"));
        await Task.Delay(500); // a second comment would have arrived by now
        resolved = await GetAsync(key);
        var systemComments = resolved.Comments!.Where(c => c.Kind == CommentKind.System && c.Body.Contains("ISS-77 was resolved")).ToList();
        systemComments.Count.ShouldBe(1);
        systemComments[0].Body.ShouldContain("Firmware upgraded");
        // The code and values a client words the comment with in its reader's language, read back from the database.
        systemComments[0].Code.ShouldBe("issue-resolved-ticket-resolved");
        systemComments[0].Args.ShouldNotBeNull().ShouldBe(
            new Dictionary<string, string> { ["issue"] = "ISS-77", ["resolution"] = "Firmware upgraded" }, ignoreOrder: true);

        await fx.Bus.PublishAsync(new ProjectIssueReopened(issueId, "ISS-77", project.Id, project.Key, ticketId, "Drops again",
            "pm", DateTimeOffset.UtcNow), Guid.NewGuid());
        var reopened = await Eventually.GetAsync(() => GetAsync(key), t => t.Status == TicketStatus.WithProject);
        reopened.Comments!.ShouldContain(c => c.Body.Contains("ISS-77 was reopened"));
    }

    [Fact]
    public async Task A_rejected_promotion_gives_the_ticket_back()
    {
        var project = await fx.KnownProjectAsync();
        var (ticketId, key) = await CreateAssignedAsync();
        (await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { projectId = project.Id })).EnsureSuccessStatusCode();
        await fx.Bus.PublishAsync(new TicketPromotionRejected(ticketId, key, project.Id, "project is archived", DateTimeOffset.UtcNow), Guid.NewGuid());

        var back = await Eventually.GetAsync(() => GetAsync(key), t => t.Status == TicketStatus.Assigned);
        back.Project.ShouldBeNull();
        back.Comments!.ShouldContain(c => c.Body.Contains("project is archived"));
    }
}
