namespace Platform.Ticketing.Tests;

/// <summary>
/// The agents' queue views on GET /api/tickets: category, unassigned, SLA at risk, the SLA due order with its own
/// keyset cursor, and the counts by status. Each test raises its tickets for a requester of its own and lists by them.
/// </summary>
public class QueueViewTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<string> NewRequesterAsync() => await fx.JoinAsync($"req-{Guid.NewGuid():N}", [Roles.Requester]);

    private Task<TicketResponse> RaiseAsync(string requester, string impact, string urgency, string category = "misc") =>
        Http.RaiseTicketAsync($"Queue view {impact}/{urgency}", "For the queue views.", category, impact, urgency, requester);

    private async Task<Page<TicketResponse>> ListAsync(string query, HttpClient? client = null)
    {
        var response = await (client ?? Http).GetAsync($"/api/tickets?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<Page<TicketResponse>>();
    }

    /// <summary>Every page of a list, following nextCursor.</summary>
    private async Task<List<string>> AllKeysAsync(string query)
    {
        var keys = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(query + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            page.Items.Count.ShouldBeLessThanOrEqualTo(1);
            keys.AddRange(page.Items.Select(t => t.Key));
            cursor = page.NextCursor;
        } while (cursor is not null && keys.Count < 20);
        return keys;
    }

    [Fact]
    public async Task Sort_by_SLA_due_lists_running_clocks_soonest_first_page_by_page()
    {
        var requester = await NewRequesterAsync();
        var p4 = await RaiseAsync(requester, "Low", "Low");
        var p1 = await RaiseAsync(requester, "High", "High");
        var p2 = await RaiseAsync(requester, "High", "Medium");
        var p1b = await RaiseAsync(requester, "High", "High");
        // A pending ticket's clocks are paused: it falls due at no time, so it is not in this order.
        var paused = await RaiseAsync(requester, "High", "High");
        await Http.AssignAsync(paused.Key, "bob");
        await Http.ActAsync(paused.Key, "start");
        await Http.ActAsync(paused.Key, "pend");

        var keys = await AllKeysAsync($"requester={requester}&sort=slaDue&limit=1");
        keys.Count.ShouldBe(4);
        keys.Take(2).ShouldBe([p1.Key, p1b.Key]); // 1 h round the clock, the older first
        keys.ShouldBe([p1.Key, p1b.Key, p2.Key, p4.Key], ignoreOrder: true);
        keys.IndexOf(p2.Key).ShouldBeLessThan(keys.IndexOf(p4.Key));

        // The same order as the clocks say, and the list's other filters still apply.
        var p1s = await ListAsync($"requester={requester}&sort=slaDue&priority=P1");
        p1s.Items.Select(t => t.Key).ShouldBe([p1.Key, p1b.Key]);
        p1s.NextCursor.ShouldBeNull();
        var all = (await ListAsync($"requester={requester}&sort=slaDue")).Items;
        all.Select(t => t.Key).ShouldBe(keys);
        var dues = all.Select(t => new[] { t.Sla!.FirstResponse.DueAt, t.Sla.Resolution.DueAt }.Min()!.Value).ToList();
        dues.ShouldBe(dues.Order().ToList());
    }

    [Fact]
    public async Task Unassigned_category_and_SLA_at_risk_narrow_the_list()
    {
        var requester = await NewRequesterAsync();
        var network = await RaiseAsync(requester, "Medium", "Medium", "network");
        var mine = await RaiseAsync(requester, "Medium", "Medium");
        var risky = await RaiseAsync(requester, "Medium", "Medium");
        await Http.AssignAsync(mine.Key, "bob");

        (await ListAsync($"requester={requester}&unassigned=true")).Items.Select(t => t.Key).ShouldBe([risky.Key, network.Key]);
        (await ListAsync($"requester={requester}&unassigned=false")).Items.Select(t => t.Key).ShouldBe([mine.Key]);
        (await ListAsync($"requester={requester}&category=network")).Items.Select(t => t.Key).ShouldBe([network.Key]);
        (await ListAsync($"requester={requester}&slaAtRisk=true")).Items.ShouldBeEmpty();

        // Time passes for one ticket: its first-response clock's warning time is behind it (the breach checker's own
        // column, so the generated "at risk" column follows).
        await fx.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE tickets SET first_response_warn_at = now() - interval '1 minute' WHERE id = {risky.Id}"));
        (await ListAsync($"requester={requester}&slaAtRisk=true")).Items.Select(t => t.Key).ShouldBe([risky.Key]);
        (await ListAsync($"requester={requester}&slaAtRisk=false")).Items.Select(t => t.Key).ShouldBe([mine.Key, network.Key]);
        (await ListAsync($"requester={requester}&slaAtRisk=true&unassigned=false")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task My_queues_are_those_the_agent_works_in_or_leads()
    {
        var requester = await NewRequesterAsync();
        var agent = await fx.JoinAsync($"agent-{Guid.NewGuid():N}", [Roles.Agent]);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        string member = $"member-{suffix}", led = $"led-{suffix}", other = $"other-{suffix}";
        (await Http.PostJsonAsync("/api/queues", new { key = member, name = "Agent's queue", rule = "Manual" })).EnsureSuccessStatusCode();
        (await Http.PutAsync($"/api/queues/{member}/members/{agent}", JsonContent.Create(new { available = true }))).EnsureSuccessStatusCode();
        (await Http.PostJsonAsync("/api/queues", new { key = led, name = "Agent leads it", rule = "Manual", teamLead = agent })).EnsureSuccessStatusCode();
        (await Http.PostJsonAsync("/api/queues", new { key = other, name = "Someone else's", rule = "Manual" })).EnsureSuccessStatusCode();
        (await Http.PutAsync($"/api/queues/{other}/members/bob", JsonContent.Create(new { available = true }))).EnsureSuccessStatusCode();

        var inMember = await Http.RouteAsync((await RaiseAsync(requester, "Medium", "Medium")).Key, member);
        var inLed = await Http.RouteAsync((await RaiseAsync(requester, "Medium", "Medium")).Key, led);
        var inOther = await Http.RouteAsync((await RaiseAsync(requester, "Medium", "Medium")).Key, other);

        using var own = fx.As(agent, Roles.Agent);
        (await ListAsync($"requester={requester}&myQueues=true", own)).Items.Select(t => t.Key).ShouldBe([inLed.Key, inMember.Key]);
        (await ListAsync($"requester={requester}&myQueues=false", own)).Items.Select(t => t.Key).ShouldBe([inOther.Key]);
        // bob works in the other queue only; the view's other filters still apply.
        (await ListAsync($"requester={requester}&myQueues=true")).Items.Select(t => t.Key).ShouldBe([inOther.Key]);
        (await ListAsync($"requester={requester}&myQueues=true&queue={member}", own)).Items.Select(t => t.Key).ShouldBe([inMember.Key]);
        (await ListAsync($"requester={requester}&myQueues=true&sort=slaDue", own)).Items.Select(t => t.Key)
            .ShouldBe([inMember.Key, inLed.Key], ignoreOrder: true);

        // The search takes the same view.
        var search = await own.GetAsync($"/api/tickets/search?q=queue&myQueues=true&queue={led}");
        search.StatusCode.ShouldBe(HttpStatusCode.OK, await search.Content.ReadAsStringAsync());
        (await search.ReadAsync<Page<TicketResponse>>()).Items.Select(t => t.Key).ShouldBe([inLed.Key]);
    }

    [Fact]
    public async Task Counts_are_by_status_of_the_tickets_the_caller_may_see()
    {
        var requester = await NewRequesterAsync();
        var a = await RaiseAsync(requester, "Medium", "Medium");
        await RaiseAsync(requester, "Medium", "Medium");
        await Http.AssignAsync(a.Key, "bob");

        using var own = fx.As(requester, Roles.Requester);
        var counts = await (await own.GetAsync("/api/tickets/counts")).ReadAsync<TicketCounts>();
        counts.ByStatus["New"].ShouldBe(1);
        counts.ByStatus["Assigned"].ShouldBe(1);
        counts.ByStatus["Closed"].ShouldBe(0);
        counts.ByStatus.Count.ShouldBe(Enum.GetValues<TicketStatus>().Length);
        counts.OpenMajorIncidents.ShouldBe(0);

        // An agent sees every ticket: at least these.
        var all = await (await Http.GetAsync("/api/tickets/counts")).ReadAsync<TicketCounts>();
        all.ByStatus["New"].ShouldBeGreaterThanOrEqualTo(1);
        all.ByStatus["Assigned"].ShouldBeGreaterThanOrEqualTo(1);
    }

    [Theory]
    [InlineData("sort=oldest", "sort")]
    [InlineData("sort=slaDue&cursor=42", "cursor")]
    [InlineData("sort=slaDue&cursor=abc.1", "cursor")]
    [InlineData("sort=slaDue&cursor=99999999999999999999.1", "cursor")]
    [InlineData("unassigned=true&assignee=bob", "unassigned")]
    public async Task Bad_queue_view_parameters_are_field_errors(string query, string field)
    {
        var response = await Http.GetAsync($"/api/tickets?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.ErrorsAsync()).Keys.ShouldContain(field);
    }
}
