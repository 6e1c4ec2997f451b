using System.Net;
using System.Text.Json;
using Platform.Contracts.Projects;
using Platform.Contracts.Ticketing;
using Platform.Testing;

namespace Platform.Ticketing.Tests;

/// <summary>Ticketing's half of ticket → project issue and back; the probe plays the projects service on the bus.</summary>
public class PromotionTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<JsonElement> GetAsync(string key) => await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();

    private async Task<(Guid Id, string Key)> CreateAssignedAsync()
    {
        var created = await (await Http.PostJsonAsync("/api/tickets", new
        {
            title = "Core switch drops packets", description = "Building B loses network every hour.",
            requester = "alice", category = "network", impact = "High", urgency = "High",
        })).ReadJsonAsync();
        var key = created.Str("key");
        (await Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" })).EnsureSuccessStatusCode();
        return (created.GetProperty("id").GetGuid(), key);
    }

    [Fact]
    public async Task Promote_link_resolve_and_reopen_follow_the_project_issue()
    {
        var project = await fx.KnownProjectAsync();
        var (ticketId, key) = await CreateAssignedAsync();

        var promote = await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { projectKey = project.Key });
        promote.StatusCode.ShouldBe(HttpStatusCode.Accepted, await promote.Content.ReadAsStringAsync());
        var promoted = await promote.ReadJsonAsync();
        promoted.Str("status").ShouldBe("WithProject");
        promoted.GetProperty("project").Str("projectKey").ShouldBe(project.Key);

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
        var linked = await Eventually.GetAsync(() => GetAsync(key),
            t => t.GetProperty("project").GetProperty("issueKey").ValueKind == JsonValueKind.String);
        linked.GetProperty("project").Str("issueKey").ShouldBe("ISS-77");
        linked.GetProperty("project").Str("href").ShouldBe($"/api/projects/{project.Id}/issues/{issueId}");
        linked.Str("status").ShouldBe("WithProject");

        var resolvedId = Guid.NewGuid();
        var resolvedEvent = new ProjectIssueResolved(issueId, "ISS-77", project.Id, project.Key, ticketId, "Firmware upgraded",
            "pm", DateTimeOffset.UtcNow);
        // delivered three times: one resolution, one comment
        for (var i = 0; i < 3; i++) await fx.Bus.PublishAsync(resolvedEvent, resolvedId);
        var resolved = await Eventually.GetAsync(() => GetAsync(key), t => t.Str("status") == "Resolved"
            && t.GetProperty("comments").EnumerateArray().Any(c => c.Str("kind") == "System" && c.Str("body").Contains("ISS-77 was resolved")));
        await Task.Delay(500); // a second comment would have arrived by now
        resolved = await GetAsync(key);
        var systemComments = resolved.GetProperty("comments").EnumerateArray()
            .Where(c => c.Str("kind") == "System" && c.Str("body").Contains("ISS-77 was resolved")).ToList();
        systemComments.Count.ShouldBe(1);
        systemComments[0].Str("body").ShouldContain("Firmware upgraded");

        await fx.Bus.PublishAsync(new ProjectIssueReopened(issueId, "ISS-77", project.Id, project.Key, ticketId, "Drops again",
            "pm", DateTimeOffset.UtcNow), Guid.NewGuid());
        var reopened = await Eventually.GetAsync(() => GetAsync(key), t => t.Str("status") == "WithProject");
        reopened.GetProperty("comments").EnumerateArray().ShouldContain(c => c.Str("body").Contains("ISS-77 was reopened"));
    }

    [Fact]
    public async Task A_rejected_promotion_gives_the_ticket_back()
    {
        var project = await fx.KnownProjectAsync();
        var (ticketId, key) = await CreateAssignedAsync();
        (await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { projectId = project.Id })).EnsureSuccessStatusCode();
        await fx.Bus.PublishAsync(new TicketPromotionRejected(ticketId, key, project.Id, "project is archived", DateTimeOffset.UtcNow), Guid.NewGuid());

        var back = await Eventually.GetAsync(() => GetAsync(key), t => t.Str("status") == "Assigned");
        back.GetProperty("project").ValueKind.ShouldBe(JsonValueKind.Null);
        back.GetProperty("comments").EnumerateArray().ShouldContain(c => c.Str("body").Contains("project is archived"));
    }
}
