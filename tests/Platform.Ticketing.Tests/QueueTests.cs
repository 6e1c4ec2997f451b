using Platform.Ticketing.Features.Queues;

namespace Platform.Ticketing.Tests;

public class AssignmentRuleTests
{
    private static QueueMember M(string agent, bool available = true) => new() { Agent = agent, Available = available };

    private static readonly Dictionary<string, int> NoLoad = [];

    [Fact]
    public void Round_robin_takes_each_available_member_in_turn_and_wraps()
    {
        QueueMember[] members = [M("carol"), M("alice"), M("bob")];
        AssignmentRules.Pick(AssignmentRule.RoundRobin, members, null, NoLoad).ShouldBe("alice");
        AssignmentRules.Pick(AssignmentRule.RoundRobin, members, "alice", NoLoad).ShouldBe("bob");
        AssignmentRules.Pick(AssignmentRule.RoundRobin, members, "bob", NoLoad).ShouldBe("carol");
        AssignmentRules.Pick(AssignmentRule.RoundRobin, members, "carol", NoLoad).ShouldBe("alice");
    }

    [Fact]
    public void Round_robin_skips_the_unavailable_and_survives_the_last_one_leaving()
    {
        QueueMember[] members = [M("alice"), M("bob", available: false), M("carol")];
        AssignmentRules.Pick(AssignmentRule.RoundRobin, members, "alice", NoLoad).ShouldBe("carol");
        // 'bob' got the last ticket and then left the queue: continue after where he was.
        AssignmentRules.Pick(AssignmentRule.RoundRobin, [M("alice"), M("carol")], "bob", NoLoad).ShouldBe("carol");
    }

    [Fact]
    public void Least_loaded_takes_the_member_with_fewest_open_tickets_ties_in_turn()
    {
        QueueMember[] members = [M("alice"), M("bob"), M("carol"), M("dave", available: false)];
        var loads = new Dictionary<string, int> { ["alice"] = 3, ["bob"] = 1, ["carol"] = 1, ["dave"] = 0 };
        AssignmentRules.Pick(AssignmentRule.LeastLoaded, members, null, loads).ShouldBe("bob");
        AssignmentRules.Pick(AssignmentRule.LeastLoaded, members, "bob", loads).ShouldBe("carol");
        loads["carol"] = 5;
        AssignmentRules.Pick(AssignmentRule.LeastLoaded, members, "bob", loads).ShouldBe("bob");
        // Someone with no open ticket at all (absent from the counts) wins.
        AssignmentRules.Pick(AssignmentRule.LeastLoaded, [.. members, M("erin")], null, loads).ShouldBe("erin");
    }

    [Fact]
    public void Nobody_is_picked_by_hand_or_when_nobody_is_available()
    {
        AssignmentRules.Pick(AssignmentRule.Manual, [M("alice")], null, NoLoad).ShouldBeNull();
        AssignmentRules.Pick(AssignmentRule.RoundRobin, [M("alice", false)], null, NoLoad).ShouldBeNull();
        AssignmentRules.Pick(AssignmentRule.LeastLoaded, [], null, NoLoad).ShouldBeNull();
    }

    [Theory]
    [InlineData("service-desk-l1", true)]
    [InlineData("network", true)]
    [InlineData("Network", false)]
    [InlineData("l2-", false)]
    [InlineData("a--b", false)]
    [InlineData("1st", false)]
    [InlineData("", false)]
    public void Queue_keys_are_kebab_case(string key, bool valid) => TicketQueue.IsValidKey(key).ShouldBe(valid);
}

