using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Ticket → project issue, and back (DESIGN.md §5.1), through the gateway only: the events travel between the
/// real processes over RabbitMQ.
/// </summary>
public class PromotionFlowTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_promoted_ticket_follows_its_project_issue_through_resolve_and_reopen()
    {
        var project = await CreateProjectAsync();
        var projectKey = project.Str("key");
        var projectId = project.GetProperty("id").GetGuid();

        var ticket = await CreateStartedTicketAsync();
        var ticketKey = ticket.Str("key");
        var ticketId = ticket.GetProperty("id").GetGuid();
        ticket.Str("priority").ShouldBe("P1");

        // Promote (once ticketing has heard of the project)
        var promote = await PromoteWhenProjectKnownAsync(ticketKey, projectKey);
        await ShouldBeAsync(promote, HttpStatusCode.Accepted);
        var promoted = await promote.ReadJsonAsync();
        promoted.Str("status").ShouldBe("WithProject");
        promoted.GetProperty("project").Str("projectKey").ShouldBe(projectKey);
        promoted.GetProperty("project").GetProperty("projectId").GetGuid().ShouldBe(projectId);

        // Projects opens the issue; ticketing links it
        var linked = await Eventually.GetAsync(() => GetTicketAsync(ticketKey),
            t => t.GetProperty("project").GetProperty("issueKey").ValueKind == JsonValueKind.String, EventTimeout);
        var link = linked.GetProperty("project");
        var issueKey = link.Str("issueKey");
        issueKey.ShouldMatch(@"^ISS-\d+$");
        var href = link.Str("href");
        href.ShouldStartWith($"/api/projects/{projectId}/issues/");
        linked.Str("status").ShouldBe("WithProject");
        linked.GetProperty("comments").EnumerateArray()
            .ShouldContain(c => c.Str("kind") == "System" && c.Str("body").Contains(issueKey));

        // The issue, reached through the link the ticket gives
        var issueResponse = await Http.GetAsync(href);
        await ShouldBeAsync(issueResponse, HttpStatusCode.OK);
        var issue = await issueResponse.ReadJsonAsync();
        issue.Str("key").ShouldBe(issueKey);
        issue.Str("projectKey").ShouldBe(projectKey);
        issue.Str("status").ShouldBe("Open");
        issue.Str("severity").ShouldBe("Critical");
        issue.Str("title").ShouldContain(ticketKey);
        issue.GetProperty("sourceTicket").GetProperty("id").GetGuid().ShouldBe(ticketId);
        issue.GetProperty("sourceTicket").Str("key").ShouldBe(ticketKey);

        // Exactly one issue in the project for that ticket
        var issues = await (await Http.GetAsync($"/api/projects/{projectKey}/issues?limit=200")).ReadJsonAsync();
        issues.GetProperty("items").EnumerateArray()
            .Count(i => i.GetProperty("sourceTicket").ValueKind == JsonValueKind.Object
                        && i.GetProperty("sourceTicket").GetProperty("id").GetGuid() == ticketId)
            .ShouldBe(1);

        // Resolve the issue: the ticket is resolved with a system comment naming the issue
        var resolve = await Http.PostJsonAsync($"{href}/transitions", new { action = "Resolve", note = "Firmware upgraded on both switches" });
        await ShouldBeAsync(resolve, HttpStatusCode.OK);
        (await resolve.ReadJsonAsync()).Str("status").ShouldBe("Resolved");

        var resolved = await Eventually.GetAsync(() => GetTicketAsync(ticketKey), t => t.Str("status") == "Resolved", EventTimeout);
        resolved.GetProperty("resolvedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var resolution = resolved.GetProperty("comments").EnumerateArray()
            .Where(c => c.Str("kind") == "System" && c.Str("body").Contains($"{issueKey} was resolved")).ToList();
        resolution.Count.ShouldBe(1);
        resolution[0].Str("body").ShouldContain("Firmware upgraded on both switches");

        // Reopen the issue: the ticket goes back to the project
        var reopen = await Http.PostJsonAsync($"/api/projects/{projectKey}/issues/{issueKey}/transitions",
            new { action = "Reopen", note = "Drops again since Monday" });
        await ShouldBeAsync(reopen, HttpStatusCode.OK);
        (await reopen.ReadJsonAsync()).Str("status").ShouldBe("InProgress");

        var reopened = await Eventually.GetAsync(() => GetTicketAsync(ticketKey), t => t.Str("status") == "WithProject", EventTimeout);
        reopened.GetProperty("resolvedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        reopened.GetProperty("project").Str("issueKey").ShouldBe(issueKey);
        reopened.GetProperty("comments").EnumerateArray()
            .ShouldContain(c => c.Str("kind") == "System" && c.Str("body").Contains($"{issueKey} was reopened")
                                && c.Str("body").Contains("Drops again since Monday"));

        // Still one issue for the ticket, however the events were delivered
        var after = await (await Http.GetAsync($"/api/projects/{projectKey}/issues?limit=200")).ReadJsonAsync();
        after.GetProperty("items").EnumerateArray()
            .Count(i => i.GetProperty("sourceTicket").ValueKind == JsonValueKind.Object
                        && i.GetProperty("sourceTicket").GetProperty("id").GetGuid() == ticketId)
            .ShouldBe(1);
    }
}
