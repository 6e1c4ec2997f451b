using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>Bad requests through the gateway are answered with ProblemDetails and the right status; never 500.</summary>
public class BadInputTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ShouldBeAsync(response, expected);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();
        problem.GetProperty("status").GetInt32().ShouldBe((int)expected);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

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
}
