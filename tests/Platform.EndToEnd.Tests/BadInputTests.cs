namespace Platform.EndToEnd.Tests;

/// <summary>Bad requests through the gateway are answered with ProblemDetails and the right status; never 500.</summary>
public class BadInputTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    [Fact]
    public async Task Missing_fields_are_listed_one_by_one()
    {
        var ticket = await ProblemAsync(await Http.PostJsonAsync("/api/tickets", new { title = "Printer on fire" }), HttpStatusCode.BadRequest);
        var errors = ticket.GetProperty("errors");
        foreach (var field in new[] { "description", "category", "impact", "urgency" })
            errors.TryGetProperty(field, out _).ShouldBeTrue($"no error for '{field}' in {errors}");
        errors.TryGetProperty("title", out _).ShouldBeFalse();

        var project = await ProblemAsync(await Http.PostRawAsync("/api/projects", "{}"), HttpStatusCode.BadRequest);
        project.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        project.GetProperty("errors").TryGetProperty("manager", out _).ShouldBeTrue();

        var transition = await ProblemAsync(await Http.PostRawAsync("/api/tickets/HD-1/transitions", "{}"), HttpStatusCode.BadRequest);
        transition.GetProperty("errors").TryGetProperty("action", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_bad_request()
    {
        var problem = await ProblemAsync(await Http.PostJsonAsync("/api/tickets", new
        {
            title = "Printer on fire", description = "Smoke.", requester = "alice", category = "hardware", impact = "Huge", urgency = "High",
        }), HttpStatusCode.BadRequest);
        problem.Str("detail").ShouldContain("impact");

        var project = await CreateProjectAsync();
        var issue = await Http.PostJsonAsync($"/api/projects/{project.Str("key")}/issues", new { title = "Cabling", severity = "Apocalyptic" });
        await ProblemAsync(issue, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request()
    {
        var ticket = await ProblemAsync(await Http.PostRawAsync("/api/tickets", "{\"title\": \"unterminated"), HttpStatusCode.BadRequest);
        ticket.Str("detail").ShouldNotBeNullOrWhiteSpace();
        await ProblemAsync(await Http.PostRawAsync("/api/projects", "not json at all"), HttpStatusCode.BadRequest);
        await ProblemAsync(await Http.PostRawAsync("/api/tickets", "{\"title\": 42}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_tickets_projects_and_issues_are_not_found()
    {
        (await ProblemAsync(await Http.GetAsync("/api/tickets/HD-987654321"), HttpStatusCode.NotFound)).Str("detail").ShouldContain("HD-987654321");
        await ProblemAsync(await Http.GetAsync($"/api/tickets/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemAsync(await Http.GetAsync("/api/tickets/not-a-ticket"), HttpStatusCode.NotFound);
        await ProblemAsync(await Http.PostJsonAsync("/api/tickets/HD-987654321/assign", new { assignee = "bob" }), HttpStatusCode.NotFound);
        await ProblemAsync(await Http.GetAsync("/api/projects/PRJ-987654321"), HttpStatusCode.NotFound);
        await ProblemAsync(await Http.GetAsync($"/api/projects/{Guid.NewGuid()}/issues/ISS-1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_transition_is_a_conflict()
    {
        var project = await CreateProjectAsync();
        var created = await Http.PostJsonAsync($"/api/projects/{project.Str("key")}/issues", new { title = "Cabling", severity = "Low" });
        await ShouldBeAsync(created, HttpStatusCode.Created);
        var issue = await created.ReadJsonAsync();
        var reopen = await Http.PostJsonAsync($"/api/projects/{project.Str("key")}/issues/{issue.Str("key")}/transitions",
            new { action = "Reopen", note = "never resolved" });
        (await ProblemAsync(reopen, HttpStatusCode.Conflict)).Str("code").ShouldBe("invalid-transition");

        var ticket = await CreateTicketAsync();
        var close = await Http.PostJsonAsync($"/api/tickets/{ticket.Str("key")}/transitions", new { action = "Close" });
        (await ProblemAsync(close, HttpStatusCode.Conflict)).Str("code").ShouldBe("invalid-transition");
    }

    [Fact]
    public async Task Unknown_routes_under_api_are_not_found()
    {
        foreach (var path in new[] { "/api/nothing-here", "/api/tickets/HD-1/nothing-here", "/api/projects/PRJ-1/nothing-here", "/api" })
        {
            var response = await Http.GetAsync(path);
            await ShouldBeAsync(response, HttpStatusCode.NotFound);
        }

        // A verb a route does not have is refused, not failed
        var delete = await Http.DeleteAsync("/api/tickets");
        ((int)delete.StatusCode).ShouldBeInRange(400, 499, await delete.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_NUL_or_control_character_in_text_is_a_bad_request_naming_the_field_and_nothing_is_written()
    {
        var before = (await (await Http.GetAsync("/api/tickets?limit=200")).ReadJsonAsync()).GetProperty("items").GetArrayLength();
        var ticket = await ProblemAsync(await Http.PostRawAsync("/api/tickets",
            "{\"title\":\"a\\u0000b\",\"description\":\"d\",\"requester\":\"alice\",\"category\":\"network\",\"impact\":\"Low\",\"urgency\":\"Low\"}"),
            HttpStatusCode.BadRequest);
        ticket.GetProperty("errors").GetProperty("title")[0].GetString()!.ShouldContain("U+0000");
        (await (await Http.GetAsync("/api/tickets?limit=200")).ReadJsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(before);

        var project = await CreateProjectAsync();
        var issue = await ProblemAsync(await Http.PostRawAsync($"/api/projects/{project.Str("key")}/issues",
            "{\"title\":\"bell \\u0007\",\"severity\":\"Low\"}"), HttpStatusCode.BadRequest);
        issue.GetProperty("errors").TryGetProperty("title", out _).ShouldBeTrue(issue.ToString());
        // A title is one line; a description may have several.
        var twoLines = await ProblemAsync(await Http.PostJsonAsync($"/api/projects/{project.Str("key")}/issues",
            new { title = "one\ntwo", severity = "Low" }), HttpStatusCode.BadRequest);
        twoLines.GetProperty("errors").GetProperty("title")[0].GetString()!.ShouldContain("single line");
        await ShouldBeAsync(await Http.PostJsonAsync($"/api/projects/{project.Str("key")}/issues",
            new { title = "Cabling", description = "line one\r\nline two\tend", severity = "Low" }), HttpStatusCode.Created);

        var search = await ProblemAsync(await Http.GetAsync("/api/tickets/search?q=%00"), HttpStatusCode.BadRequest);
        search.GetProperty("errors").TryGetProperty("q", out _).ShouldBeTrue(search.ToString());
    }

    [Fact]
    public async Task A_NUL_in_the_URL_path_is_answered_with_a_problem_by_the_gateway()
    {
        var problem = await ProblemAsync(await Http.GetAsync("/api/tickets/HD-1%00"), HttpStatusCode.BadRequest);
        problem.Str("code").ShouldBe("malformed-request");
        await ProblemAsync(await Http.GetAsync("/api/tickets/HD-1%01"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_member_with_a_non_ASCII_id_is_created_once_with_an_encoded_location()
    {
        var project = await CreateProjectAsync();
        var url = $"/api/projects/{project.Str("key")}/members";
        var jose = await Fx.CreatePersonAsync($"josé.{Guid.NewGuid():N}"[..12], "José García", "IT", "requester");
        jose.ShouldStartWith("josé");
        var created = await Http.PostJsonAsync(url, new { userId = jose, role = "member" });
        await ShouldBeAsync(created, HttpStatusCode.Created);
        created.Headers.Location!.OriginalString.ShouldEndWith("/members/" + Uri.EscapeDataString(jose));
        created.Headers.Location!.OriginalString.ShouldContain("/members/jos%C3%A9");
        await ProblemAsync(await Http.PostJsonAsync(url, new { userId = jose, role = "member" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Ids_that_cannot_be_anybody_are_refused_wherever_a_person_is_named()
    {
        var queue = await Http.PostJsonAsync("/api/queues", new { key = "fuzzq" + Random.Shared.Next(100_000), name = "People check", rule = "Manual" });
        await ShouldBeAsync(queue, HttpStatusCode.Created);
        var key = (await queue.ReadJsonAsync()).Str("key");
        foreach (var bad in new[] { "..%2F..%2Fetc%2Fpasswd", "1'%20OR%20'1'%3D'1", new string('a', 201), "a%09b" })
        {
            var response = await Http.PutAsync($"/api/queues/{key}/members/{bad}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            ((int)response.StatusCode).ShouldBe(400, $"{bad}: {await response.Content.ReadAsStringAsync()}");
        }

        await ShouldBeAsync(await Http.PutAsync($"/api/queues/{key}/members/bob", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        var members = (await (await Http.GetAsync($"/api/queues/{key}")).ReadJsonAsync()).GetProperty("members");
        members.EnumerateArray().Select(m => m.Str("agent")).ShouldBe(["bob"]);

        var ticket = await CreateTicketAsync();
        var assign = await ProblemAsync(await Http.PostJsonAsync($"/api/tickets/{ticket.Str("key")}/assign", new { assignee = "bob smith" }), HttpStatusCode.BadRequest);
        assign.GetProperty("errors").TryGetProperty("assignee", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Dates_outside_1900_to_2999_are_refused_and_any_offset_is_stored_as_UTC()
    {
        var project = await CreateProjectAsync();
        var allocation = await ProblemAsync(await Http.PostJsonAsync($"/api/projects/{project.Str("key")}/allocations",
            new { userId = "dave", percent = 50, from = "9999-12-31", to = "9999-12-31" }), HttpStatusCode.BadRequest);
        allocation.GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue(allocation.ToString());

        var meeting = await Http.PostJsonAsync($"/api/projects/{project.Str("key")}/meetings",
            new { title = "Kick-off", scheduledAt = "2026-12-01T10:00:00+09:00", attendees = new[] { "dave" }, agenda = new[] { "Scope" } });
        await ShouldBeAsync(meeting, HttpStatusCode.Created);
        (await meeting.ReadJsonAsync()).GetProperty("scheduledAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
    }
}
