using Platform.Data;

namespace Platform.Ticketing.Tests;

/// <summary>Idempotency-Key on ticketing's POSTs: a retried create or promote lands once.</summary>
public class IdempotencyTests(TicketingFixture fx) : IClassFixture<TicketingFixture>, IAsyncLifetime
{
    private HttpClient Http => fx.Http;

    /// <summary>Every ticket here is raised for alice.</summary>
    public async ValueTask InitializeAsync() => await fx.JoinOnceAsync("alice", Roles.Requester);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static object NewTicket(string title) => new
    {
        title, description = "Printer on floor 3 jams on every job.", requester = "alice", category = "hardware", impact = "Low", urgency = "Medium",
    };

    private static string NewKey() => Guid.NewGuid().ToString();

    private Task<int> TicketsTitledAsync(string title) => fx.WithDbAsync(db => db.Tickets.CountAsync(t => t.Title == title));

    [Fact]
    public async Task A_create_retried_with_the_same_key_makes_one_ticket_and_answers_the_same_both_times()
    {
        var title = "Idempotent create " + Guid.NewGuid().ToString("N")[..8];
        var key = NewKey();

        var first = await Http.PostJsonAsync("/api/tickets", NewTicket(title), key);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        first.Headers.Contains(IdempotencyKeys.ReplayedHeader).ShouldBeFalse();
        var retry = await Http.PostJsonAsync("/api/tickets", NewTicket(title), key);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        first.Headers.Location!.ToString().ShouldStartWith("/api/tickets/HD-");
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        retry.Headers.GetValues(IdempotencyKeys.ReplayedHeader).Single().ShouldBe("true");
        (await TicketsTitledAsync(title)).ShouldBe(1);

        // The key is the caller's: another caller's request with the same key is a request of its own.
        var other = await fx.As("erin", "agent").PostJsonAsync("/api/tickets", NewTicket(title), key);
        other.StatusCode.ShouldBe(HttpStatusCode.Created);
        other.Headers.Location.ShouldNotBe(first.Headers.Location);
        (await TicketsTitledAsync(title)).ShouldBe(2);
    }

    [Fact]
    public async Task Without_the_header_each_post_is_a_new_ticket()
    {
        var title = "No key " + Guid.NewGuid().ToString("N")[..8];
        (await Http.PostJsonAsync("/api/tickets", NewTicket(title))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Http.PostJsonAsync("/api/tickets", NewTicket(title))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await TicketsTitledAsync(title)).ShouldBe(2);
    }

    [Fact]
    public async Task The_same_key_on_a_different_request_is_422_and_does_nothing()
    {
        var title = "Reused key " + Guid.NewGuid().ToString("N")[..8];
        var key = NewKey();
        (await Http.PostJsonAsync("/api/tickets", NewTicket(title), key)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var reused = await Http.PostJsonAsync("/api/tickets", NewTicket(title + " (other)"), key);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.ReadJsonAsync()).Str("code").ShouldBe("idempotency-key-reused");
        (await TicketsTitledAsync(title + " (other)")).ShouldBe(0);

        // Another path with the same key and body is another request too.
        var elsewhere = await Http.PostJsonAsync("/api/tickets/HD-1/comments", NewTicket(title), key);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_refused_request_keeps_nothing_so_the_key_can_be_retried_once_corrected()
    {
        var title = "Corrected " + Guid.NewGuid().ToString("N")[..8];
        var key = NewKey();
        var refused = await Http.PostJsonAsync("/api/tickets", new { title, description = "x" }, key);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.WithDbAsync(db => db.Set<IdempotencyKey>().CountAsync(k => k.Key == key))).ShouldBe(0);

        (await Http.PostJsonAsync("/api/tickets", NewTicket(title), key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Http.PostJsonAsync("/api/tickets", NewTicket(title), key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await TicketsTitledAsync(title)).ShouldBe(1);
    }

    [Fact]
    public async Task An_invalid_key_is_400()
    {
        var response = await Http.PostJsonAsync("/api/tickets", NewTicket("Bad key"), new string('k', 256));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync()).Str("code").ShouldBe("idempotency-key-invalid");
    }

    [Fact]
    public async Task A_promotion_retried_with_the_same_key_promotes_once()
    {
        var project = await fx.KnownProjectAsync();
        var created = await (await Http.PostJsonAsync("/api/tickets", NewTicket("Promote once " + Guid.NewGuid().ToString("N")[..8]))).ReadJsonAsync();
        var key = created.Str("key");
        var ticketId = created.GetProperty("id").GetGuid();
        (await Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" })).EnsureSuccessStatusCode();
        var idempotencyKey = NewKey();

        var first = await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { projectKey = project.Key }, idempotencyKey);
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted, await first.Content.ReadAsStringAsync());
        // Without the key a second promotion is refused (409); with it, the retry gets the first outcome.
        var retry = await Http.PostJsonAsync($"/api/tickets/{key}/promote", new { projectKey = project.Key }, idempotencyKey);
        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted, await retry.Content.ReadAsStringAsync());
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.ShouldBe(first.Headers.Location);

