namespace Platform.EndToEnd.Tests;

/// <summary>
/// Every route, every role, through the gateway with real tokens from the identity service: one table of who
/// gets which answer. Requesters and anyone outside a project get 404 for what is not theirs, never its data.
/// </summary>
public sealed class AuthorizationMatrixTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    // The callers: demo users of the identity service, the monitoring tool (client credentials, tickets scope
    // only) and nobody at all.
    private static readonly string[] Callers = ["alice", "erin", "bob", "carol", "dave", "admin", "monitoring", "anonymous"];

    /// <summary>A row: a request (built fresh for each caller, so that writes never depend on each other) and the
    /// expected status per caller, in the order of <see cref="Callers"/>.</summary>
    private sealed record Row(string Route, Func<Setup, Task<HttpRequestMessage>> Request, params int[] Expected);

    /// <summary>What the rows work on: a ticket of Alice's and a project managed by Carol (PMO).</summary>
    private sealed record Setup(PlatformFixture Fx, HttpClient Admin, HttpClient Alice, string ProjectKey)
    {
        public async Task<string> AliceTicketAsync(bool assigned = false)
        {
            var created = await (await Alice.PostJsonAsync("/api/tickets", new
            {
                title = "Matrix ticket", description = "d", category = "hardware", impact = "Low", urgency = "Low",
            })).ReadJsonAsync();
            var key = created.Str("key");
            if (assigned) (await Admin.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" })).EnsureSuccessStatusCode();
            return key;
        }

        public async Task<string> IssueAsync()
        {
            var issue = await (await Admin.PostJsonAsync($"/api/projects/{ProjectKey}/issues", new { title = "Matrix issue", severity = "Low" })).ReadJsonAsync();
            return issue.Str("key");
        }
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object? body = null) => new(method, url)
    {
        Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body, Platform.Testing.Json.Options), Encoding.UTF8, "application/json"),
    };

    private static HttpRequestMessage Upload(string url)
    {
        var file = new ByteArrayContent("Matrix log line\n"u8.ToArray());
        file.Headers.ContentType = new("text/plain");
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = new MultipartFormDataContent { { file, "file", "matrix.log" } } };
    }

    private static readonly Row[] Table =
    [
        //                                                                                alice erin bob  carol dave admin monitoring anonymous
        new("POST /api/tickets", _ => Task.FromResult(Json(HttpMethod.Post, "/api/tickets", new { title = "t", description = "d", category = "c", impact = "Low", urgency = "Low" })),
                                                                                          201, 201, 201, 201, 201, 201, 201, 401),
        new("GET /api/tickets", _ => Task.FromResult(Json(HttpMethod.Get, "/api/tickets")),  200, 200, 200, 200, 200, 200, 200, 401),
        new("GET /api/tickets/{id}", async s => Json(HttpMethod.Get, $"/api/tickets/{await s.AliceTicketAsync()}"),
                                                                                          200, 404, 200, 200, 404, 200, 404, 401),
        new("GET /api/tickets/{id}/comments", async s => Json(HttpMethod.Get, $"/api/tickets/{await s.AliceTicketAsync()}/comments"),
                                                                                          200, 404, 200, 200, 404, 200, 404, 401),
        new("POST /api/tickets/{id}/comments", async s => Json(HttpMethod.Post, $"/api/tickets/{await s.AliceTicketAsync()}/comments", new { body = "hello" }),
                                                                                          201, 404, 201, 201, 404, 201, 404, 401),
        new("GET /api/tickets/{id}/history", async s => Json(HttpMethod.Get, $"/api/tickets/{await s.AliceTicketAsync()}/history"),
                                                                                          403, 403, 200, 403, 403, 200, 403, 401),
        new("POST /api/tickets/{id}/assign", async s => Json(HttpMethod.Post, $"/api/tickets/{await s.AliceTicketAsync()}/assign", new { assignee = "bob" }),
                                                                                          403, 403, 200, 403, 403, 200, 403, 401),
        new("POST /api/tickets/{id}/transitions", async s => Json(HttpMethod.Post, $"/api/tickets/{await s.AliceTicketAsync(assigned: true)}/transitions", new { action = "start" }),
                                                                                          403, 404, 200, 403, 404, 200, 404, 401),
        new("POST /api/tickets/{id}/promote", async s => Json(HttpMethod.Post, $"/api/tickets/{await s.AliceTicketAsync()}/promote", new { projectKey = s.ProjectKey }),
                                                                                          403, 403, 202, 202, 403, 202, 403, 401),
        new("POST /api/tickets/{id}/major-incident", async s => Json(HttpMethod.Post, $"/api/tickets/{await s.AliceTicketAsync()}/major-incident", new { reason = "all down" }),
                                                                                          403, 403, 200, 403, 403, 200, 403, 401),
        new("GET /api/tickets/priority-matrix", _ => Task.FromResult(Json(HttpMethod.Get, "/api/tickets/priority-matrix")),
                                                                                          200, 200, 200, 200, 200, 200, 200, 401),
        new("GET /api/tickets/{id}/attachments", async s => Json(HttpMethod.Get, $"/api/tickets/{await s.AliceTicketAsync()}/attachments"),
                                                                                          200, 404, 200, 200, 404, 200, 404, 401),
        new("POST /api/tickets/{id}/attachments", async s => Upload($"/api/tickets/{await s.AliceTicketAsync()}/attachments"),
                                                                                          201, 404, 201, 201, 404, 201, 404, 401),
        new("POST /api/projects", _ => Task.FromResult(Json(HttpMethod.Post, "/api/projects", new { name = "Matrix", manager = "carol" })),
                                                                                          403, 403, 403, 201, 403, 201, 403, 401),
        new("GET /api/projects", _ => Task.FromResult(Json(HttpMethod.Get, "/api/projects")), 200, 200, 200, 200, 200, 200, 403, 401),
        new("GET /api/projects/{id}", s => Task.FromResult(Json(HttpMethod.Get, $"/api/projects/{s.ProjectKey}")),
                                                                                          404, 404, 404, 200, 404, 200, 403, 401),
        new("GET /api/projects/{id}/members", s => Task.FromResult(Json(HttpMethod.Get, $"/api/projects/{s.ProjectKey}/members")),
                                                                                          404, 404, 404, 200, 404, 200, 403, 401),
        new("POST /api/projects/{id}/members", async s => Json(HttpMethod.Post, $"/api/projects/{s.ProjectKey}/members", new { userId = await s.Fx.CreatePersonAsync($"u-{Guid.NewGuid():N}", "Matrix member", null, "requester"), role = "member" }),
                                                                                          404, 404, 404, 201, 404, 201, 403, 401),
        new("GET /api/projects/{id}/issues", s => Task.FromResult(Json(HttpMethod.Get, $"/api/projects/{s.ProjectKey}/issues")),
                                                                                          404, 404, 404, 200, 404, 200, 403, 401),
        new("POST /api/projects/{id}/issues", s => Task.FromResult(Json(HttpMethod.Post, $"/api/projects/{s.ProjectKey}/issues", new { title = "t", severity = "Low" })),
                                                                                          404, 404, 404, 201, 404, 201, 403, 401),
        new("GET /api/projects/{id}/issues/{issue}", async s => Json(HttpMethod.Get, $"/api/projects/{s.ProjectKey}/issues/{await s.IssueAsync()}"),
                                                                                          404, 404, 404, 200, 404, 200, 403, 401),
        new("POST /api/projects/{id}/issues/{issue}/transitions", async s => Json(HttpMethod.Post, $"/api/projects/{s.ProjectKey}/issues/{await s.IssueAsync()}/transitions", new { action = "Start" }),
                                                                                          404, 404, 404, 200, 404, 200, 403, 401),
    ];

    [Fact]
    public async Task Every_route_answers_each_role_as_the_table_says()
    {
        var monitoringToken = await (await Fx.ClientCredentialsAsync("tickets")).ReadJsonAsync();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var caller in Callers)
        {
            clients[caller] = caller switch
            {
                "anonymous" => Fx.WithToken(null),
                "monitoring" => Fx.WithToken(monitoringToken.Str("access_token")),
                _ => await Fx.ClientForAsync(caller),
            };
        }

        var carol = clients["carol"];
        var project = await (await carol.PostJsonAsync("/api/projects", new { name = "Matrix project", manager = "carol" })).ReadJsonAsync();
        var setup = new Setup(Fx, Http, clients["alice"], project.Str("key"));
        // ticketing learns of the project by event; wait for it so that promotions can succeed
        var probe = await setup.AliceTicketAsync();
        (await PromoteWhenProjectKnownAsync(probe, setup.ProjectKey)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var mismatches = new List<string>();
        foreach (var row in Table)
        {
            row.Expected.Length.ShouldBe(Callers.Length, row.Route);
            for (var i = 0; i < Callers.Length; i++)
            {
                using var request = await row.Request(setup);
                using var response = await clients[Callers[i]].SendAsync(request);
                var actual = (int)response.StatusCode;
                if (actual != row.Expected[i]) mismatches.Add($"{row.Route} as {Callers[i]}: expected {row.Expected[i]}, got {actual}");
                if (actual is 403 or 404 && response.Content.Headers.ContentLength is > 0)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    if (body.Contains("Matrix ticket") || body.Contains("Matrix issue") || body.Contains("\"items\""))
                        mismatches.Add($"{row.Route} as {Callers[i]}: a refusal carried data: {body}");
                }
            }
        }

        mismatches.ShouldBeEmpty(string.Join("\n", mismatches));
        foreach (var client in clients.Values) client.Dispose();
    }
}
