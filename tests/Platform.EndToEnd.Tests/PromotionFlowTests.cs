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

    [Fact]
    public async Task A_project_just_created_can_be_promoted_to_at_once()
    {
        var ticketKey = (await CreateStartedTicketAsync()).Str("key");
        var project = await CreateProjectAsync("Created a moment ago");

        // No waiting for ProjectCreated: ticketing asks the projects service about a key it has not heard of.
        var promote = await Http.PostJsonAsync($"/api/tickets/{ticketKey}/promote", new { projectKey = project.Str("key") });
        await ShouldBeAsync(promote, HttpStatusCode.Accepted);
        var promoted = await promote.ReadJsonAsync();
        promoted.Str("status").ShouldBe("WithProject");
        promoted.GetProperty("project").GetProperty("projectId").GetGuid().ShouldBe(project.GetProperty("id").GetGuid());
        var linked = await Eventually.GetAsync(() => GetTicketAsync(ticketKey),
            t => t.GetProperty("project").GetProperty("issueKey").ValueKind == JsonValueKind.String, EventTimeout);
        linked.Str("status").ShouldBe("WithProject");

        // A project that exists nowhere is still refused, clearly, and changes nothing.
        var other = (await CreateStartedTicketAsync()).Str("key");
        var unknown = await Http.PostJsonAsync($"/api/tickets/{other}/promote", new { projectKey = "PRJ-987654321" });
        await ShouldBeAsync(unknown, HttpStatusCode.UnprocessableEntity);
        var problem = await unknown.ReadJsonAsync();
        problem.Str("code").ShouldBe("unknown-project");
        problem.Str("detail").ShouldBe("Project 'PRJ-987654321' does not exist.");
        (await GetTicketAsync(other)).Str("status").ShouldBe("InProgress");
    }

    /// <summary>Promotes a new ticket (requester alice) to a new project and waits for its issue; returns the issue's address.</summary>
    private async Task<(string TicketKey, string IssueKey, string Href)> PromotedAsync()
    {
        var project = await CreateProjectAsync();
        var ticketKey = (await CreateStartedTicketAsync()).Str("key");
        await ShouldBeAsync(await PromoteWhenProjectKnownAsync(ticketKey, project.Str("key")), HttpStatusCode.Accepted);
        var linked = await Eventually.GetAsync(() => GetTicketAsync(ticketKey),
            t => t.GetProperty("project").GetProperty("issueKey").ValueKind == JsonValueKind.String, EventTimeout);
        return (ticketKey, linked.GetProperty("project").Str("issueKey"), linked.GetProperty("project").Str("href"));
    }

    private async Task<JsonElement> IssueActAsync(string href, string action, string note)
    {
        var response = await Http.PostJsonAsync($"{href}/transitions", new { action, note });
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    private async Task<string> IssueStatusAsync(string href) => (await (await Http.GetAsync(href)).ReadJsonAsync()).Str("status");

    private async Task<JsonElement> ResolvedThroughProjectAsync(string ticketKey, string href)
    {
        await IssueActAsync(href, "Resolve", "Firmware upgraded");
        return await Eventually.GetAsync(() => GetTicketAsync(ticketKey), t => t.Str("status") == "Resolved", EventTimeout);
    }

    [Fact]
    public async Task A_requester_reopening_a_promoted_ticket_reopens_its_project_issue()
    {
        var (ticketKey, issueKey, href) = await PromotedAsync();
        await ResolvedThroughProjectAsync(ticketKey, href);
        using var alice = await Fx.ClientForAsync("alice");

        var reopen = await alice.PostJsonAsync($"/api/tickets/{ticketKey}/transitions", new { action = "reopen", comment = "It drops again" });
        await ShouldBeAsync(reopen, HttpStatusCode.OK);
        (await reopen.ReadJsonAsync()).Str("status").ShouldBe("WithProject"); // with the project, not back at the help desk

        await Eventually.GetAsync(() => IssueStatusAsync(href), status => status == "InProgress", EventTimeout);
        var ticket = await Eventually.GetAsync(() => GetTicketAsync(ticketKey),
            t => t.GetProperty("comments").EnumerateArray().Any(c => c.Str("kind") == "System" && c.Str("body").Contains($"{issueKey} was reopened")),
            EventTimeout);
        ticket.Str("status").ShouldBe("WithProject");
        ticket.GetProperty("comments").EnumerateArray().ShouldContain(c => c.Str("kind") == "Public" && c.Str("body") == "It drops again");

        // And the issue's status still flows back: resolved again, the ticket is resolved again.
        await ResolvedThroughProjectAsync(ticketKey, href);
        (await IssueStatusAsync(href)).ShouldBe("Resolved");
    }

    [Fact]
    public async Task Ticket_and_issue_reopened_at_the_same_time_both_end_open()
    {
        var (ticketKey, issueKey, href) = await PromotedAsync();
        await ResolvedThroughProjectAsync(ticketKey, href);
        using var alice = await Fx.ClientForAsync("alice");

        var ticketReopen = alice.PostJsonAsync($"/api/tickets/{ticketKey}/transitions", new { action = "reopen" });
        var issueReopen = Http.PostJsonAsync($"{href}/transitions", new { action = "Reopen", note = "Seen again by the PM" });
        var responses = await Task.WhenAll(ticketReopen, issueReopen);
        // Each side either reopened, or found itself reopened by the other first (409 on the issue side).
        responses[0].StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
        responses[1].StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);

        await Eventually.GetAsync(() => GetTicketAsync(ticketKey), t => t.Str("status") == "WithProject"
            && t.GetProperty("comments").EnumerateArray().Any(c => c.Str("body").Contains($"{issueKey} was reopened")), EventTimeout);
        (await IssueStatusAsync(href)).ShouldBe("InProgress");
        (await GetTicketAsync(ticketKey)).Str("status").ShouldBe("WithProject");
    }

    [Fact]
    public async Task Reopening_a_ticket_whose_issue_is_closed_gives_it_back_to_the_help_desk()
    {
        var (ticketKey, issueKey, href) = await PromotedAsync();
        await ResolvedThroughProjectAsync(ticketKey, href);
        await IssueActAsync(href, "Close", "Done");
        using var alice = await Fx.ClientForAsync("alice");

        var reopen = await alice.PostJsonAsync($"/api/tickets/{ticketKey}/transitions", new { action = "reopen" });
        await ShouldBeAsync(reopen, HttpStatusCode.OK);

        var back = await Eventually.GetAsync(() => GetTicketAsync(ticketKey), t => t.Str("status") == "Assigned", EventTimeout);
        back.GetProperty("comments").EnumerateArray()
            .ShouldContain(c => c.Str("kind") == "System" && c.Str("body").Contains($"did not reopen {issueKey}") && c.Str("body").Contains("closed"));
        (await IssueStatusAsync(href)).ShouldBe("Closed");
    }
}
