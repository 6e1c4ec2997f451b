namespace Platform.Ticketing.Tests;

public class TicketApiTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    /// <summary>A ticket an agent raises on someone's behalf: a new requester (who joins first) unless one is given (who must have joined).</summary>
    private async Task<TicketResponse> CreateAsync(string? requester = null, string impact = "High", string urgency = "Medium") =>
        await Http.RaiseTicketAsync(category: "hardware", impact: impact, urgency: urgency,
            requester: requester ?? await fx.JoinAsync($"user-{Guid.NewGuid():N}", [Roles.Requester]));

    private Task<TicketResponse> ActAsync(string key, string action) => Http.ActAsync(key, action);

    /// <summary>An action the workflow refuses: 409, and the problem's code.</summary>
    private async Task<JsonElement> RefusedAsync(string key, string action)
    {
        return await (await Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { action })).ReadJsonAsync(HttpStatusCode.Conflict);
    }

    private async Task<List<string>> KeysAsync(string query) =>
        (await (await Http.GetAsync($"/api/tickets?{query}")).ReadAsync<Page<TicketResponse>>()).Items.Select(t => t.Key).ToList();

    /// <summary>Every action that takes a comment takes it on every transition it allows (closing included).</summary>
    [Fact]
    public async Task Every_action_takes_a_comment_on_every_allowed_transition()
    {
        var requester = await fx.JoinAsync($"user-{Guid.NewGuid():N}", [Roles.Requester]);
        var key = (await CreateAsync(requester)).Key;
        await Http.AssignAsync(key, "bob");
        using var owner = fx.As(requester, Roles.Requester);

        var steps = new (HttpClient Client, string Action, string Status)[]
        {
            (Http, "start", "InProgress"), (Http, "pend", "Pending"), (Http, "resume", "InProgress"), (Http, "resolve", "Resolved"),
            (owner, "reopen", "Assigned"), (Http, "resolve", "Resolved"), (owner, "close", "Closed"),
        };
        var said = new List<string>();
        foreach (var (client, action, status) in steps)
        {
            var before = await Http.GetTicketAsync(key);
            before.AllowedActions.Select(a => a.ToString().ToLowerInvariant()).ShouldContain(action);
            var comment = $"{action} #{said.Count}: a word for the record";
            var response = await client.PostJsonAsync($"/api/tickets/{key}/transitions", new { action, comment });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
            (await response.ReadAsync<TicketResponse>()).Status.ToString().ShouldBe(status);
            said.Add(comment);
        }

        var ticket = await Http.GetTicketAsync(key);
        ticket.Comments.ShouldNotBeNull().Where(c => c.Kind == CommentKind.Public).Select(c => c.Body).ShouldBe(said);
    }

    [Fact]
    public async Task Creating_a_ticket_gives_a_key_a_priority_and_an_event()
    {
        var ticket = await CreateAsync(impact: "High", urgency: "Medium");
        ticket.Key.ShouldStartWith("HD-");
        ticket.Priority.ShouldBe(Priority.P2);
        ticket.Status.ShouldBe(TicketStatus.New);

        (await Http.GetTicketAsync(ticket.Key)).Id.ShouldBe(ticket.Id);
        (await Http.GetTicketAsync(ticket.Id.ToString())).Key.ShouldBe(ticket.Key);

        var created = await fx.Bus.WaitForAsync<TicketCreated>(e => e.TicketId == ticket.Id);
        created.TicketKey.ShouldBe(ticket.Key);
        created.Priority.ShouldBe("P2");
    }

    [Fact]
    public async Task The_list_filters_by_status_priority_and_assignee_and_pages_by_cursor()
    {
        var requester = await fx.JoinAsync($"user-{Guid.NewGuid():N}", [Roles.Requester]);
        var p1 = await CreateAsync(requester, "High", "High");
        var p4 = await CreateAsync(requester, "Low", "Low");
        for (var i = 0; i < 3; i++) await CreateAsync(requester, "Medium", "Medium");
        var assignee = await fx.JoinAsync($"agent-{Guid.NewGuid():N}", [Roles.Agent]);
        await Http.AssignAsync(p4.Key, assignee);

        (await KeysAsync($"requester={requester}&priority=P1")).ShouldBe([p1.Key]);
        (await KeysAsync($"assignee={assignee}")).ShouldBe([p4.Key]);
        (await KeysAsync($"requester={requester}&status=Assigned")).ShouldBe([p4.Key]);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await Http.GetAsync($"/api/tickets?requester={requester}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}")))
                .ReadAsync<Page<TicketResponse>>();
            seen.AddRange(page.Items.Select(t => t.Key));
            cursor = page.NextCursor;
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
        var key = (await CreateAsync()).Key;

        var refused = await RefusedAsync(key, "close");
        refused.Str("code").ShouldBe("invalid-transition");
        refused.Str("detail").ShouldContain("New");

        var assigned = await Http.AssignAsync(key, "bob");
        assigned.Status.ShouldBe(TicketStatus.Assigned);
        assigned.Assignee.ShouldBe("bob");
        (await ActAsync(key, "start")).Status.ShouldBe(TicketStatus.InProgress);
        (await ActAsync(key, "pend")).Status.ShouldBe(TicketStatus.Pending);
        (await ActAsync(key, "resume")).Status.ShouldBe(TicketStatus.InProgress);
        var resolved = await ActAsync(key, "resolve");
        resolved.Status.ShouldBe(TicketStatus.Resolved);
        resolved.ResolvedAt.ShouldNotBeNull();
        (await ActAsync(key, "reopen")).Status.ShouldBe(TicketStatus.Assigned);
        (await ActAsync(key, "start")).Status.ShouldBe(TicketStatus.InProgress);
        (await ActAsync(key, "resolve")).Status.ShouldBe(TicketStatus.Resolved);
        (await ActAsync(key, "close")).Status.ShouldBe(TicketStatus.Closed);
        (await RefusedAsync(key, "reopen")).Str("code").ShouldBe("invalid-transition");

        var ticket = await Http.GetTicketAsync(key);
        ticket.Status.ShouldBe(TicketStatus.Closed);
        var id = ticket.Id;
        var changes = await Eventually.GetAsync(
            () => Task.FromResult(fx.Bus.Messages<TicketStatusChanged>().Where(e => e.TicketId == id).ToList()),
            list => list.Count >= 9);
        changes.Select(c => c.To).ShouldContain("Closed");
    }

    [Fact]
    public async Task Comments_are_added_and_listed_in_order()
    {
        var key = (await CreateAsync()).Key;
        (await Http.PostJsonAsync($"/api/tickets/{key}/comments", new { author = "bob", body = "Looking into it." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Http.PostJsonAsync($"/api/tickets/{key}/comments", new { author = "bob", body = "Toner swapped.", @internal = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var comments = await (await Http.GetAsync($"/api/tickets/{key}/comments")).ReadAsync<List<CommentResponse>>();
        comments.Select(c => (c.Body, c.Kind)).ShouldBe([("Looking into it.", CommentKind.Public), ("Toner swapped.", CommentKind.Internal)]);
    }

    [Fact]
    public async Task Bad_input_answers_problem_details_never_500()
    {
        var missing = await Http.PostJsonAsync("/api/tickets", new { title = "", impact = "High" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = await missing.ErrorsAsync();
        foreach (var field in new[] { "title", "description", "category", "urgency" })
            errors.ShouldContainKey(field);

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

        var key = (await CreateAsync()).Key;
        (await Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "fly" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/tickets/{key}/comments", new { author = "bob" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unknownProject = await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { projectKey = "PRJ-0" });
        unknownProject.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unknownProject.ReadJsonAsync()).Str("code").ShouldBe("unknown-project");

        // nothing half-written: the refused calls left the ticket as it was
        var ticket = await Http.GetTicketAsync(key);
        ticket.Status.ShouldBe(TicketStatus.New);
        ticket.Comments.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public async Task Concurrent_edits_of_one_ticket_conflict_instead_of_overwriting()
    {
        var id = (await CreateAsync()).Id;
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

        (await Http.GetTicketAsync(id.ToString())).Assignee.ShouldBe("bob");
    }
}
