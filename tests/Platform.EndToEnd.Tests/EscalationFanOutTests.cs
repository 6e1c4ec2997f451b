namespace Platform.EndToEnd.Tests;

/// <summary>
/// PMO escalation fan-out through the gateway only: a third-party tool (the monitoring-tool client) subscribes a
/// receiver of its own to ProjectEscalationRaised; carol raises an escalation by hand; the receiver gets one signed
/// CloudEvent and carol's inbox shows it.
/// </summary>
public class EscalationFanOutTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    [Fact]
    public async Task An_escalation_raised_by_hand_reaches_a_subscribed_tool_signed_once_and_the_PMO_inbox()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var carol = await Fx.ClientForAsync("carol");
        (await carol.GetAsync("/api/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var project = await carol.PostJsonAsync("/api/projects", new { name = "Fan-out " + Guid.NewGuid().ToString("N")[..6], manager = "carol" });
        await ShouldBeAsync(project, HttpStatusCode.Created);
        var projectKey = (await project.ReadJsonAsync()).Str("key");
        var issue = await carol.PostJsonAsync($"/api/projects/{projectKey}/issues", new { title = "Vendor cannot deliver the switches", severity = "High" });
        await ShouldBeAsync(issue, HttpStatusCode.Created);
        var issueKey = (await issue.ReadJsonAsync()).Str("key");

        var (tool, subscription) = await SubscribeToolAsync(receiver, "e2e-webhook-secret-0123456789", "ProjectEscalationRaised", projectKey);

        var raise = await carol.PostJsonAsync($"/api/projects/{projectKey}/escalations",
            new { sourceType = "Issue", source = issueKey, reason = "The vendor slipped three weeks", severity = "High" });
        await ShouldBeAsync(raise, HttpStatusCode.Created);
        var escalationKey = (await raise.ReadJsonAsync()).Str("key");

        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), n => n >= 1, TimeSpan.FromSeconds(30));
        var inbox = await Eventually.GetAsync(async () => await (await carol.GetAsync("/api/inbox")).ReadJsonAsync(),
            page => page.GetProperty("items").EnumerateArray().Any(i => i.Str("subject") == escalationKey), TimeSpan.FromSeconds(30));
        // The delivery row is marked Delivered after the receiver answered: wait for that rather than for a fixed time.
        var deliveries = await Eventually.GetAsync(async () => await (await tool.GetAsync($"/api/deliveries?subscriptionId={subscription}")).ReadJsonAsync(),
            page => page.GetProperty("items").EnumerateArray().Any(d => d.Str("status") == "Delivered"), TimeSpan.FromSeconds(30));
        await Task.Delay(1_000); // a second request or delivery would have arrived by now

        receiver.BadSignatures.ShouldBe(0);
        var cloudEvent = receiver.Accepted.ShouldHaveSingleItem();
        cloudEvent.Str("specversion").ShouldBe("1.0");
        cloudEvent.Str("type").ShouldBe("platform.projects.ProjectEscalationRaised");
        cloudEvent.GetProperty("data").Str("escalationKey").ShouldBe(escalationKey);
        cloudEvent.GetProperty("data").Str("projectKey").ShouldBe(projectKey);
        inbox.GetProperty("items").EnumerateArray().Single(i => i.Str("subject") == escalationKey).GetProperty("urgent").GetBoolean().ShouldBeTrue();

        deliveries = await (await tool.GetAsync($"/api/deliveries?subscriptionId={subscription}")).ReadJsonAsync();
        var delivery = deliveries.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        delivery.Str("status").ShouldBe("Delivered");
        delivery.Str("eventId").ShouldBe(cloudEvent.Str("id"));
    }
}
