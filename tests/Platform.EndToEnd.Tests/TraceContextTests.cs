using System.Text.RegularExpressions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// W3C trace context for integrators: every response names its trace once, the same way in X-Correlation-Id,
/// traceresponse and a ProblemDetails' traceId, and a caller's traceparent comes back out of the platform in the
/// CloudEvents it raises (webhook deliveries and the event log). Assets and notifications run without any telemetry
/// exporter here (see PlatformFixture), as they do by default.
/// </summary>
public partial class TraceContextTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    [GeneratedRegex("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")]
    private static partial Regex TraceResponse();

    /// <summary>Paths answered by a service through the gateway (2xx and ProblemDetails), by the gateway itself, and by a service directly.</summary>
    public static TheoryData<string, string> Paths => new()
    {
        { "gateway", "/api/projects" },
        { "gateway", "/api/tickets/HD-987654321" },
        { "gateway", "/api/assets/AST-99999999" },
        { "gateway", "/api/nothing-here" },
        { "gateway", "/scalar/" },
        { "assets", "/api/assets/AST-99999999" },
        { "notifications", "/api/inbox" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_callers_traceparent_comes_back_as_traceresponse_and_X_Correlation_Id_and_the_problems_traceId(string via, string path)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var response = await SendAsync(via, path, ("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01"));
        await ShouldNameOneTraceAsync(response, path, traceId);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Without_a_traceparent_the_platform_names_one_new_trace(string via, string path)
    {
        using var response = await SendAsync(via, path);
        var traceId = await ShouldNameOneTraceAsync(response, path, expected: null);
        traceId.ShouldNotBe(new string('0', 32));
    }

    [Fact]
    public async Task A_correlation_id_that_is_a_trace_id_or_a_guid_names_the_trace_and_any_other_is_not_echoed()
    {
        foreach (var path in new[] { "/api/projects", "/api/tickets/HD-987654321", "/scalar/" })
        {
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            using (var response = await SendAsync("gateway", path, ("X-Correlation-Id", traceId)))
                await ShouldNameOneTraceAsync(response, path, traceId);

            var guid = Guid.NewGuid();
            using (var response = await SendAsync("gateway", path, ("X-Correlation-Id", guid.ToString("D").ToUpperInvariant())))
                await ShouldNameOneTraceAsync(response, path, guid.ToString("N"));

            // A traceparent wins over a correlation id.
            var parentTraceId = ActivityTraceId.CreateRandom().ToHexString();
            using (var response = await SendAsync("gateway", path, ("X-Correlation-Id", traceId),
                       ("traceparent", $"00-{parentTraceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01")))
                await ShouldNameOneTraceAsync(response, path, parentTraceId);

            // Any other value names no trace: the answer reports the trace the platform started, never two ids.
            using (var response = await SendAsync("gateway", path, ("X-Correlation-Id", "abc-123")))
                (await ShouldNameOneTraceAsync(response, path, expected: null)).ShouldNotBe("abc-123");
        }
    }

    [Fact]
    public async Task A_callers_traceparent_reaches_the_webhook_and_the_event_log_as_the_CloudEvents_trace_context()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tokenResponse = await Fx.ClientCredentialsAsync("notifications");
        await ShouldBeAsync(tokenResponse, HttpStatusCode.OK);
        var tool = Fx.WithToken((await tokenResponse.ReadJsonAsync()).Str("access_token"));
        receiver.Secret = "e2e-trace-secret-0123456789";
        var subscribe = await tool.PostJsonAsync("/api/subscriptions", new { url = receiver.Url, secret = receiver.Secret, eventTypes = new[] { "AssetRegistered" } });
        await ShouldBeAsync(subscribe, HttpStatusCode.Created);

        // dave (PSO) registers a laptop with a trace of the caller's: assets → outbox → RabbitMQ → notifications.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        const string traceState = "vendor=e2e,other=1";
        var dave = await Fx.ClientForAsync("dave");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assets")
        {
            Content = JsonContent(new { kind = "Laptop", model = "ThinkPad T14 Gen 5", serial = "TRACE-" + Guid.NewGuid().ToString("N")[..12], vendor = "Lenovo", location = "HQ store" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        request.Headers.Add("tracestate", traceState);
        using var created = await dave.SendAsync(request);
        await ShouldBeAsync(created, HttpStatusCode.Created);
        await ShouldNameOneTraceAsync(created, "/api/assets", traceId);
        var tag = (await created.ReadJsonAsync()).Str("tag");

        var delivered = await Eventually.GetAsync(
            () => Task.FromResult(receiver.Accepted.FirstOrDefault(e => e.GetProperty("data").Str("assetTag") == tag)),
            e => e.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30));
        receiver.BadSignatures.ShouldBe(0);
        delivered.Str("type").ShouldBe("platform.assets.AssetRegistered");
        ShouldContinue(delivered, traceId, traceState, "the webhook's CloudEvent");

        // The event log (read as CloudEvents, and what a replay sends) keeps the same trace context.
        var logged = await Eventually.GetAsync(async () =>
            {
                var page = await (await tool.GetAsync("/api/events?type=AssetRegistered&limit=100")).ReadJsonAsync();
                return page.GetProperty("items").EnumerateArray().FirstOrDefault(e => e.Str("id") == delivered.Str("id"));
            },
            e => e.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10));
        ShouldContinue(logged, traceId, traceState, "the event log's CloudEvent");
        logged.Str("traceparent").ShouldBe(delivered.Str("traceparent"));
    }

    private static void ShouldContinue(JsonElement cloudEvent, string traceId, string traceState, string what)
    {
        cloudEvent.TryGetProperty("traceparent", out var traceParent).ShouldBeTrue($"{what} has no traceparent: {cloudEvent}");
        var match = TraceResponse().Match(traceParent.GetString()!);
        match.Success.ShouldBeTrue($"{what}: traceparent '{traceParent}' is not W3C");
        match.Groups[1].Value.ShouldBe(traceId, $"{what}: traceparent '{traceParent}' is not in the caller's trace");
        cloudEvent.TryGetProperty("tracestate", out var state).ShouldBeTrue($"{what} has no tracestate: {cloudEvent}");
        state.GetString().ShouldBe(traceState);
    }

    private async Task<HttpResponseMessage> SendAsync(string via, string path, params (string Name, string Value)[] headers)
    {
        var process = via switch { "assets" => Fx.Assets, "notifications" => Fx.Notifications, _ => Fx.Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(process.BaseAddress, path));
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        // Straight to a service too, the admin's client puts its token on the request.
        return await Http.SendAsync(request);
    }

    /// <summary>One X-Correlation-Id and one traceresponse, of the same trace (the expected one when given), and a ProblemDetails' traceId the same.</summary>
    private static async Task<string> ShouldNameOneTraceAsync(HttpResponseMessage response, string path, string? expected)
    {
        response.Headers.TryGetValues("X-Correlation-Id", out var correlation).ShouldBeTrue($"{path}: no X-Correlation-Id");
        var correlationId = correlation!.ShouldHaveSingleItem($"{path}: X-Correlation-Id");
        response.Headers.TryGetValues("traceresponse", out var traceResponses).ShouldBeTrue($"{path}: no traceresponse");
        var traceResponse = traceResponses!.ShouldHaveSingleItem($"{path}: traceresponse");
        var match = TraceResponse().Match(traceResponse);
        match.Success.ShouldBeTrue($"{path}: traceresponse '{traceResponse}' is not W3C Trace Context Level 2");
        var traceId = match.Groups[1].Value;
        match.Groups[2].Value.ShouldNotBe(new string('0', 16), $"{path}: traceresponse '{traceResponse}'");
        correlationId.ShouldBe(traceId, $"{path}: X-Correlation-Id and traceresponse disagree");
        if (expected is not null) traceId.ShouldBe(expected, $"{path}: not the caller's trace");

        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            var problem = await response.ReadJsonAsync();
            problem.Str("traceId").ShouldBe(traceId, $"{path}: the ProblemDetails' traceId disagrees: {problem}");
        }
        else if ((int)response.StatusCode >= 400)
        {
            throw new ShouldAssertException($"{path}: {(int)response.StatusCode} without ProblemDetails");
        }

        return traceId;
    }
}