        await fx.Bus.WaitForAsync<TicketPromotedToProject>(e => e.TicketId == ticketId);
        var promotions = await fx.WithDbAsync(db => db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE type LIKE '%TicketPromotedToProject%' AND body::text LIKE {"%" + ticketId + "%"}").SingleAsync());
        promotions.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_make_one_ticket()
    {
        var title = "Concurrent " + Guid.NewGuid().ToString("N")[..8];
        var key = NewKey();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Http.PostJsonAsync("/api/tickets", NewTicket(title), key)));

        // Each either waited for the first and replays it, or gave up waiting (409 in progress); never a second ticket.
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.Conflict)
                (await response.ReadJsonAsync()).Str("code").ShouldBe("idempotency-key-in-progress");
            else response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        created.Count(r => !r.Headers.Contains(IdempotencyKeys.ReplayedHeader)).ShouldBe(1);
        created.Select(r => r.Headers.Location).Distinct().Count().ShouldBe(1);
        (await TicketsTitledAsync(title)).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_older_than_24_hours_is_forgotten_and_pruned()
    {
        var title = "Expired key " + Guid.NewGuid().ToString("N")[..8];
        var key = NewKey();
        (await Http.PostJsonAsync("/api/tickets", NewTicket(title), key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await fx.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = {key}"));

        // Expired: the retry is a new request (the row is taken over, not refused).
        (await Http.PostJsonAsync("/api/tickets", NewTicket(title), key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await TicketsTitledAsync(title)).ShouldBe(2);

        await fx.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = {key}"));
        var pruner = fx.Service.Services.GetRequiredService<IdempotencyKeyPruner<TicketingDbContext>>();
        (await pruner.PruneAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        (await fx.WithDbAsync(db => db.Set<IdempotencyKey>().CountAsync(k => k.Key == key))).ShouldBe(0);
    }

    [Fact]
    public async Task A_routing_retried_with_the_same_key_routes_once()
    {
        // Routing opens a transaction of its own (it locks the queue); with a key it joins the request's.
        var queue = $"q-{Guid.NewGuid():N}"[..14];
        (await Http.PostJsonAsync("/api/queues", new { key = queue, name = "Idempotent", rule = "RoundRobin", teamLead = await fx.JoinOnceAsync("nina", Roles.Agent) })).EnsureSuccessStatusCode();
        foreach (var member in new[] { await fx.JoinOnceAsync("ann", Roles.Agent), await fx.JoinOnceAsync("ben", Roles.Agent) })
            (await Http.PutAsync($"/api/queues/{queue}/members/{member}", JsonContent.Create(new { available = true }))).EnsureSuccessStatusCode();
        var ticket = (await (await Http.PostJsonAsync("/api/tickets", NewTicket("Route once " + Guid.NewGuid().ToString("N")[..8]))).ReadJsonAsync()).Str("key");
        var key = NewKey();

        var first = await Http.PostJsonAsync($"/api/tickets/{ticket}/route", new { queue }, key);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var history = await (await Http.GetAsync($"/api/tickets/{ticket}/assignments")).ReadJsonAsync();
        var retry = await Http.PostJsonAsync($"/api/tickets/{ticket}/route", new { queue }, key);

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.Headers.Contains(IdempotencyKeys.ReplayedHeader).ShouldBeTrue();
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var after = await (await Http.GetAsync($"/api/tickets/{ticket}/assignments")).ReadJsonAsync();
        after.ToString().ShouldBe(history.ToString());
    }
}
