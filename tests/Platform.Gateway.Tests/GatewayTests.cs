using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway;

namespace Platform.Gateway.Tests;

/// <summary>
/// The gateway in-process in front of a real HTTP echo server (standing in for every service), trusting a test
/// OpenID Connect provider: what reaches a service, and what the gateway refuses on its own.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private LoopbackServer _echo = null!;
    private LoopbackServer _portal = null!;

    public TestTokenIssuer Tokens { get; private set; } = null!;
    public ServiceFactory<Program> Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Tokens = await TestTokenIssuer.StartAsync();
        _echo = await LoopbackServer.StartAsync(app => app.Map("/{**path}", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            return Results.Json(new
            {
                path = context.Request.Path.Value,
                headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                bodyLength = body.Length,
            });
        }));
        var echo = _echo.Address.ToString();
        _portal = await LoopbackServer.StartAsync(app => app.Map("/{**path}", () => Results.NotFound()));

        var settings = Tokens.Settings;
        foreach (var cluster in new[] { "ticketing", "projects", "identity" })
            settings[$"ReverseProxy:Clusters:{cluster}:Destinations:primary:Address"] = echo;
        // Projects has a second replica that is gone (nothing listens on port 1), and no health check to take it out
        // of the rotation: only the gateway's retry on the twin keeps its requests from failing.
        settings["ReverseProxy:Clusters:projects:Destinations:replica2:Address"] = "http://127.0.0.1:1/";
        settings["ReverseProxy:Clusters:projects:HealthCheck:Active:Enabled"] = "false";
        settings["ReverseProxy:Clusters:projects:HealthCheck:Passive:Enabled"] = "false";
        // Nothing listens on port 1: the assets service is "down" for these tests.
        settings["ReverseProxy:Clusters:assets:Destinations:primary:Address"] = "http://127.0.0.1:1/";
        // The portal has the lowest route ("/{**catch-all}") and answers 404 where it has no page.
        settings["ReverseProxy:Clusters:portal:Destinations:primary:Address"] = _portal.Address.ToString();
        settings["Gateway:RateLimit:PermitsPerSecond"] = "5";
        settings["Gateway:RateLimit:Burst"] = "5";
        settings["Gateway:RateLimit:HookPermitsPerSecond"] = "2";
        settings["Gateway:RateLimit:HookBurst"] = "20";
        Gateway = new ServiceFactory<Program>(settings);
    }

    public HttpClient As(string subject, params string[] roles)
    {
        var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Token(subject, roles));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _echo.DisposeAsync();
        await _portal.DisposeAsync();
        await Tokens.DisposeAsync();
    }
}

