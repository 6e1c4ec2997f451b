using System.Diagnostics;

namespace Platform.Notifications.Tests;

[Collection(nameof(NotificationsCollection))]
public sealed class FanOutTests(NotificationsFixture f, ITestOutputHelper output)
{
    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task An_escalation_reaches_the_PMO_the_manager_the_sponsor_and_subscribed_tools_once_and_no_one_else()
    {
        var project = "PRJ-" + Random.Shared.Next(10_000, 99_999);
        var pmo = await f.PersonAsync(Id("pmo"), "pmo-analyst");
        var manager = await f.PersonAsync(Id("mgr"), "pso-staff");
        var sponsor = f.As(Id("sponsor"), "requester");
        var bystander = await f.PersonAsync(Id("bystander"), "requester");
        var tool = f.Tool(Id("tool"));
        var wanted = Id("ep");
        var filteredOut = Id("ep");
        var otherType = Id("ep");
        await f.SubscribeAsync(tool, wanted, ["ProjectEscalationRaised"], new { projectKeys = new[] { project } });
        await f.SubscribeAsync(tool, filteredOut, ["ProjectEscalationRaised"], new { severities = new[] { "Low" } });
        await f.SubscribeAsync(tool, otherType, ["TicketCreated"]);

        var escalation = NotificationsFixture.Escalation(project, manager: ManagerId(manager), sponsor: SubjectOf(sponsor));
        var eventId = await f.PublishAsync(escalation);
        await f.PublishAsync(escalation, eventId); // the same message again (a redelivery)

        await f.Receiver.WaitForAsync(r => r.For(wanted).Count >= 1, what: "the subscribed tool's request");
        foreach (var person in new[] { pmo, manager, sponsor })
            await Eventually.GetAsync(() => f.InboxAsync(person), page => page.GetProperty("items").EnumerateArray().Any(i => i.Str("eventId") == eventId.ToString()));
        await Task.Delay(500); // anything extra would have arrived by now

        var received = f.Receiver.For(wanted).Single();
        received.EventId.ShouldBe(eventId.ToString());
        received.Type.ShouldBe("platform.projects.ProjectEscalationRaised");
        received.CloudEvent.Str("specversion").ShouldBe("1.0");
        received.CloudEvent.GetProperty("data").Str("escalationKey").ShouldBe(escalation.EscalationKey);
        f.Receiver.For(filteredOut).ShouldBeEmpty();
        f.Receiver.For(otherType).ShouldBeEmpty();
        (await f.InboxAsync(bystander)).GetProperty("items").EnumerateArray().ShouldNotContain(i => i.Str("eventId") == eventId.ToString());
        var inbox = await f.InboxAsync(pmo);
        inbox.GetProperty("items").EnumerateArray().Count(i => i.Str("eventId") == eventId.ToString()).ShouldBe(1);
        inbox.GetProperty("unread").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        (await f.CountAsync(db => db.Deliveries.CountAsync(d => d.EventId == eventId && d.Channel == DeliveryChannel.Webhook))).ShouldBe(1);
    }

    private static string SubjectOf(HttpClient client) => ReadSub(client);
    private static string ManagerId(HttpClient client) => ReadSub(client);

