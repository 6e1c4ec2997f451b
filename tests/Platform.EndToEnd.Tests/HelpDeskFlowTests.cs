using Platform.Contracts.Projects;
using Platform.Contracts.Ticketing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The help desk and PMO rules that raise events, seen end to end: requests go to the gateway only, the events are
/// read from the platform's own virtual host.
/// </summary>
public sealed class HelpDeskFlowTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    /// <summary>The local-development secret of the "monitoring" source (ticketing's appsettings.Development.json).</summary>
    private const string MonitoringSecret = "local-development-only-monitoring-secret";

    private static readonly Guid AlwaysOpenCalendar = Guid.Parse("0193a000-0000-7000-8000-000000000001");

    [Fact]
    public async Task A_P1_ticket_that_nobody_answers_breaches_its_first_response_target_and_is_escalated()
    {
        // A P1 policy of one minute for a category of this test's own, escalating to second line and the team lead.
        var category = $"e2e-sla-{Guid.NewGuid():N}"[..24];
        await Fx.EnsurePersonAsync("lead.l2", "Second-line lead", "IT", "agent");
        var policy = await Http.PostJsonAsync("/api/sla-policies", new
        {
            name = $"P1 {category}", priority = "P1", category, calendarId = AlwaysOpenCalendar, firstResponseMinutes = 1,
            resolutionMinutes = 60, warningPercent = 50, escalateToQueue = "service-desk-l2", raisePriorityOnBreach = false,
            notifyOnBreach = "lead.l2",
        });
        await ShouldBeAsync(policy, HttpStatusCode.Created);
        var alice = await Fx.ClientForAsync("alice");
        var created = await alice.PostJsonAsync("/api/tickets", new
        {
            title = "ERP down for finance", description = "Nobody can post invoices.", category, impact = "High", urgency = "High",
        });
        await ShouldBeAsync(created, HttpStatusCode.Created);
        var ticket = await created.ReadJsonAsync();
        var key = ticket.Str("key");
        ticket.Str("priority").ShouldBe("P1");
        ticket.GetProperty("sla").GetProperty("firstResponse").GetProperty("targetMinutes").GetInt32().ShouldBe(1);

        var warning = await Fx.Bus.WaitForAsync<TicketSlaWarning>(e => e.TicketKey == key && e.Clock == "FirstResponse", TimeSpan.FromSeconds(90));
        warning.WarningPercent.ShouldBe(50);
        var breach = await Fx.Bus.WaitForAsync<TicketSlaBreached>(e => e.TicketKey == key && e.Clock == "FirstResponse", TimeSpan.FromSeconds(90));
        breach.Queue.ShouldBe("service-desk-l2");
        breach.Notify.ShouldContain("lead.l2");

        // Raised once, and the ticket shows the escalation.
        var after = await Eventually.GetAsync(async () => await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync(),
            t => t.Str("queue") == "service-desk-l2" && t.GetProperty("sla").GetProperty("firstResponse").Str("state") == "Breached"
                && t.GetProperty("comments").EnumerateArray().Any(c => c.Str("body").Contains("breached")), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // a few more checker passes: a second breach would have been raised by now
        Fx.Bus.Messages<TicketSlaBreached>().Count(e => e.TicketKey == key && e.Clock == "FirstResponse").ShouldBe(1);
        after = await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();
        after.Str("queue").ShouldBe("service-desk-l2");
        after.GetProperty("sla").GetProperty("firstResponse").Str("state").ShouldBe("Breached");
        after.GetProperty("comments").EnumerateArray().Select(c => c.Str("body")).ShouldContain(b => b.Contains("breached"));
    }

    [Fact]
    public async Task A_monitoring_alert_opens_updates_and_resolves_one_ticket()
    {
        var alertId = $"disk-{Guid.NewGuid():N}";
        var firing = await PostAlertAsync(new
        {
            alertId, status = "firing", title = "Disk /var 95% on db-01", severity = "critical", description = "95% used",
        });
        await ShouldBeAsync(firing, HttpStatusCode.Created);
        var key = (await firing.ReadJsonAsync()).Str("ticketKey");

        var repeat = await PostAlertAsync(new { alertId, status = "firing", title = "Disk /var 97% on db-01", severity = "critical", description = "97% used" });
        await ShouldBeAsync(repeat, HttpStatusCode.OK);
        (await repeat.ReadJsonAsync()).Str("ticketKey").ShouldBe(key);
        var resolved = await PostAlertAsync(new { alertId, status = "resolved" });
        await ShouldBeAsync(resolved, HttpStatusCode.OK);
        (await resolved.ReadJsonAsync()).Str("ticketKey").ShouldBe(key);

        var ticket = await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();
        ticket.Str("status").ShouldBe("Resolved");
        ticket.Str("priority").ShouldBe("P1");
        ticket.GetProperty("comments").EnumerateArray().Select(c => c.Str("body")).ShouldContain(b => b.Contains("97% used"));
        var open = await (await Http.GetAsync("/api/tickets?requester=monitoring&limit=100")).ReadJsonAsync();
        open.GetProperty("items").EnumerateArray().Count(t => t.Str("title").Contains("on db-01") && t.Str("key") == key).ShouldBe(1);

        // A forged or replayed-late signature changes nothing.
        var forged = await PostAlertAsync(new { alertId = "x", status = "firing", title = "forged" }, secret: "not-the-secret");
        await ShouldBeAsync(forged, HttpStatusCode.Unauthorized);
        var stale = await PostAlertAsync(new { alertId = "y", status = "firing", title = "late" }, at: DateTimeOffset.UtcNow.AddMinutes(-10));
        await ShouldBeAsync(stale, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_risk_crossing_the_threshold_raises_one_escalation_on_the_bus()
    {
        var carol = await Fx.ClientForAsync("carol");
        var project = await (await carol.PostJsonAsync("/api/projects", new { name = "Data centre move", manager = "carol" })).ReadJsonAsync();
        var projectKey = project.Str("key");
        var risk = await carol.PostJsonAsync($"/api/projects/{projectKey}/risks", new
        {
            title = "Movers damage racks", probability = 3, impact = 4, owner = "carol", mitigation = "Insured movers", trigger = "Move day",
        });
        await ShouldBeAsync(risk, HttpStatusCode.Created);
        var riskKey = (await risk.ReadJsonAsync()).Str("key");

        // 12 is under the default threshold (15); 16 crosses it; 25 is the same condition, still open: no second one.
        await ShouldBeAsync(await carol.PatchJsonAsync($"/api/projects/{projectKey}/risks/{riskKey}", new { probability = 4 }), HttpStatusCode.OK);
        var escalation = await Fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == projectKey, TimeSpan.FromSeconds(30));
        escalation.SourceKey.ShouldBe(riskKey);
        escalation.NotifyRoles.ShouldContain("pmo-analyst");
        await ShouldBeAsync(await carol.PatchJsonAsync($"/api/projects/{projectKey}/risks/{riskKey}", new { probability = 5, impact = 5 }), HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Fx.Bus.Messages<ProjectEscalationRaised>().Count(e => e.ProjectKey == projectKey).ShouldBe(1);

        var listed = await (await carol.GetAsync($"/api/projects/{projectKey}/escalations")).ReadJsonAsync();
        listed.ToString().ShouldContain(escalation.EscalationKey);
    }

    [Fact]
    public async Task A_log_file_larger_than_the_gateway_default_body_limit_is_attached_through_the_gateway()
    {
        var alice = await Fx.ClientForAsync("alice");
        var created = await alice.PostJsonAsync("/api/tickets", new
        {
            title = "App crashes on start", description = "Log attached.", category = "software", impact = "Low", urgency = "Low",
        });
        await ShouldBeAsync(created, HttpStatusCode.Created);
        var key = (await created.ReadJsonAsync()).Str("key");
        var log = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("2026-11-24 09:14:03 ERROR NullReference in Startup\n", 60_000)));
        log.Length.ShouldBeGreaterThan(2 * 1024 * 1024); // over the gateway's 1 MiB default, under the 10 MiB upload limit
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(log);
        file.Headers.ContentType = new("text/plain");
        form.Add(file, "file", "app.log");
        var upload = await alice.PostAsync($"/api/tickets/{key}/attachments", form);
        await ShouldBeAsync(upload, HttpStatusCode.Created);
        var href = (await upload.ReadJsonAsync()).Str("href");
        (await (await alice.GetAsync(href)).Content.ReadAsByteArrayAsync()).ShouldBe(log);
        // Erin, another requester, gets nothing; other routes keep the 1 MiB limit.
        (await (await Fx.ClientForAsync("erin")).GetAsync(href)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var big = await alice.PostAsync("/api/tickets", new ByteArrayContent(log) { Headers = { ContentType = new("application/json") } });
        big.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    private Task<HttpResponseMessage> PostAlertAsync(object alert, string secret = MonitoringSecret, DateTimeOffset? at = null)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(alert, Json.Options);
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Signatures.Sign(secret, timestamp, body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/monitoring") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Signature", signature);
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return Fx.Anonymous.SendAsync(request);
    }
}
