using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Ticketing;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Ticketing.Tests;

public class TicketApiTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private static object NewTicket(string requester, string impact = "High", string urgency = "Medium") => new
    {
        title = "Printer on floor 3 jams",
        description = "Every second page jams since this morning.",
        requester,
        category = "hardware",
        impact,
        urgency,
    };

    private async Task<JsonElement> CreateAsync(string? requester = null, string impact = "High", string urgency = "Medium")
    {
        var response = await Http.PostJsonAsync("/api/tickets", NewTicket(requester ?? $"user-{Guid.NewGuid():N}", impact, urgency));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement> ActAsync(string key, string action, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { action });
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>Every action that takes a comment takes it on every transition it allows (closing included).</summary>
    [Fact]
    public async Task Every_action_takes_a_comment_on_every_allowed_transition()
    {
        var requester = $"user-{Guid.NewGuid():N}";
        var key = (await CreateAsync(requester)).Str("key");
        (await Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" })).EnsureSuccessStatusCode();
        using var owner = fx.As(requester, Roles.Requester);

        var steps = new (HttpClient Client, string Action, string Status)[]
        {
            (Http, "start", "InProgress"), (Http, "pend", "Pending"), (Http, "resume", "InProgress"), (Http, "resolve", "Resolved"),
            (owner, "reopen", "Assigned"), (Http, "resolve", "Resolved"), (owner, "close", "Closed"),
        };
        var said = new List<string>();
        foreach (var (client, action, status) in steps)
        {
            var before = await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();
            before.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!.ToLowerInvariant()).ShouldContain(action);
            var comment = $"{action} #{said.Count}: a word for the record";
            var response = await client.PostJsonAsync($"/api/tickets/{key}/transitions", new { action, comment });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
            (await response.ReadJsonAsync()).Str("status").ShouldBe(status);
            said.Add(comment);
        }

        var ticket = await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();
        ticket.GetProperty("comments").EnumerateArray().Where(c => c.Str("kind") == "Public").Select(c => c.Str("body")).ShouldBe(said);
    }

    [Fact]
    public async Task Creating_a_ticket_gives_a_key_a_priority_and_an_event()
    {
        var ticket = await CreateAsync(impact: "High", urgency: "Medium");
        ticket.Str("key").ShouldStartWith("HD-");
        ticket.Str("priority").ShouldBe("P2");
        ticket.Str("status").ShouldBe("New");

        var got = await Http.GetAsync($"/api/tickets/{ticket.Str("key")}");
        got.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await got.ReadJsonAsync()).Str("id").ShouldBe(ticket.Str("id"));
        var byId = await Http.GetAsync($"/api/tickets/{ticket.Str("id")}");
        byId.StatusCode.ShouldBe(HttpStatusCode.OK);

        var created = await fx.Bus.WaitForAsync<TicketCreated>(e => e.TicketId == ticket.GetProperty("id").GetGuid());
        created.TicketKey.ShouldBe(ticket.Str("key"));
        created.Priority.ShouldBe("P2");
    }

    [Fact]
    public async Task The_list_filters_by_status_priority_and_assignee_and_pages_by_cursor()
    {
        var requester = $"user-{Guid.NewGuid():N}";
        var p1 = await CreateAsync(requester, "High", "High");
        var p4 = await CreateAsync(requester, "Low", "Low");
        var others = new List<JsonElement>();
        for (var i = 0; i < 3; i++) others.Add(await CreateAsync(requester, "Medium", "Medium"));
        var assignee = $"agent-{Guid.NewGuid():N}";
        (await Http.PostJsonAsync($"/api/tickets/{p4.Str("key")}/assign", new { assignee })).EnsureSuccessStatusCode();

        var byPriority = await (await Http.GetAsync($"/api/tickets?requester={requester}&priority=P1")).ReadJsonAsync();
        byPriority.GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ShouldBe([p1.Str("key")]);

        var byAssignee = await (await Http.GetAsync($"/api/tickets?assignee={assignee}")).ReadJsonAsync();
        byAssignee.GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ShouldBe([p4.Str("key")]);

        var byStatus = await (await Http.GetAsync($"/api/tickets?requester={requester}&status=Assigned")).ReadJsonAsync();
        byStatus.GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ShouldBe([p4.Str("key")]);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await Http.GetAsync($"/api/tickets?requester={requester}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"))).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.Str("key")));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
            pages++;
        } while (cursor is not null && pages < 10);

        pages.ShouldBe(3);
        seen.Count.ShouldBe(5);
        seen.Distinct().Count().ShouldBe(5);
        seen.ShouldBe(seen.OrderByDescending(k => long.Parse(k[3..])).ToList()); // newest first
    }

    [Fact]
    public async Task A_ticket_moves_through_its_workflow_and_invalid_moves_are_refused()
    {
        var key = (await CreateAsync()).Str("key");

        var refused = await ActAsync(key, "close", HttpStatusCode.Conflict);
        refused.Str("code").ShouldBe("invalid-transition");
        refused.Str("detail").ShouldContain("New");

        var assigned = await (await Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" })).ReadJsonAsync();
        assigned.Str("status").ShouldBe("Assigned");
        assigned.Str("assignee").ShouldBe("bob");
        (await ActAsync(key, "start")).Str("status").ShouldBe("InProgress");
        (await ActAsync(key, "pend")).Str("status").ShouldBe("Pending");
        (await ActAsync(key, "resume")).Str("status").ShouldBe("InProgress");
        var resolved = await ActAsync(key, "resolve");
        resolved.Str("status").ShouldBe("Resolved");
        resolved.GetProperty("resolvedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await ActAsync(key, "reopen")).Str("status").ShouldBe("Assigned");
        (await ActAsync(key, "start")).Str("status").ShouldBe("InProgress");
        (await ActAsync(key, "resolve")).Str("status").ShouldBe("Resolved");
        (await ActAsync(key, "close")).Str("status").ShouldBe("Closed");
        (await ActAsync(key, "reopen", HttpStatusCode.Conflict)).Str("code").ShouldBe("invalid-transition");

        var ticket = await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();
        ticket.Str("status").ShouldBe("Closed");
        var id = ticket.GetProperty("id").GetGuid();
        var changes = await Eventually.GetAsync(
            () => Task.FromResult(fx.Bus.Messages<TicketStatusChanged>().Where(e => e.TicketId == id).ToList()),
            list => list.Count >= 9);
        changes.Select(c => c.To).ShouldContain("Closed");
    }

    [Fact]
    public async Task Comments_are_added_and_listed_in_order()
    {
        var key = (await CreateAsync()).Str("key");
        (await Http.PostJsonAsync($"/api/tickets/{key}/comments", new { author = "bob", body = "Looking into it." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Http.PostJsonAsync($"/api/tickets/{key}/comments", new { author = "bob", body = "Toner swapped.", @internal = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var comments = await (await Http.GetAsync($"/api/tickets/{key}/comments")).ReadJsonAsync();
        comments.EnumerateArray().Select(c => (c.Str("body"), c.Str("kind")))
            .ShouldBe([("Looking into it.", "Public"), ("Toner swapped.", "Internal")]);
    }

    [Fact]
    public async Task Bad_input_answers_problem_details_never_500()
    {
        var missing = await Http.PostJsonAsync("/api/tickets", new { title = "", impact = "High" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await missing.ReadJsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "title", "description", "category", "urgency" })
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);

        var unknownEnum = await Http.PostRawAsync("/api/tickets",
            """{"title":"t","description":"d","requester":"r","category":"c","impact":"Catastrophic","urgency":"Low"}""");
        unknownEnum.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownEnum.ReadJsonAsync()).Str("detail").ShouldContain("impact");

        var numericEnum = await Http.PostRawAsync("/api/tickets",
            """{"title":"t","description":"d","requester":"r","category":"c","impact":7,"urgency":"Low"}""");
        numericEnum.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var malformed = await Http.PostRawAsync("/api/tickets", """{"title": "t", """);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        foreach (var empty in new[] { "", "null" })
        {
            var noBody = await Http.PostRawAsync("/api/tickets", empty);
            noBody.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await noBody.ReadJsonAsync()).Str("detail").ShouldBe("A JSON request body is required.");
        }

        (await Http.GetAsync($"/api/tickets/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unknownKey = await Http.GetAsync("/api/tickets/HD-999999999");
        unknownKey.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownKey.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Http.GetAsync("/api/tickets/not-a-key")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PostJsonAsync("/api/tickets/HD-999999999/transitions", new { action = "start" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await Http.GetAsync("/api/tickets?status=Sleeping")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync("/api/tickets?status=42")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync("/api/tickets?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync("/api/tickets?cursor=abc")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var key = (await CreateAsync()).Str("key");
        (await Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "fly" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/tickets/{key}/comments", new { author = "bob" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unknownProject = await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { projectKey = "PRJ-0" });
        unknownProject.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unknownProject.ReadJsonAsync()).Str("code").ShouldBe("unknown-project");

        // nothing half-written: the refused calls left the ticket as it was
        var ticket = await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();
        ticket.Str("status").ShouldBe("New");
        ticket.GetProperty("comments").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Concurrent_edits_of_one_ticket_conflict_instead_of_overwriting()
    {
        var id = (await CreateAsync()).GetProperty("id").GetGuid();
        await using var scope1 = fx.Service.Services.CreateAsyncScope();
        await using var scope2 = fx.Service.Services.CreateAsyncScope();
        var db1 = scope1.ServiceProvider.GetRequiredService<Data.TicketingDbContext>();
        var db2 = scope2.ServiceProvider.GetRequiredService<Data.TicketingDbContext>();
        var first = await db1.Tickets.SingleAsync(t => t.Id == id);
        var second = await db2.Tickets.SingleAsync(t => t.Id == id);

        first.Assign("bob", "lead", DateTimeOffset.UtcNow);
        await db1.SaveChangesAsync();
        second.Assign("carol", "lead", DateTimeOffset.UtcNow);
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        var stored = await (await Http.GetAsync($"/api/tickets/{id}")).ReadJsonAsync();
        stored.Str("assignee").ShouldBe("bob");
    }
}