    private static string ReadSub(HttpClient client)
    {
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var payload = token.Split('.')[1];
        var json = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(payload));
        return System.Text.Json.JsonDocument.Parse(json).RootElement.Str("sub");
    }

    /// <summary>The portal's unread badge hears of each new inbox item: InboxItemAdded, through the outbox, naming its owner.</summary>
    [Fact]
    public async Task A_new_inbox_item_is_announced_to_its_owner_only()
    {
        var user = Id("req");
        var me = await f.PersonAsync(user, "requester");
        var key = "HD-" + Random.Shared.Next(1, 99_999);
        var eventId = await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), key, user));
        await Eventually.GetAsync(() => f.InboxAsync(me), p => p.GetProperty("items").EnumerateArray().Any(i => i.Str("eventId") == eventId.ToString()));

        var added = await f.Bus.WaitForAsync<Platform.Contracts.Notifications.InboxItemAdded>(e => e.UserId == user);
        added.EventType.ShouldBe("TicketCreated");
        added.Subject.ShouldBe(key);
        f.Bus.Messages<Platform.Contracts.Notifications.InboxItemAdded>().Count(e => e.UserId == user).ShouldBe(1);
        // Notifications does not fan its own signal out again (no inbox item about an inbox item).
        (await f.CountAsync(db => db.Inbox.CountAsync(i => i.UserId == user))).ShouldBe(1);
        EventCatalog.ByName.ContainsKey(nameof(Platform.Contracts.Notifications.InboxItemAdded)).ShouldBeFalse();
    }

    [Fact]
    public async Task Inbox_items_are_marked_read_by_their_owner_only()
    {
        var user = Id("req");
        var me = await f.PersonAsync(user, "requester");
        var ticket = Guid.NewGuid();
        var eventId = await f.PublishAsync(NotificationsFixture.Ticket(ticket, "HD-" + Random.Shared.Next(1, 99_999), user));
        var page = await Eventually.GetAsync(() => f.InboxAsync(me), p => p.GetProperty("unread").GetInt32() == 1
            && p.GetProperty("items").EnumerateArray().Any(i => i.Str("eventId") == eventId.ToString()));
        var id = page.GetProperty("items")[0].GetProperty("id").GetInt64();

        (await f.As(Id("other"), "requester").PostAsync($"/api/inbox/{id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await me.PostAsync($"/api/inbox/{id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await me.GetAsync("/api/inbox/unread-count")).ReadJsonAsync()).GetProperty("unread").GetInt32().ShouldBe(0);
        (await f.InboxAsync(me, "?unread=true")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await me.PostAsync("/api/inbox/nope/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ticket_events_reach_the_requester_and_SLA_breaches_the_assignee_and_team_lead()
    {
        var requester = Id("req");
        var assignee = Id("agent");
        var lead = Id("lead");
        var ticket = Guid.NewGuid();
        var key = "HD-" + Random.Shared.Next(1, 99_999);
        await f.PublishAsync(NotificationsFixture.Ticket(ticket, key, requester));
        // Queues are per event type, so the status change may be consumed before TicketCreated: it names the requester
        // itself (as ticketing's events do) rather than relying on the contact learned from the earlier event.
        var resolved = await f.PublishAsync(new TicketStatusChanged(ticket, key, "InProgress", "Resolved", assignee, DateTimeOffset.UtcNow,
            Requester: requester, Assignee: assignee));
        var breached = await f.PublishAsync(new TicketSlaBreached(ticket, key, "Resolution", "P2", "P1", assignee, "l1", "l2", Guid.NewGuid(),
            "Standard", 240, DateTimeOffset.UtcNow, [lead, assignee], DateTimeOffset.UtcNow));

        var mine = f.As(requester, "requester");
        await Eventually.GetAsync(() => f.InboxAsync(mine), p => p.GetProperty("items").EnumerateArray().Any(i => i.Str("eventId") == resolved.ToString()));
        foreach (var who in new[] { assignee, lead })
            await Eventually.GetAsync(() => f.InboxAsync(f.As(who, "agent")),
                p => p.GetProperty("items").EnumerateArray().Any(i => i.Str("eventId") == breached.ToString() && i.GetProperty("urgent").GetBoolean()));
        var requesterItems = (await f.InboxAsync(mine)).GetProperty("items").EnumerateArray().ToList();
        requesterItems.Count.ShouldBe(2, "received + resolved, not the SLA breach");
        requesterItems.ShouldContain(i => i.Str("title") == $"{key} resolved");
    }

    [Fact]
    public async Task One_escalation_to_200_subscribed_endpoints_delivers_200_signed_requests()
    {
        // tools/bench/fanout.sh raises the count (FANOUT_ENDPOINTS) to measure; the test itself uses 200.
        var endpoints = int.TryParse(Environment.GetEnvironmentVariable("FANOUT_ENDPOINTS"), out var n) && n > 0 ? n : 200;
        var tool = f.Tool(Id("fanout"));
        var names = Enumerable.Range(0, endpoints).Select(i => Id($"fan{i}")).ToList();
        foreach (var name in names) await f.SubscribeAsync(tool, name, ["ProjectEscalationRaised"], new { projectKeys = new[] { "PRJ-FAN" } });

        var clock = Stopwatch.StartNew();
        var eventId = await f.PublishAsync(NotificationsFixture.Escalation("PRJ-FAN", "Critical"));
        await f.Receiver.WaitForAsync(r => r.All.Count(a => a.EventId == eventId.ToString()) >= endpoints, TimeSpan.FromSeconds(120), $"{endpoints} deliveries");
        var elapsed = clock.Elapsed;
        // A delivery row is marked Delivered after its receiver answered: on a busy machine that can be a while later.
        await Eventually.GetAsync(() => f.CountAsync(db => db.Deliveries.CountAsync(d => d.EventId == eventId && d.Status == DeliveryStatus.Delivered)),
            n => n >= endpoints, TimeSpan.FromSeconds(60));
        await Task.Delay(300); // anything extra would have arrived by now

        var received = f.Receiver.All.Where(a => a.EventId == eventId.ToString()).ToList();
        received.Count.ShouldBe(endpoints);
        received.Select(a => a.Endpoint).Order().ShouldBe(names.Order());
        (await f.CountAsync(db => db.Deliveries.CountAsync(d => d.EventId == eventId && d.Status == DeliveryStatus.Delivered))).ShouldBe(endpoints);
        // Delivery bookkeeping is its own log (deliveries, attempts): it does not also go to the audit trail, while the
        // subscriptions people made do.
        (await f.CountAsync(db => db.Set<Platform.Data.AuditEntry>().CountAsync(a => a.Entity == "deliveries" || a.Entity == "delivery_attempts")))
            .ShouldBe(0);
        (await f.CountAsync(db => db.Set<Platform.Data.AuditEntry>().CountAsync(a => a.Entity == "webhook_subscriptions"))).ShouldBeGreaterThanOrEqualTo(endpoints);
        var line = $"FANOUT: 1 escalation → {endpoints} signed webhook deliveries (distinct endpoints, loopback receiver) in {elapsed.TotalMilliseconds:F0} ms " +
                   $"from publish = {endpoints / elapsed.TotalSeconds:F0} deliveries/s";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    [Fact]
    public async Task A_receiver_failing_30_percent_of_the_time_still_gets_every_event_once_by_id()
    {
        const int events = 60;
        var tool = f.Tool(Id("flaky"));
        var endpoint = Id("flaky");
        var subscription = await f.SubscribeAsync(tool, endpoint, ["TicketCreated"], new { categories = new[] { "flaky" } });
        f.Receiver.FailureRate = 0.3;
        try
        {
            var ids = new List<Guid>();
            for (var i = 0; i < events; i++)
                ids.Add(await f.PublishAsync(new TicketCreated(Guid.NewGuid(), $"HD-F{i}", "Flaky", Id("r"), "flaky", "P3", DateTimeOffset.UtcNow)));
            await f.Receiver.WaitForAsync(r => r.For(endpoint).Select(a => a.EventId).Distinct().Count() >= events, TimeSpan.FromSeconds(60), "all flaky deliveries");
            f.Receiver.For(endpoint).Select(a => a.EventId).Distinct().Order().ShouldBe(ids.Select(i => i.ToString()).Order());
            f.Receiver.FailedOnPurpose.ShouldBeGreaterThan(0);
            output.WriteLine($"flaky receiver: {f.Receiver.FailedOnPurpose} requests failed on purpose, {f.Receiver.For(endpoint).Count} accepted for {events} events");
        }
        finally
        {
            f.Receiver.FailureRate = 0;
        }

        var retried = await f.CountAsync(db => db.Attempts.CountAsync(a => a.Outcome == "Failed" && a.StatusCode == 503));
        retried.ShouldBeGreaterThan(0);
        // An endpoint that answers most of the time is not "failing in a row", however many of one batch failed.
        (await f.CountAsync(db => db.Subscriptions.CountAsync(s => s.Id == subscription && s.Status == SubscriptionStatus.Active))).ShouldBe(1);
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_parked_and_disabled_its_owner_told_and_it_can_be_redelivered()
    {
        var owner = Id("tool");
        var tool = f.Tool(owner);
        var endpoint = Id("dead");
        var subscription = await f.SubscribeAsync(tool, endpoint, ["TicketCreated"], new { categories = new[] { "dead" } });
        f.Receiver.Broken[endpoint] = true;
        for (var i = 0; i < 3; i++) await f.PublishAsync(new TicketCreated(Guid.NewGuid(), $"HD-D{i}", "Dead", Id("r"), "dead", "P3", DateTimeOffset.UtcNow));

        var status = await Eventually.GetAsync(async () => (await (await tool.GetAsync($"/api/subscriptions/{subscription}")).ReadJsonAsync()).Str("status"),
            s => s == "Disabled", TimeSpan.FromSeconds(60));
        status.ShouldBe("Disabled");
        // Disabled by the dispatcher (a bulk update, which sends the cache's notice): the next event is not fanned out to it.
        var after = await f.PublishAsync(new TicketCreated(Guid.NewGuid(), "HD-D9", "Dead", Id("r"), "dead", "P3", DateTimeOffset.UtcNow));
        await Eventually.GetAsync(() => f.CountAsync(db => db.Events.CountAsync(e => e.Id == after)), n => n == 1);
        (await f.CountAsync(db => db.Deliveries.CountAsync(d => d.EventId == after && d.SubscriptionId == subscription))).ShouldBe(0);
        var parked = await Eventually.GetAsync(async () => await (await tool.GetAsync($"/api/deliveries?subscriptionId={subscription}&status=Parked")).ReadJsonAsync(),
            p => p.GetProperty("items").GetArrayLength() == 3, TimeSpan.FromSeconds(30));
        var delivery = await (await tool.GetAsync($"/api/deliveries/{parked.GetProperty("items")[0].GetProperty("id").GetInt64()}")).ReadJsonAsync();
        delivery.GetProperty("attemptLog").GetArrayLength().ShouldBeGreaterThan(0);
        delivery.GetProperty("attemptLog")[0].GetProperty("statusCode").GetInt32().ShouldBe(500);
        var notice = await f.InboxAsync(tool);
        notice.GetProperty("items").EnumerateArray().ShouldContain(i => i.Str("eventType") == "WebhookSubscriptionDisabled");
        (await f.Tool(Id("someone-else")).GetAsync($"/api/deliveries/{parked.GetProperty("items")[0].GetProperty("id").GetInt64()}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        f.Receiver.Broken.TryRemove(endpoint, out _);
        (await tool.PostAsync($"/api/subscriptions/{subscription}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var requeued = await tool.PostAsync($"/api/subscriptions/{subscription}/redeliver", null);
        requeued.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await requeued.ReadJsonAsync()).GetProperty("deliveries").GetInt32().ShouldBe(3);
        await f.Receiver.WaitForAsync(r => r.For(endpoint).Select(a => a.EventId).Distinct().Count() == 3, what: "redelivered parked deliveries");

        var one = parked.GetProperty("items")[0].GetProperty("id").GetInt64();
        // The receiver has the request before the dispatcher records the outcome; a pending delivery is not redelivered (409).
        (await Eventually.GetAsync(async () => (await (await tool.GetAsync($"/api/deliveries/{one}")).ReadJsonAsync()).Str("status"),
            s => s == "Delivered", TimeSpan.FromSeconds(30))).ShouldBe("Delivered");
        (await tool.PostAsync($"/api/deliveries/{one}/redeliver", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await f.Receiver.WaitForAsync(r => r.For(endpoint).Count == 4, what: "a single redelivery");
    }

    [Fact]
    public async Task A_tool_replays_the_last_days_and_reads_the_event_log_as_CloudEvents()
    {
        var tool = f.Tool(Id("replay"));
        var endpoint = Id("replay");
        var category = Id("cat");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await f.PublishAsync(new TicketCreated(Guid.NewGuid(), $"HD-R{i}", "Replay", Id("r"), category, "P3", DateTimeOffset.UtcNow)));
        await Eventually.GetAsync(() => f.CountAsync(db => db.Events.CountAsync(e => ids.Contains(e.Id))), n => n == 3);

        // Subscribed after the events: nothing arrives until the tool asks for a replay.
        var subscription = await f.SubscribeAsync(tool, endpoint, ["TicketCreated"], new { categories = new[] { category } });
        var replay = await tool.PostJsonAsync("/api/events/replay", new { days = 1, subscriptionId = subscription });
        replay.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await replay.ReadJsonAsync()).GetProperty("deliveries").GetInt32().ShouldBe(3);
        await f.Receiver.WaitForAsync(r => r.For(endpoint).Count == 3, what: "replayed events");
        f.Receiver.For(endpoint).Select(a => a.EventId).Order().ShouldBe(ids.Select(i => i.ToString()).Order());

        var log = await (await tool.GetAsync("/api/events?days=1&type=TicketCreated&limit=200")).ReadJsonAsync();
        log.GetProperty("items").EnumerateArray().Where(e => ids.Contains(Guid.Parse(e.Str("id")))).ShouldAllBe(e => e.Str("specversion") == "1.0");
        (await tool.PostJsonAsync("/api/events/replay", new { days = 1, subscriptionId = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_event_log_filters_by_subject_and_pages_oldest_or_newest_first()
    {
        var tool = f.Tool(Id("log"));
        var key = "HD-" + Random.Shared.Next(100_000, 999_999);
        var ticket = Guid.NewGuid();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add(await f.PublishAsync(new TicketStatusChanged(ticket, key, "New", $"Step{i}", "bob", DateTimeOffset.UtcNow, Requester: Id("r"))));
        var other = await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), key + "0", Id("r")));
        await Eventually.GetAsync(() => f.CountAsync(db => db.Events.CountAsync(e => ids.Contains(e.Id) || e.Id == other)), n => n == 6);
        // The log's order is the order of consumption (one queue per type, consumed concurrently), not of publication.
        var logged = (await f.WithDbAsync(db => db.Events.Where(e => e.Subject == key).OrderBy(e => e.Seq).Select(e => e.Id).ToListAsync()))
            .Select(id => id.ToString()).ToList();
        logged.ShouldBe(ids.Select(id => id.ToString()), ignoreOrder: true);

        async Task<List<string>> ReadAllAsync(string query)
        {
            var seen = new List<string>();
            var pages = 0;
            string? cursor = null;
            do
            {
                var page = await (await tool.GetAsync($"/api/events?subject={key}&limit=2{query}" + (cursor is null ? "" : $"&cursor={cursor}"))).ReadJsonAsync();
                var items = page.GetProperty("items").EnumerateArray().ToList();
                items.Count.ShouldBeLessThanOrEqualTo(2);
                items.ShouldAllBe(e => e.Str("subject") == key);
                seen.AddRange(items.Select(e => e.Str("id")));
                cursor = page.GetProperty("nextCursor").GetString();
                (++pages).ShouldBeLessThanOrEqualTo(4, "5 events in pages of 2");
            } while (cursor is not null);

            return seen;
        }

        (await ReadAllAsync("")).ShouldBe(logged);
        (await ReadAllAsync("&order=asc")).ShouldBe(logged);
        (await ReadAllAsync("&order=desc")).ShouldBe(Enumerable.Reverse(logged));
        (await ReadAllAsync("&order=DESC&type=TicketStatusChanged")).ShouldBe(Enumerable.Reverse(logged));
        (await ReadAllAsync("&type=TicketCreated")).ShouldBeEmpty();

        var bad = await tool.GetAsync($"/api/events?subject={key}&order=newest");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await bad.ReadJsonAsync()).GetProperty("errors").TryGetProperty("order", out _).ShouldBeTrue();
        (await tool.GetAsync($"/api/events?subject={new string('x', 201)}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
