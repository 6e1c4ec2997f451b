using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Messaging.Outbox;
using Platform.Ticketing.Jobs;

namespace Platform.Ticketing.Tests;

public class SlaBreachTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private SlaBreachChecker NewChecker(TimeProvider clock) => new(
        fx.Service.Services.GetRequiredService<IServiceScopeFactory>(), clock,
        Options.Create(new SlaCheckerOptions { CheckInterval = TimeSpan.FromMilliseconds(50) }), NullLogger<SlaBreachChecker>.Instance);

    private async Task<JsonElement> CreateP1Async(string title)
    {
        await fx.JoinOnceAsync("alice", Roles.Requester);
        var response = await Http.PostJsonAsync("/api/tickets", new
        {
            title, description = "Core switch down, whole floor offline.", requester = "alice", category = "network",
            impact = "High", urgency = "High",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>PostgreSQL keeps microseconds; the creating response had .NET's 100 ns ticks.</summary>
    private static void Close(DateTimeOffset actual, DateTimeOffset expected) =>
        (actual - expected).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(1), $"{actual:O} vs {expected:O}");

    /// <summary>Both checkers run a few passes side by side, as two replicas would.</summary>
    private static async Task RaceAsync(SlaBreachChecker a, SlaBreachChecker b)
    {
        for (var i = 0; i < 3; i++) await Task.WhenAll(a.CheckOnceAsync(default), b.CheckOnceAsync(default));
    }

    private Task<List<string>> OutboxBodiesAsync<T>(Guid ticketId) => fx.WithDbAsync(async db =>
    {
        var type = EventTypes.NameOf(typeof(T));
        var bodies = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == type).Select(m => m.Body).ToListAsync();
        return bodies.Where(b => b.Contains(ticketId.ToString(), StringComparison.Ordinal)).ToList();
    });

    [Fact]
    public async Task Two_checkers_raise_each_warning_and_breach_exactly_once_and_escalate()
    {
        var ticket = await CreateP1Async("Core switch down");
        var id = ticket.GetProperty("id").GetGuid();
        var key = ticket.Str("key");
        var created = ticket.GetProperty("createdAt").GetDateTimeOffset();
        var clock = new SettableClock(created.AddMinutes(30));
        var a = NewChecker(clock);
        var b = NewChecker(clock);

        // 30 min of 60: nothing yet.
        await RaceAsync(a, b);
        (await OutboxBodiesAsync<TicketSlaWarning>(id)).ShouldBeEmpty();

        // 50 min: first-response warning (80 % = 48 min).
        clock.Now = created.AddMinutes(50);
        await RaceAsync(a, b);
        var warning = await fx.Bus.WaitForAsync<TicketSlaWarning>(w => w.TicketId == id);
        warning.Clock.ShouldBe("FirstResponse");
        Close(warning.DueAt, created.AddHours(1));
        warning.WarningPercent.ShouldBe(80);

        // 61 min: first-response breach, escalated to second line (whose rule picks lee), the team lead told.
        var lee = await fx.JoinAsync($"lee-{Guid.NewGuid():N}", [Roles.Agent]);
        (await Http.PutAsync($"/api/queues/service-desk-l2/members/{lee}", System.Net.Http.Json.JsonContent.Create(new { available = true })))
            .EnsureSuccessStatusCode();
        clock.Now = created.AddMinutes(61);
        await RaceAsync(a, b);
        var breach = await fx.Bus.WaitForAsync<TicketSlaBreached>(e => e.TicketId == id && e.Clock == "FirstResponse");
        breach.Queue.ShouldBe("service-desk-l2");
        breach.PreviousQueue.ShouldBeNull();
        breach.Priority.ShouldBe("P1");
        breach.Notify.ShouldContain("bob");
        Close(breach.DueAt, created.AddHours(1));

        // 3 h 20: resolution warning; 4 h 01: resolution breach.
        clock.Now = created.AddMinutes(200);
        await RaceAsync(a, b);
        clock.Now = created.AddMinutes(241);
        await RaceAsync(a, b);
        await fx.Bus.WaitForAsync<TicketSlaBreached>(e => e.TicketId == id && e.Clock == "Resolution");

        // A restarted replica finds nothing left to raise for this ticket.
        var restarted = NewChecker(clock);
        await restarted.CheckOnceAsync(default);

        (await OutboxBodiesAsync<TicketSlaWarning>(id)).Count.ShouldBe(2);
        (await OutboxBodiesAsync<TicketSlaBreached>(id)).Count.ShouldBe(2);
        var notices = await fx.WithDbAsync(db => db.Set<SlaNotice>().Where(n => n.TicketId == id).Select(n => n.Kind).ToListAsync());
        notices.ShouldBe(Enum.GetValues<SlaNoticeKind>(), ignoreOrder: true);
        await Task.Delay(500); // anything duplicated would have arrived by now
        fx.Bus.Messages<TicketSlaWarning>().Count(w => w.TicketId == id).ShouldBe(2);
        fx.Bus.Messages<TicketSlaBreached>().Count(e => e.TicketId == id).ShouldBe(2);

        var after = await (await Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();
        after.Str("queue").ShouldBe("service-desk-l2");
        after.Str("assignee").ShouldBe(lee);
        after.Str("status").ShouldBe("Assigned");
        var breaches = after.GetProperty("comments").EnumerateArray().Where(c => c.Str("kind") == "System" && c.Str("body").Contains("breached")).ToList();
        breaches.Count.ShouldBe(2);
        breaches.ShouldAllBe(c => c.Str("code") == "sla-breached");
        breaches.Select(c => c.GetProperty("args").GetProperty("clock").GetString()).ShouldBe(["FirstResponse", "Resolution"], ignoreOrder: true);
        breaches.Count(c => c.GetProperty("args").TryGetProperty("queue", out var q) && q.GetString() == "service-desk-l2").ShouldBe(1);
        breaches.ShouldAllBe(c => DateTimeOffset.Parse(c.GetProperty("args").GetProperty("dueAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task A_pass_raises_many_breaches_in_chunks_once_each_and_spreads_the_handovers_by_the_queue_rule()
    {
        // 120 tickets under a policy of their own that hands breaches to a least-loaded queue of three fresh agents:
        // more than two chunks, raised by two checkers racing, as two replicas would.
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var agents = new List<string>();
        for (var i = 0; i < 3; i++) agents.Add(await fx.JoinAsync($"chunk{i}-{suffix}", [Roles.Agent]));
        var queue = $"chunk-{suffix}";
        (await Http.PostJsonAsync("/api/queues", new { key = queue, name = "Chunked second line", rule = "LeastLoaded", teamLead = "bob" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var agent in agents)
            (await Http.PutAsync($"/api/queues/{queue}/members/{agent}", System.Net.Http.Json.JsonContent.Create(new { available = true })))
                .EnsureSuccessStatusCode();
        var category = $"cat-{suffix}";
        (await Http.PostJsonAsync("/api/sla-policies", new
        {
            name = "Chunked", priority = "P4", category, calendarId = SlaDefaults.AlwaysOpenId, firstResponseMinutes = 30,
            resolutionMinutes = 6000, escalateToQueue = queue,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await fx.JoinOnceAsync("alice", Roles.Requester);
        var ids = new List<Guid>();
        var last = DateTimeOffset.MinValue;
        for (var i = 0; i < 120; i++)
        {
            var response = await Http.PostJsonAsync("/api/tickets", new
            {
                title = $"Slow printer {i}", description = "Prints one page a minute.", requester = "alice", category,
                impact = "Low", urgency = "Low",
            });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var json = await response.ReadJsonAsync();
            ids.Add(json.GetProperty("id").GetGuid());
            last = json.GetProperty("createdAt").GetDateTimeOffset();
        }

        var clock = new SettableClock(last.AddMinutes(31));
        SlaBreachChecker Wide() => new(fx.Service.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            Options.Create(new SlaCheckerOptions { BatchSize = 100_000 }), NullLogger<SlaBreachChecker>.Instance);
        var (a, b) = (Wide(), Wide());
        await Task.WhenAll(a.CheckOnceAsync(default), b.CheckOnceAsync(default));
        await Wide().CheckOnceAsync(default); // a later pass finds nothing left for them

        var notices = await fx.WithDbAsync(db => db.Set<SlaNotice>().Where(n => ids.Contains(n.TicketId)).ToListAsync());
        notices.Count.ShouldBe(ids.Count);
        notices.ShouldAllBe(n => n.Kind == SlaNoticeKind.FirstResponseBreached);
        var type = EventTypes.NameOf(typeof(TicketSlaBreached));
        var bodies = await fx.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == type).Select(m => m.Body).ToListAsync());
        foreach (var id in ids)
            bodies.Count(body => body.Contains(id.ToString(), StringComparison.Ordinal)).ShouldBe(1, $"breach events for {id}");

        var tickets = await fx.WithDbAsync(db => db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync());
        tickets.ShouldAllBe(t => t.Queue == queue && t.Status == TicketStatus.Assigned);
        var held = agents.ToDictionary(agent => agent, agent => tickets.Count(t => t.Assignee == agent));
        held.Values.Sum().ShouldBe(ids.Count);
        held.Values.ShouldAllBe(n => n == 40, string.Join(", ", held.Select(h => $"{h.Key}={h.Value}")));
    }

    [Fact]
    public async Task Paused_and_answered_clocks_do_not_breach()
    {
        var pending = await CreateP1Async("Waiting for the user");
        var pendingKey = pending.Str("key");
        (await Http.PostJsonAsync($"/api/tickets/{pendingKey}/assign", new { assignee = "bob" })).EnsureSuccessStatusCode();
        (await Http.PostJsonAsync($"/api/tickets/{pendingKey}/transitions", new { action = "start" })).EnsureSuccessStatusCode();
        (await Http.PostJsonAsync($"/api/tickets/{pendingKey}/transitions", new { action = "pend" })).EnsureSuccessStatusCode();

        var answered = await CreateP1Async("Answered at once");
        (await Http.PostJsonAsync($"/api/tickets/{answered.Str("key")}/comments", new { body = "On it." })).EnsureSuccessStatusCode();

        var late = await CreateP1Async("Left alone");
        var created = late.GetProperty("createdAt").GetDateTimeOffset();
        var clock = new SettableClock(created.AddMinutes(90)); // past first response, before resolution's warning
        var checker = NewChecker(clock);
        await checker.CheckOnceAsync(default);

        var kinds = await fx.WithDbAsync(db => db.Set<SlaNotice>().ToListAsync());
        kinds.ShouldContain(n => n.TicketId == late.GetProperty("id").GetGuid() && n.Kind == SlaNoticeKind.FirstResponseBreached);
        kinds.ShouldNotContain(n => n.TicketId == pending.GetProperty("id").GetGuid());
        kinds.ShouldNotContain(n => n.TicketId == answered.GetProperty("id").GetGuid());
    }

    /// <summary>A breaching policy for <paramref name="priority"/> (1 h to answer, 2 h to resolve) that raises the priority.</summary>
    private static SlaPolicy RaisingPolicy(Priority priority, string escalateTo, string? notify = null) => new()
    {
        Name = priority.ToString(), Priority = priority, FirstResponseMinutes = 60, ResolutionMinutes = 120,
        RaisePriorityOnBreach = true, EscalateToQueue = escalateTo, NotifyOnBreach = notify,
    };

    /// <summary>The ticket under the policy, its clocks running from <paramref name="open"/>.</summary>
    private static Ticket UnderPolicy(Ticket t, SlaPolicy policy, DateTimeOffset open)
    {
        t.ApplySla(policy);
        t.SyncSla(BusinessCalendar.AlwaysOpen(), open);
        return t;
    }

    [Fact]
    public void A_breach_raises_the_priority_and_hands_over_as_the_policy_says()
    {
        var open = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var policy = RaisingPolicy(Priority.P3, "network-l2", "network-lead");
        var t = UnderPolicy(Ticket.Open(7, "Slow VPN", "Very slow", "alice", "network", Impact.Medium, Urgency.Medium, open), policy, open);
        t.Priority.ShouldBe(Priority.P3);
        t.Assign("bob", "lead", open);
        t.BreachSla(SlaClockKind.FirstResponse, policy, open.AddMinutes(61));
        t.Priority.ShouldBe(Priority.P2);
        t.Queue.ShouldBe("network-l2");
        t.Comments.ShouldContain(c => c.Kind == CommentKind.System && c.Body.Contains("P3 → P2") && c.Body.Contains("network-lead"));

        var p1 = Ticket.Open(8, "Down", "Down", "alice", "network", Impact.High, Urgency.High, open);
        p1.BreachSla(SlaClockKind.Resolution, policy, open);
        p1.Priority.ShouldBe(Priority.P1); // nothing above P1
    }

    [Fact]
    public void Both_clocks_breaching_raise_the_priority_once_above_the_policy()
    {
        var open = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var policy = RaisingPolicy(Priority.P4, "service-desk-l2");
        var t = UnderPolicy(Ticket.Open(9, "Slow printer", "Slow", "alice", "hardware", Impact.Low, Urgency.Low, open), policy, open);
        t.Priority.ShouldBe(Priority.P4);

        t.BreachSla(SlaClockKind.FirstResponse, policy, open.AddMinutes(61));
        t.Priority.ShouldBe(Priority.P3);
        t.Comments[^1].Body.ShouldContain("priority P4 → P3");

        // The resolution breach still escalates and tells, but the ladder stops one step above the policy's P4.
        t.BreachSla(SlaClockKind.Resolution, policy, open.AddMinutes(121));
        t.Priority.ShouldBe(Priority.P3);
        t.Comments[^1].Body.ShouldContain("resolution target breached");
        t.Comments[^1].Body.ShouldNotContain("priority");

        // A major incident (P1 by declaration) under the same policy is not moved either.
        var major = Ticket.Open(10, "Printer on fire", "Fire", "alice", "hardware", Impact.Low, Urgency.Low, open);
        major.ApplySla(policy);
        major.DeclareMajorIncident("smoke", "bob", open);
        major.BreachSla(SlaClockKind.FirstResponse, policy, open.AddMinutes(61));
        major.Priority.ShouldBe(Priority.P1);
    }
}
