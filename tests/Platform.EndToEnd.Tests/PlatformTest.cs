namespace Platform.EndToEnd.Tests;

/// <summary>All end-to-end test classes share one running platform (the processes start once per test run).</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

/// <summary>
/// Base of the end-to-end tests: HTTP helpers against the gateway, and, when a test fails, the last lines each
/// process printed in the test's output.
/// </summary>
[Collection(PlatformCollection.Name)]
public abstract class PlatformTest(PlatformFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    protected PlatformFixture Fx => fx;

    protected ITestOutputHelper Output => output;

    protected HttpClient Http => fx.Http;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result is TestResult.Failed)
            output.WriteLine(fx.Tails());
        return ValueTask.CompletedTask;
    }

    protected async Task<JsonElement> CreateProjectAsync(string name = "Network refresh")
    {
        var response = await Http.PostJsonAsync("/api/projects",
            new { name, manager = "pm.jones", description = "Replace the core switches of building B." });
        await ShouldBeAsync(response, HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    protected async Task<JsonElement> CreateTicketAsync(string title = "Core switch drops packets")
    {
        var response = await Http.PostJsonAsync("/api/tickets", new
        {
            title, description = "Building B loses network every hour.", requester = "alice", category = "network",
            impact = "High", urgency = "High",
        });
        await ShouldBeAsync(response, HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    /// <summary>Creates a ticket, assigns it and starts work on it.</summary>
    protected async Task<JsonElement> CreateStartedTicketAsync()
    {
        var created = await CreateTicketAsync();
        var key = created.Str("key");
        await ShouldBeAsync(await Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" }), HttpStatusCode.OK);
        var started = await Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "Start" });
        await ShouldBeAsync(started, HttpStatusCode.OK);
        (await started.ReadJsonAsync()).Str("status").ShouldBe("InProgress");
        return created;
    }

    /// <summary>
    /// Promotes a ticket, retrying while ticketing answers 422 unknown-project: it learns of a new project only
    /// when the ProjectCreated event arrived.
    /// </summary>
    protected async Task<HttpResponseMessage> PromoteWhenProjectKnownAsync(
        string ticketKey, string projectKey, string? traceParent = null, TimeSpan? timeout = null, HttpClient? client = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{ticketKey}/promote")
            {
                Content = JsonContent(new { projectKey }),
            };
            if (traceParent is not null) request.Headers.Add("traceparent", traceParent);
            var response = await (client ?? Http).SendAsync(request);
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity) return response;

            var problem = await response.ReadJsonAsync();
            problem.Str("code").ShouldBe("unknown-project");
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
                throw new TimeoutException($"Ticketing did not learn of {projectKey} within {clock.Elapsed.TotalSeconds:F1} s: {problem}");
            await Task.Delay(50);
        }
    }

    protected async Task<JsonElement> GetTicketAsync(string key)
    {
        var response = await Http.GetAsync($"/api/tickets/{key}");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    protected static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Json.Options), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Asserts a status code, with the response body in the failure message.</summary>
    /// <summary>The response is a ProblemDetails (RFC 9457) with the expected status and a title.</summary>
    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ShouldBeAsync(response, expected);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();
        problem.GetProperty("status").GetInt32().ShouldBe((int)expected);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>The answer's JSON body, after checking its status (the body is in the message when it is not).</summary>
    protected static async Task<JsonElement> ReadAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        await ShouldBeAsync(response, expected);
        return await response.ReadJsonAsync();
    }

    protected static async Task ShouldBeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            response.StatusCode.ShouldBe(expected,
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// A third-party tool (the notifications client's token) subscribes <paramref name="receiver"/> to
    /// <paramref name="eventType"/> on one project, signed with <paramref name="secret"/>; returns the tool's client
    /// and the subscription's id.
    /// </summary>
    internal async Task<(HttpClient Tool, string Subscription)> SubscribeToolAsync(WebhookReceiver receiver, string secret, string eventType, string projectKey)
    {
        var tokenResponse = await Fx.ClientCredentialsAsync("notifications");
        await ShouldBeAsync(tokenResponse, HttpStatusCode.OK);
        var tool = Fx.WithToken((await tokenResponse.ReadJsonAsync()).Str("access_token"));
        var subscribe = await tool.PostJsonAsync("/api/subscriptions", new
        {
            url = receiver.Url, secret, eventTypes = new[] { eventType }, filters = new { projectKeys = new[] { projectKey } },
        });
        await ShouldBeAsync(subscribe, HttpStatusCode.Created);
        receiver.Secret = secret;
        return (tool, (await subscribe.ReadJsonAsync()).Str("id"));
    }
}
