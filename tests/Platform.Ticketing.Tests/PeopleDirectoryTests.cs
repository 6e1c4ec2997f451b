using Microsoft.AspNetCore.Builder;
using Platform.Contracts.People;
using Platform.Data.People;
using Platform.Messaging.Inbox;
using Platform.Ticketing.Consumers;
using Platform.Ticketing.Features.Queues;

namespace Platform.Ticketing.Tests;

/// <summary>
/// Ticketing's copy of the people directory (issue 16): every id a request names must be a known, active person
/// (422 <c>unknown-person</c>), and leavers and ex-agents hand their open tickets back to the queue.
/// </summary>
public class PeopleDirectoryTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private static async Task<JsonElement> UnknownPersonAsync(HttpResponseMessage response, string field, string userId)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();
        problem.Str("code").ShouldBe(PeopleDirectory.UnknownPersonCode);
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Single().GetString().ShouldNotBeNull().ShouldContain(userId);
        return problem;
    }

    private async Task<string> NewQueueAsync(string rule, params string[] members)
    {
        var key = NewId("pq");
        (await Http.PostJsonAsync("/api/queues", new { key, name = "People queue", rule })).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var m in members)
            (await Http.PutAsync($"/api/queues/{key}/members/{m}", JsonContent.Create(new { available = true }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        return key;
    }

    /// <summary>A P1 network ticket (under the seeded P1 policy, clocks round the clock) raised for alice.</summary>
    private async Task<TicketResponse> NewP1Async(string title) =>
        await Http.RaiseTicketAsync(title, "Switch in building C is down.", "network", "High", "High",
            requester: await fx.JoinOnceAsync("alice", Roles.Requester));

    private Task<TicketResponse> RouteAsync(string ticket, string queue) => Http.RouteAsync(ticket, queue);

    private Task<Ticket> TicketAsync(string key) => fx.WithDbAsync(db =>
        db.Tickets.AsNoTracking().Include(t => t.Comments).SingleAsync(t => t.Number == long.Parse(key.Substring(Ticket.KeyPrefix.Length))));

    private Task<List<string>> QueuesOfAsync(string agent) =>
        fx.WithDbAsync(db => db.Set<QueueMember>().AsNoTracking().Where(m => m.Agent == agent).Select(m => m.QueueId.ToString()).ToListAsync());

    private Task<DirectoryPerson?> PersonAsync(string userId) =>
        fx.WithDbAsync(db => db.Set<DirectoryPerson>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId));

    /// <summary>Publishes a person event as identity would, and waits until ticketing's consumer has taken it (applied or not).</summary>
    private async Task DeliverAsync<T>(T message, Guid messageId) where T : class
    {
        await fx.Bus.PublishAsync(message, messageId);
        var consumer = nameof(PeopleDirectoryConsumer);
        var taken = await Eventually.GetAsync(
            () => fx.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer)),
            done => done, TimeSpan.FromSeconds(30));
        taken.ShouldBeTrue($"{typeof(T).Name} {messageId} was not consumed within 30 s.");
    }

    private static PersonJoined Joined(string id, long version, params string[] roles) =>
        new(id, id, $"Person {id}", $"{id}@example.test", "IT", null, roles, version, DateTimeOffset.UtcNow);

    private static PersonLeft Left(string id, long version) =>
        new(id, id, $"Person {id}", "IT", DateOnly.FromDateTime(DateTime.UtcNow), version, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Unknown_people_are_refused_422_by_field_and_nothing_is_written()
    {
        var ghost = NewId("ghost");
        var ticket = await NewP1Async("Unknown assignee");

        var assign = await Http.PostJsonAsync($"/api/tickets/{ticket.Key}/assign", new { assignee = ghost });
        await UnknownPersonAsync(assign, "assignee", ghost);
        (await Http.GetTicketAsync(ticket.Key)).Assignee.ShouldBeNull();

        var queue = await NewQueueAsync("Manual");
        var member = await Http.PutAsync($"/api/queues/{queue}/members/{ghost}", JsonContent.Create(new { available = true }));
        await UnknownPersonAsync(member, "agent", ghost);
        (await QueuesOfAsync(ghost)).ShouldBeEmpty();

        var lead = NewId("pq");
        await UnknownPersonAsync(await Http.PostJsonAsync("/api/queues", new { key = lead, name = "Led by a ghost", rule = "Manual", teamLead = ghost }),
            "teamLead", ghost);
        (await Http.GetAsync($"/api/queues/{lead}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await UnknownPersonAsync(await Http.PutAsync($"/api/queues/{queue}", JsonContent.Create(new { name = "Renamed", rule = "Manual", teamLead = ghost })),
            "teamLead", ghost);
        (await (await Http.GetAsync($"/api/queues/{queue}")).ReadAsync<QueueResponse>()).Name.ShouldBe("People queue");

        var title = $"For a ghost {Guid.NewGuid():N}";
        var raised = await Http.PostJsonAsync("/api/tickets", new { title, description = "d", requester = ghost, category = "misc", impact = "Low", urgency = "Low" });
        await UnknownPersonAsync(raised, "requester", ghost);
        (await fx.WithDbAsync(db => db.Tickets.CountAsync(t => t.Title == title))).ShouldBe(0);

        var category = NewId("cat");
        var policy = await Http.PostJsonAsync("/api/sla-policies", new
        {
            name = "Ghost-notifying", priority = "P4", category, calendarId = SlaDefaults.AlwaysOpenId, firstResponseMinutes = 30,
            resolutionMinutes = 120, notifyOnBreach = ghost,
        });
        await UnknownPersonAsync(policy, "notifyOnBreach", ghost);
        (await fx.WithDbAsync(db => db.SlaPolicies.CountAsync(p => p.Category == category))).ShouldBe(0);

        // Someone who left is no longer someone to name.
        var gone = await fx.JoinAsync(NewId("gone"), [Roles.Agent]);
        await fx.LeaveAsync(gone);
        await UnknownPersonAsync(await Http.PostJsonAsync($"/api/tickets/{ticket.Key}/assign", new { assignee = gone }), "assignee", gone);

        // Known people and the caller themselves (learnt from their token) are fine.
        var known = await fx.JoinAsync(NewId("kim"), [Roles.Agent]);
        (await Http.AssignAsync(ticket.Key, known)).Assignee.ShouldBe(known);
        (await Http.AssignAsync(ticket.Key, "bob")).Assignee.ShouldBe("bob");
    }

    [Fact]
    public async Task A_leaver_hands_open_tickets_back_to_their_queue_unassigned_with_sla_clocks_untouched_and_leaves_every_queue()
    {
        var leaver = await fx.JoinAsync(NewId("lev"), [Roles.Agent]);
        var other = await fx.JoinAsync(NewId("oth"), [Roles.Agent]);
        var queue = await NewQueueAsync("RoundRobin", leaver);
        var second = await NewQueueAsync("Manual", leaver, other);
        (await Http.PutAsync($"/api/queues/{second}", JsonContent.Create(new { name = "Led by the leaver", rule = "Manual", teamLead = leaver })))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var category = NewId("cat");
        (await Http.PostJsonAsync("/api/sla-policies", new
        {
            name = "Tells the leaver", priority = "P4", category, calendarId = SlaDefaults.AlwaysOpenId, firstResponseMinutes = 30,
            resolutionMinutes = 120, notifyOnBreach = leaver,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Two open tickets: one Assigned (clocks running), one Pending (resolution clock paused); and a resolved one.
        var assigned = await RouteAsync((await NewP1Async("Leaver's assigned ticket")).Key, queue);
        assigned.Assignee.ShouldBe(leaver);
        var pending = await RouteAsync((await NewP1Async("Leaver's pending ticket")).Key, queue);
        pending.Assignee.ShouldBe(leaver);
        await Http.ActAsync(pending.Key, "start");
        await Http.ActAsync(pending.Key, "pend");
        var resolved = (await NewP1Async("Leaver's resolved ticket")).Key;
        await Http.AssignAsync(resolved, leaver);
        await Http.ActAsync(resolved, "resolve");

        var before = new[] { await TicketAsync(assigned.Key), await TicketAsync(pending.Key) };
        before[0].Resolution.DueAt.ShouldNotBeNull();
        before[0].Resolution.IsRunning.ShouldBeTrue();
        before[1].Resolution.IsRunning.ShouldBeFalse();

        await fx.LeaveAsync(leaver);

        var after = new[] { await TicketAsync(assigned.Key), await TicketAsync(pending.Key) };
        after.Select(t => t.Status).ShouldBe([TicketStatus.New, TicketStatus.Pending]);
        for (var i = 0; i < 2; i++)
        {
            var (b, a) = (before[i], after[i]);
            a.Assignee.ShouldBeNull();
            a.Queue.ShouldBe(queue);
            foreach (var kind in new[] { SlaClockKind.FirstResponse, SlaClockKind.Resolution })
            {
                a.Clock(kind).DueAt.ShouldBe(b.Clock(kind).DueAt, $"{a.Key} {kind}");
                a.Clock(kind).WarnAt.ShouldBe(b.Clock(kind).WarnAt, $"{a.Key} {kind}");
                a.Clock(kind).RunningSince.ShouldBe(b.Clock(kind).RunningSince, $"{a.Key} {kind}");
                a.Clock(kind).Elapsed.ShouldBe(b.Clock(kind).Elapsed, $"{a.Key} {kind}");
                a.Clock(kind).StoppedAt.ShouldBe(b.Clock(kind).StoppedAt, $"{a.Key} {kind}");
            }

            var system = a.Comments.Where(c => c.Kind == CommentKind.System && c.Body.Contains(leaver, StringComparison.Ordinal)).ToList();
            system.Count.ShouldBe(1, a.Key);
            system[0].Body.ShouldBe($"Person {leaver} ({leaver}) left on {DateTime.UtcNow:yyyy-MM-dd}; back to the queue unassigned.");
            system[0].Code.ShouldBe("returned-assignee-left");
            system[0].Args.ShouldNotBeNull()["person"].ShouldBe(leaver);
            system[0].Args!["date"].ShouldBe($"{DateTime.UtcNow:yyyy-MM-dd}");
        }

        var moved = await fx.Bus.WaitForAsync<TicketStatusChanged>(e => e.TicketId == assigned.Id && e.To == "New");
        moved.From.ShouldBe("Assigned");
        moved.ChangedBy.ShouldBe(Ticket.System);
        moved.Assignee.ShouldBeNull();

        // The closed record keeps who resolved it; the queues no longer have them; the view shows the tickets as unassigned.
        (await TicketAsync(resolved)).Assignee.ShouldBe(leaver);
        (await QueuesOfAsync(leaver)).ShouldBeEmpty();
        var led = await (await Http.GetAsync($"/api/queues/{second}")).ReadAsync<QueueResponse>();
        led.Members.Select(m => m.Agent).ShouldBe([other]);
        led.TeamLead.ShouldBeNull(); // breach notices no longer go to someone who left
        (await fx.WithDbAsync(db => db.SlaPolicies.SingleAsync(p => p.Category == category))).NotifyOnBreach.ShouldBeNull();
        (await Http.GetTicketAsync(assigned.Key)).AllowedActions.ShouldBeEmpty(); // New: to be assigned again
        (await RouteAsync(assigned.Key, second)).Assignee.ShouldBeNull(); // a manual queue: waits for someone to pick it
    }

    [Fact]
    public async Task An_old_or_redelivered_PersonLeft_changes_nothing()
    {
        var id = NewId("ret");
        await DeliverAsync(Joined(id, 10, Roles.Agent), Guid.NewGuid());
        var leftId = Guid.NewGuid();
        await DeliverAsync(Left(id, 20), leftId);
        (await PersonAsync(id)).ShouldNotBeNull().Active.ShouldBeFalse();
        await DeliverAsync(Joined(id, 30, Roles.Agent), Guid.NewGuid()); // came back

        var queue = await NewQueueAsync("RoundRobin", id);
        var ticket = await RouteAsync((await NewP1Async("Returner's ticket")).Key, queue);
        ticket.Assignee.ShouldBe(id);
        var comments = (await TicketAsync(ticket.Key)).Comments.Count;

        await DeliverAsync(Left(id, 20), leftId); // the same message again: the inbox already has it
        await DeliverAsync(Left(id, 20), Guid.NewGuid()); // the old leave, delivered anew: older than the copy
        await DeliverAsync(Left(id, 25), Guid.NewGuid());

        var person = (await PersonAsync(id)).ShouldNotBeNull();
        person.Active.ShouldBeTrue();
        person.Version.ShouldBe(30);
        var after = await TicketAsync(ticket.Key);
        after.Assignee.ShouldBe(id);
        after.Status.ShouldBe(TicketStatus.Assigned);
        after.Comments.Count.ShouldBe(comments);
        (await QueuesOfAsync(id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_mover_who_stops_being_an_agent_leaves_their_queues_and_hands_back_their_tickets()
    {
        var mover = await fx.JoinAsync(NewId("mov"), [Roles.Agent], department: "IT");
        var queue = await NewQueueAsync("RoundRobin", mover);
        var ticket = await RouteAsync((await NewP1Async("Mover's ticket")).Key, queue);
        ticket.Assignee.ShouldBe(mover);

        // A move within the help desk changes nothing here.
        await fx.ChangeAsync(mover, [Roles.Agent], department: "Service desk");
        (await QueuesOfAsync(mover)).Count.ShouldBe(1);
        (await TicketAsync(ticket.Key)).Assignee.ShouldBe(mover);

        // Out of the help desk: no longer an agent.
        await fx.ChangeAsync(mover, [Roles.Requester], department: "Finance");
        (await QueuesOfAsync(mover)).ShouldBeEmpty();
        var after = await TicketAsync(ticket.Key);
        after.Assignee.ShouldBeNull();
        after.Status.ShouldBe(TicketStatus.New);
        after.Queue.ShouldBe(queue);
        after.Comments.Count(c => c.Kind == CommentKind.System && c.Body.Contains("is no longer an agent", StringComparison.Ordinal)).ShouldBe(1);
        (await PersonAsync(mover)).ShouldNotBeNull().Active.ShouldBeTrue(); // still someone a ticket may be raised for
        (await Http.RaiseTicketAsync("For the mover", requester: mover)).Requester.ShouldBe(mover);
    }

    [Fact]
    public async Task A_PersonChanged_that_overtakes_its_PersonJoined_ends_in_the_newer_state()
    {
        var id = NewId("ooo");
        await DeliverAsync(new PersonChanged(id, id, "Olga Newer", null, "Service desk", null, [Roles.Agent], ["roles", "department"], 2, DateTimeOffset.UtcNow),
            Guid.NewGuid());
        await DeliverAsync(new PersonJoined(id, id, "Olga Older", null, "HR", null, [Roles.Requester], 1, DateTimeOffset.UtcNow), Guid.NewGuid());

        var person = (await PersonAsync(id)).ShouldNotBeNull();
        person.Active.ShouldBeTrue();
        person.Version.ShouldBe(2);
        person.DisplayName.ShouldBe("Olga Newer");
        person.Department.ShouldBe("Service desk");
        person.Roles.ShouldBe([Roles.Agent]);

        // Known and an agent: may be named, and stays in their queue.
        var queue = await NewQueueAsync("RoundRobin", id);
        (await RouteAsync((await NewP1Async("For Olga")).Key, queue)).Assignee.ShouldBe(id);
    }
}

/// <summary>People:LearnFromTokens off (the default): callers are whatever the directory says.</summary>
public sealed class DirectoryOnlyFixture() : ServiceFixture<Program, TicketingDbContext>("Ticketing", ("bob", "agent"),
    typeof(Platform.Contracts.People.PeopleDirectorySyncRequested));

public class DirectoryOnlyTests(DirectoryOnlyFixture fx) : IClassFixture<DirectoryOnlyFixture>
{
    [Fact]
    public async Task A_service_starting_with_an_empty_copy_of_the_directory_asks_identity_to_publish_it_again()
    {
        // Identity's events published before this service's queues existed reached nobody (PeopleDirectorySync).
        var request = await fx.Bus.WaitForAsync<Platform.Contracts.People.PeopleDirectorySyncRequested>(r => r.Service == "ticketing");
        request.OccurredAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-10));
    }

    [Fact]
    public async Task Without_learning_from_tokens_a_caller_naming_themselves_must_be_in_the_directory()
    {
        var zoe = $"zoe-{Guid.NewGuid():N}"[..16];
        using var agent = fx.As(zoe, Roles.Agent);
        var ticket = await agent.RaiseTicketAsync("Mine to fix");

        var refused = await agent.PostJsonAsync($"/api/tickets/{ticket.Key}/assign", new { assignee = zoe });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await refused.Content.ReadAsStringAsync());
        (await refused.ReadJsonAsync()).Str("code").ShouldBe(PeopleDirectory.UnknownPersonCode);
        (await fx.WithDbAsync(db => db.Set<DirectoryPerson>().AnyAsync(p => p.UserId == zoe))).ShouldBeFalse();

        await fx.JoinAsync(zoe, [Roles.Agent]);
        (await agent.AssignAsync(ticket.Key, zoe)).Assignee.ShouldBe(zoe);
    }
}

/// <summary>
/// People:DirectoryApi: a person the copy lacks is looked up at identity's GET /api/people/{id} (here a loopback
/// stand-in answering like identity) with the caller's own token, and learnt at version 0.
/// </summary>
public sealed class DirectoryLookupFixture() : ServiceFixture<Program, TicketingDbContext>("Ticketing", ("bob", "agent"))
{
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> AuthorizationsSeen { get; } = new();

    private LoopbackServer _identity = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings()
    {
        _identity = LoopbackServer.StartAsync(app => app.MapGet("/api/people/{id}", (string id, Microsoft.AspNetCore.Http.HttpRequest request) =>
        {
            AuthorizationsSeen[id] = request.Headers.Authorization.ToString();
            return id.StartsWith("newbie-", StringComparison.Ordinal)
                ? Microsoft.AspNetCore.Http.Results.Ok(new { id, userName = id, displayName = "New Bie", roles = new[] { Roles.Agent }, department = "IT", managerId = (string?)null, active = true, email = (string?)null })
                : Microsoft.AspNetCore.Http.Results.NotFound();
        })).GetAwaiter().GetResult();
        return [new("People:DirectoryApi", _identity.Address.ToString())];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _identity.DisposeAsync();
    }
}

public class DirectoryLookupTests(DirectoryLookupFixture fx) : IClassFixture<DirectoryLookupFixture>
{
    [Fact]
    public async Task A_person_the_copy_lacks_is_looked_up_at_identity_with_the_callers_token()
    {
        var ticket = await fx.Http.RaiseTicketAsync("Who takes this?");
        var newbie = $"newbie-{Guid.NewGuid():N}"[..20];

        (await fx.Http.AssignAsync(ticket.Key, newbie)).Assignee.ShouldBe(newbie);
        fx.AuthorizationsSeen[newbie].ShouldStartWith("Bearer ");
        var learnt = await fx.WithDbAsync(db => db.Set<DirectoryPerson>().AsNoTracking().SingleAsync(p => p.UserId == newbie));
        learnt.Version.ShouldBe(0);
        learnt.Department.ShouldBe("IT");
        learnt.Roles.ShouldBe([Roles.Agent]);

        // Unknown at identity too: still refused.
        var ghost = $"ghost-{Guid.NewGuid():N}"[..20];
        var refused = await fx.Http.PostJsonAsync($"/api/tickets/{ticket.Key}/assign", new { assignee = ghost });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await refused.Content.ReadAsStringAsync());
        fx.AuthorizationsSeen.ContainsKey(ghost).ShouldBeTrue();
    }
}