public class QueueApiTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<string> NewQueueAsync(string rule, params string[] members)
    {
        var key = $"q-{Guid.NewGuid():N}"[..14];
        var created = await Http.PostJsonAsync("/api/queues", new { key, name = "Network", rule, teamLead = await fx.JoinOnceAsync("nina", Roles.Agent) });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        foreach (var m in members)
            await fx.JoinOnceAsync(m, Roles.Agent);
        foreach (var m in members)
            (await Http.PutAsync($"/api/queues/{key}/members/{m}", JsonContent.Create(new { available = true }))).EnsureSuccessStatusCode();
        return key;
    }

    private async Task<string> NewTicketAsync() =>
        (await Http.RaiseTicketAsync("Wi-Fi drops", "Every few minutes.", "network", "Low", "Medium", requester: await fx.JoinOnceAsync("alice", Roles.Requester))).Key;

    private Task<TicketResponse> RouteAsync(string ticket, string queue) => Http.RouteAsync(ticket, queue);

    [Fact]
    public async Task Round_robin_routing_spreads_tickets_over_available_members()
    {
        var queue = await NewQueueAsync("RoundRobin", "ann", "ben", "cid");
        (await Http.PutAsync($"/api/queues/{queue}/members/ben", JsonContent.Create(new { available = false }))).EnsureSuccessStatusCode();

        var assignees = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var routed = await RouteAsync(await NewTicketAsync(), queue);
            routed.Queue.ShouldBe(queue);
            routed.Status.ShouldBe(TicketStatus.Assigned);
            assignees.Add(routed.Assignee.ShouldNotBeNull());
        }

        assignees.ShouldBe(["ann", "cid", "ann", "cid"]);
        var q = await (await Http.GetAsync($"/api/queues/{queue}")).ReadAsync<QueueResponse>();
        q.Members.Single(m => m.Agent == "ann").OpenTickets.ShouldBe(2);
        q.Members.Single(m => m.Agent == "ben").Available.ShouldBeFalse();
    }

    [Fact]
    public async Task Least_loaded_routing_goes_to_the_member_with_fewest_open_tickets()
    {
        var dee = $"dee-{Guid.NewGuid():N}"[..12];
        var eve = $"eve-{Guid.NewGuid():N}"[..12];
        var queue = await NewQueueAsync("LeastLoaded", dee, eve);
        // dee already holds two open tickets.
        for (var i = 0; i < 2; i++)
            await Http.AssignAsync(await NewTicketAsync(), dee);

        (await RouteAsync(await NewTicketAsync(), queue)).Assignee.ShouldBe(eve);
        (await RouteAsync(await NewTicketAsync(), queue)).Assignee.ShouldBe(eve);
        // 2 each now: the tie goes to the next in turn after eve.
        (await RouteAsync(await NewTicketAsync(), queue)).Assignee.ShouldBe(dee);
    }

    [Fact]
    public async Task Reassignments_are_kept_as_history()
    {
        var l1 = await NewQueueAsync("RoundRobin", "ann");
        var l2 = await NewQueueAsync("Manual", "zed");
        var key = await NewTicketAsync();
        await RouteAsync(key, l1);
        var manual = await RouteAsync(key, l2);
        manual.Assignee.ShouldBe("ann"); // a manual queue keeps the ticket's agent until someone assigns it
        await Http.AssignAsync(key, "zed");

        var history = await (await Http.GetAsync($"/api/tickets/{key}/assignments")).ReadAsync<List<AssignmentEntry>>();
        history.Select(e => (e.FromQueue, e.ToQueue, e.FromAssignee, e.ToAssignee))
            .ShouldBe([(null, l1, null, "ann"), (l1, l2, "ann", "ann"), (l2, l2, "ann", "zed")]);
        history[0].Actor.ShouldBe("bob");
    }

    [Fact]
    public async Task Bad_queue_input_answers_problem_details()
    {
        var bad = await Http.PostJsonAsync("/api/queues", new { key = "Not Kebab", name = "" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await bad.ErrorsAsync();
        foreach (var field in new[] { "key", "name", "rule" }) errors.ShouldContainKey(field);

        var queue = await NewQueueAsync("Manual");
        var duplicate = await Http.PostJsonAsync("/api/queues", new { key = queue, name = "again", rule = "Manual" });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await duplicate.ReadJsonAsync()).Str("code").ShouldBe("duplicate-key");

        (await Http.GetAsync("/api/queues/nope")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.DeleteAsync($"/api/queues/{queue}/members/nobody")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var key = await NewTicketAsync();
        var unknown = await Http.PostJsonAsync($"/api/tickets/{key}/route", new { queue = "nope" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unknown.ReadJsonAsync()).Str("code").ShouldBe("unknown-queue");
        (await Http.PostJsonAsync($"/api/tickets/{key}/route", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync("/api/tickets/HD-999999999/route", new { queue })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var seeded = await (await Http.GetAsync("/api/queues")).ReadAsync<List<QueueResponse>>();
        seeded.Select(q => q.Key).ShouldContain("service-desk-l2");

        using var requester = fx.As("alice", Roles.Requester);
        (await requester.GetAsync("/api/queues")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await requester.PostJsonAsync($"/api/tickets/{key}/route", new { queue })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