public class GatewayTests(GatewayFixture fx) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Every_api_route_needs_a_valid_token()
    {
        using var anonymous = fx.Gateway.CreateClient();
        foreach (var path in new[] { "/api/tickets", "/api/tickets/HD-1", "/api/projects", "/api/projects/PRJ-1/issues" })
        {
            var response = await anonymous.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }

        using var expired = fx.Gateway.CreateClient();
        expired.DefaultRequestHeaders.Authorization = new("Bearer", fx.Tokens.Expired("bob", "agent"));
        (await expired.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var forged = fx.Gateway.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", fx.Tokens.AlgNone("bob"));
        (await forged.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var bob = fx.As("bob-valid", "agent");
        (await bob.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Signing_keys_are_fetched_again_within_30_seconds_after_a_failed_discovery()
    {
        // A service (or this gateway) that starts while the provider is down must not refuse valid tokens for the
        // library's default 5 minutes once the provider is back.
        var bearer = fx.Gateway.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme);
        bearer.RefreshInterval.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Each_service_is_reached_over_at_most_256_connections_and_the_portal_over_as_many_as_it_needs()
    {
        // A storm whose clients give up would otherwise open a new connection to the service for every retry while
        // the service still works on the abandoned requests: thousands of sockets (20,000 in one process, which ran
        // it out of file descriptors). Bounded, the gateway queues requests and drops those whose client is gone.
        var clusters = fx.Gateway.Services.GetRequiredService<Yarp.ReverseProxy.Configuration.IProxyConfigProvider>()
            .GetConfig().Clusters.ToDictionary(c => c.ClusterId);
        foreach (var service in new[] { "ticketing", "projects", "identity", "assets", "notifications" })
            (clusters[service].HttpClient?.MaxConnectionsPerServer).ShouldBe(256, service);
        (clusters["portal"].HttpClient?.MaxConnectionsPerServer).ShouldBeNull("each signed-in person holds a WebSocket to the portal");
    }

    [Fact]
    public async Task A_service_that_is_down_is_a_502_problem_not_an_empty_answer()
    {
        using var dave = fx.As("dave-down", "pso-staff");
        var response = await dave.GetAsync("/api/assets");
        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("assets service cannot be reached");
        response.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_request_whose_replica_is_gone_is_served_by_its_twin()
    {
        for (var i = 0; i < 20; i++)
        {
            using var carol = fx.As($"carol-twin-{i}", "pmo-analyst"); // one caller each: the rate limit is per caller
            // A write without an Idempotency-Key: retried only because it never reached the dead replica; its body intact.
            using var response = await carol.PostAsync($"/api/projects/PRJ-{i}/risks", new StringContent(new string('r', 1000 + i)));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"request {i}");
            (await response.Content.ReadAsStringAsync()).ShouldContain($"\"bodyLength\":{1000 + i}");
        }
    }

    [Fact]
    public async Task A_token_must_carry_the_scope_of_the_api_it_calls()
    {
        using var client = fx.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fx.Tokens.Token("monitoring-tool", ["integration"], scopes: ["tickets"]));
        (await client.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/projects")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Sign_in_discovery_and_api_documents_stay_open()
    {
        using var anonymous = fx.Gateway.CreateClient();
        (await anonymous.GetAsync("/.well-known/openid-configuration")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent([new("grant_type", "password")]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/openapi/ticketing.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Identity_headers_a_client_forges_never_reach_a_service()
    {
        using var client = fx.As("carol-headers", "pmo-analyst");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        request.Headers.Add("X-User-Id", "admin");
        request.Headers.Add("X-User-Roles", "admin");
        request.Headers.Add("X-Forwarded-User", "admin");
        request.Headers.Add("X-Remote-User", "admin");
        request.Headers.Add("X-Auth-Request-User", "admin");
        request.Headers.Add("X-Correlation-Id", "keep-me");
        var echoed = JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
        var headers = echoed.GetProperty("headers").EnumerateObject().Select(p => p.Name).ToList();
        headers.ShouldNotContain(h => h.StartsWith("X-User", StringComparison.OrdinalIgnoreCase) || h.StartsWith("X-Auth", StringComparison.OrdinalIgnoreCase)
            || h.Equals("X-Forwarded-User", StringComparison.OrdinalIgnoreCase) || h.Equals("X-Remote-User", StringComparison.OrdinalIgnoreCase));
        echoed.GetProperty("headers").GetProperty("X-Correlation-Id").GetString().ShouldBe("keep-me");
        echoed.GetProperty("headers").GetProperty("Authorization").GetString()!.ShouldStartWith("Bearer "); // the token itself passes
    }

    [Fact]
    public void The_forged_header_filter_knows_the_usual_suspects()
    {
        foreach (var header in new[] { "X-User-Id", "x-user", "X-Forwarded-User", "X-Remote-User", "X-Auth-Request-Email", "X-Roles", "X-MS-CLIENT-PRINCIPAL-NAME", "Remote-User" })
            ForgedHeaders.IsForged(header).ShouldBeTrue(header);
        foreach (var header in new[] { "Authorization", "X-Correlation-Id", "traceparent", "Content-Type", "X-Forwarded-For" })
            ForgedHeaders.IsForged(header).ShouldBeFalse(header);
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_retry_after_and_others_are_not_affected()
    {
        using var greedy = fx.As("greedy", "agent");
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => greedy.GetAsync("/api/tickets")));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Count.ShouldBeGreaterThan(0);
        limited[0].Headers.RetryAfter.ShouldNotBeNull();
        limited[0].Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThanOrEqualTo(1);
        limited[0].Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var patient = fx.As("patient", "agent");
        (await patient.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Task.Delay(limited[0].Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(200));
        (await greedy.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Oversized_request_bodies_are_refused()
    {
        using var client = fx.As("big-sender", "agent");
        var big = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        big.Headers.ContentType = new("application/json");
        (await client.PostAsync("/api/tickets", big)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var small = new ByteArrayContent(new byte[10 * 1024]);
        small.Headers.ContentType = new("application/json");
        (await client.PostAsync("/api/tickets", small)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_is_the_gateways_own_and_service_health_is_not_routed()
    {
        using var anonymous = fx.Gateway.CreateClient();
        var ready = await anonymous.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy"); // not an echo from behind the gateway
        using var admin = fx.As("prober", "admin");
        (await admin.GetAsync("/ticketing/health/ready")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync("/projects/health/live")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Hooks_have_a_rate_of_their_own_per_source_not_per_client()
    {
        using var tool = fx.Gateway.CreateClient();
        Task<HttpResponseMessage> Post(string source) => tool.PostAsync($"/hooks/{source}", new StringContent("{}", Encoding.UTF8, "application/json"));

        // More than one client's own burst (5) from the one address: a monitoring tool sends many alerts at once.
        var storm = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => Post("storm-a")));
        storm.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);

        // Past the source's own burst (20, then 2 a second): 429 with Retry-After; another source is not affected.
        var more = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Post("Storm-A")));
        var limited = more.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.ShouldNotBeEmpty();
        limited[0].Headers.RetryAfter.ShouldNotBeNull();
        (await Post("storm-b")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
