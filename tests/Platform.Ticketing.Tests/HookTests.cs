using Npgsql;
using Platform.Ticketing.Features.Hooks;

namespace Platform.Ticketing.Tests;

/// <summary>Ticketing with a "monitoring" inbound source whose secret the test knows.</summary>
public sealed class HookFixture() : ServiceFixture<Program, TicketingDbContext>("Ticketing", ("bob", "agent"), typeof(TicketCreated))
{
    public const string Secret = "test-monitoring-secret";

    static HookFixture() => Environment.SetEnvironmentVariable("Inbound__Sources__monitoring__Secret", Secret);
}

public class HookTests(HookFixture fx) : IClassFixture<HookFixture>
{
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private async Task<HttpResponseMessage> PostAsync(string json, string? secret = HookFixture.Secret, long? timestamp = null,
        string source = "monitoring", string? signature = null)
    {
        using var anonymous = fx.WithToken(null);
        var ts = (timestamp ?? Now).ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{source}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", ts);
        request.Headers.Add("X-Signature", signature ?? HookSignature.Sign(secret!, ts, Encoding.UTF8.GetBytes(json)));
        return await anonymous.SendAsync(request);
    }

    private static string Alert(string id, string status, string title = "Disk full on db-01", string? description = null) =>
        JsonSerializer.Serialize(new { alertId = id, status, title, description, severity = "critical" });

    private async Task<JsonElement> TicketAsync(string key) => await (await fx.Http.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();

    [Fact]
    public async Task An_alert_creates_repeats_into_and_resolves_one_ticket()
    {
        var id = $"alert-{Guid.NewGuid():N}";
        var created = await PostAsync(Alert(id, "firing"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.ReadJsonAsync();
        body.Str("action").ShouldBe("created");
        var key = body.Str("ticketKey");
        var ticket = await TicketAsync(key);
        ticket.Str("requester").ShouldBe("monitoring");
        ticket.Str("priority").ShouldBe("P1");
        ticket.GetProperty("sla").GetProperty("firstResponse").GetProperty("targetMinutes").GetInt32().ShouldBe(60);
        await fx.Bus.WaitForAsync<TicketCreated>(e => e.TicketKey == key);

        var repeat = await PostAsync(Alert(id, "firing", description: "92% → 97%"));
        repeat.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await repeat.ReadJsonAsync()).Str("ticketKey").ShouldBe(key);

        var resolved = await PostAsync(Alert(id, "resolved"));
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resolved.ReadJsonAsync()).Str("action").ShouldBe("resolved");

        ticket = await TicketAsync(key);
        ticket.Str("status").ShouldBe("Resolved");
        var comments = ticket.GetProperty("comments").EnumerateArray().Select(c => c.Str("body")).ToList();
        comments.ShouldContain(c => c.Contains("again") && c.Contains("97%"));
        comments.ShouldContain(c => c.Contains("resolved"));
        var page = await (await fx.Http.GetAsync("/api/tickets?requester=monitoring&limit=200")).ReadJsonAsync();
        page.GetProperty("items").EnumerateArray().Count(t => t.Str("key") == key).ShouldBe(1);

        // Firing again reopens the resolved ticket instead of opening another.
        var again = await PostAsync(Alert(id, "firing", description: "firing again"));
        (await again.ReadJsonAsync()).Str("ticketKey").ShouldBe(key);
        (await TicketAsync(key)).Str("status").ShouldBe("New");

        // A resolution for an alert nobody saw changes nothing.
        (await (await PostAsync(Alert($"unknown-{Guid.NewGuid():N}", "resolved"))).ReadJsonAsync()).Str("action").ShouldBe("ignored");
    }

    [Fact]
    public async Task Concurrent_deliveries_of_a_new_alert_make_one_ticket()
    {
        var id = $"alert-{Guid.NewGuid():N}";
        // Four distinct deliveries (timestamps differ): copies of one request are a replay, see below.
        var now = Now;
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PostAsync(Alert(id, "firing"), timestamp: now - i)));
        responses.ShouldAllBe(r => r.IsSuccessStatusCode);
        var keys = new List<string>();
        foreach (var r in responses) keys.Add((await r.ReadJsonAsync()).Str("ticketKey"));
        keys.Distinct().Count().ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
    }

    [Fact]
    public async Task Unsigned_stale_or_forged_deliveries_are_refused_with_401()
    {
        var json = Alert($"alert-{Guid.NewGuid():N}", "firing", title: "Forged");
        foreach (var response in new[]
        {
            await PostAsync(json, secret: "wrong-secret"),
            await PostAsync(json, timestamp: Now - 6 * 60),
            await PostAsync(json, timestamp: Now + 6 * 60),
            await PostAsync(json, signature: "sha256=00"),
            await PostAsync(json, source: "unknown-tool"),
        })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        // A signature over another body does not carry over.
        var ts = Now.ToString();
        using var anonymous = fx.WithToken(null);
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/monitoring") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Timestamp", ts);
        request.Headers.Add("X-Signature", HookSignature.Sign(HookFixture.Secret, ts, Encoding.UTF8.GetBytes(json + " ")));
        (await anonymous.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var noHeaders = await anonymous.PostAsync("/hooks/monitoring", new StringContent(json, Encoding.UTF8, "application/json"));
        noHeaders.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var page = await (await fx.Http.GetAsync("/api/tickets?requester=monitoring&limit=200")).ReadJsonAsync();
        page.GetProperty("items").EnumerateArray().ShouldNotContain(t => t.Str("title") == "Forged");
    }

    [Fact]
    public async Task Signed_bad_input_answers_400_with_field_errors()
    {
        var missing = await PostAsync("""{"status":"exploded","severity":"apocalyptic"}""");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await missing.ReadJsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "alertId", "status", "severity" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await PostAsync("""{"alertId":"x","status":"firing"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // no title
        (await PostAsync("{ not json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("null")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<List<string>> CommentsAsync(string key) =>
        (await TicketAsync(key)).GetProperty("comments").EnumerateArray().Select(c => c.Str("body")).ToList();

    private static async Task ShouldBeReplayAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadJsonAsync()).Str("code").ShouldBe("replayed-request");
    }

    [Fact]
    public async Task The_very_same_request_again_is_refused_as_a_replay_and_changes_nothing()
    {
        var id = $"alert-{Guid.NewGuid():N}";
        var first = Alert(id, "firing", title: "Replayed alert");
        var firstAt = Now - 20;
        var created = await PostAsync(first, timestamp: firstAt);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = (await created.ReadJsonAsync()).Str("ticketKey");
        await ShouldBeReplayAsync(await PostAsync(first, timestamp: firstAt));

        var repeat = Alert(id, "firing", title: "Replayed alert", description: "still full");
        var repeatAt = Now - 10;
        (await PostAsync(repeat, timestamp: repeatAt)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var comments = await CommentsAsync(key);
        // An upper-case copy of the signature is the same signature.
        var ts = repeatAt.ToString();
        var shouted = HookSignature.Sign(HookFixture.Secret, ts, Encoding.UTF8.GetBytes(repeat)).ToUpperInvariant();
        await ShouldBeReplayAsync(await PostAsync(repeat, timestamp: repeatAt));
        await ShouldBeReplayAsync(await PostAsync(repeat, timestamp: repeatAt, signature: " " + shouted));
        (await CommentsAsync(key)).Count.ShouldBe(comments.Count);

        var resolve = Alert(id, "resolved", title: "Replayed alert");
        var resolveAt = Now;
        (await (await PostAsync(resolve, timestamp: resolveAt)).ReadJsonAsync()).Str("action").ShouldBe("resolved");
        var resolvedComments = (await CommentsAsync(key)).Count;
        await ShouldBeReplayAsync(await PostAsync(resolve, timestamp: resolveAt));
        (await TicketAsync(key)).Str("status").ShouldBe("Resolved");
        (await CommentsAsync(key)).Count.ShouldBe(resolvedComments);

        // A new delivery of the same alert (new timestamp, hence a new signature) still counts: it reopens the ticket.
        var again = await PostAsync(first, timestamp: firstAt + 1);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ReadJsonAsync()).Str("ticketKey").ShouldBe(key);
        (await TicketAsync(key)).Str("status").ShouldBe("New");
        var page = await (await fx.Http.GetAsync("/api/tickets?requester=monitoring&limit=200")).ReadJsonAsync();
        page.GetProperty("items").EnumerateArray().Count(t => t.Str("title") == "Replayed alert").ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_copies_of_one_request_count_once()
    {
        var id = $"alert-{Guid.NewGuid():N}";
        var newAlert = Alert(id, "firing", title: "Copied alert");
        var at = Now;
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(newAlert, timestamp: at)));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
        var key = (await responses.Single(r => r.StatusCode == HttpStatusCode.Created).ReadJsonAsync()).Str("ticketKey");
        var before = (await CommentsAsync(key)).Count;

        var repeat = Alert(id, "firing", title: "Copied alert", description: "copied repeat");
        responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(repeat, timestamp: at + 1)));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
        var comments = await CommentsAsync(key);
        comments.Count.ShouldBe(before + 1);
        comments.Count(c => c.Contains("copied repeat")).ShouldBe(1);
    }

    [Fact]
    public async Task Remembered_signatures_older_than_the_window_are_pruned()
    {
        var old = DateTimeOffset.UtcNow.AddHours(-1);
        var stale = $"sha256={Guid.NewGuid():N}";
        await fx.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbound_hook_signatures (source, signature, signed_at, seen_at) VALUES ('monitoring', {stale}, {old}, {old})"));

        (await PostAsync(Alert($"alert-{Guid.NewGuid():N}", "firing"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await fx.WithDbAsync(db => db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM inbound_hook_signatures WHERE signature = {stale}").SingleAsync())).ShouldBe(0);
        (await fx.WithDbAsync(db => db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM inbound_hook_signatures WHERE signed_at < now() - interval '15 minutes'").SingleAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Control_characters_in_a_signed_alert_answer_400_naming_the_field()
    {
        var id = $"alert-{Guid.NewGuid():N}";
        var nul = await PostAsync(Alert(id, "firing", title: "a\u0000b"));
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await nul.Content.ReadAsStringAsync());
        (await nul.ReadJsonAsync()).GetProperty("errors").TryGetProperty("title", out _).ShouldBeTrue();

        var escape = await PostAsync(JsonSerializer.Serialize(new { alertId = id, title = "Disk", description = "bell \u0007", category = "a\tb" }));
        escape.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await escape.ReadJsonAsync()).GetProperty("errors");
        errors.TryGetProperty("description", out _).ShouldBeTrue();
        errors.TryGetProperty("category", out _).ShouldBeTrue();
        errors.TryGetProperty("title", out _).ShouldBeFalse();

        var unitSeparator = await PostAsync(Alert($"alert\u001f{Guid.NewGuid():N}", "firing"));
        unitSeparator.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unitSeparator.ReadJsonAsync()).GetProperty("errors").TryGetProperty("alertId", out _).ShouldBeTrue();

        // A lone surrogate is not text either (the JSON reader refuses it); other characters are fine.
        var surrogate = await PostAsync($$"""{"alertId":"{{id}}-s","title":"a\ud800b"}""");
        surrogate.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await surrogate.Content.ReadAsStringAsync());
        var accented = await PostAsync($$"""{"alertId":"{{id}}-u","title":"a\u00ffb"}""");
        accented.StatusCode.ShouldBe(HttpStatusCode.Created, await accented.Content.ReadAsStringAsync());

        // Nothing was taken from the refused deliveries: the alert is still new, and a description may hold line breaks.
        var good = await PostAsync(Alert(id, "firing", title: "Control-free", description: "line 1\r\n\tline 2"));
        good.StatusCode.ShouldBe(HttpStatusCode.Created, await good.Content.ReadAsStringAsync());
        (await good.ReadJsonAsync()).Str("action").ShouldBe("created");
    }

    /// <summary>A new alert, firing: its ticket's key.</summary>
    private async Task<string> OpenAlertAsync(string id, string title, string description, long timestamp)
    {
        var created = await PostAsync(Alert(id, "firing", title: title, description: description), timestamp: timestamp);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.ReadJsonAsync()).Str("ticketKey");
    }

    private static string AlertKey(string alertId) => "monitoring\u001f" + alertId;

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await fx.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!)));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls until some backend waits for the alert's key lock (ApplyAsync's advisory lock 4209).</summary>
    private static async Task WaitUntilSomeoneWaitsForKeyAsync(NpgsqlConnection connection, string alertId, Task<HttpResponseMessage> delivery)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = 4209
                  AND objid::bigint = (hashtext($1)::bigint & 4294967295)
                """, connection) { Parameters = { new() { Value = AlertKey(alertId) } } };
            if ((long)(await command.ExecuteScalarAsync())! > 0) return;
            if (delivery.IsCompleted) throw new ShouldAssertException($"The delivery ended without waiting for the key: {(int)(await delivery).StatusCode}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("No delivery waited for the alert's key within 30 s.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_delivery_chosen_to_break_a_deadlock_is_tried_again_not_answered_500()
    {
        // The cycle: the delivery holds its signature (inserted, not committed) and waits for the alert's key, which
        // the test holds; then the test inserts the same signature and waits for the delivery. PostgreSQL aborts the
        // one whose deadlock check runs first: the delivery, when the test closes the cycle within deadlock_timeout
        // (1 s) of the delivery starting to wait. On a machine so busy that it does not, the test's own transaction is
        // aborted instead; that attempt proves nothing and the test tries again with a new alert.
        var conclusive = 0;
        for (var attempt = 0; attempt < 5 && conclusive == 0; attempt++)
        {
            var id = $"alert-{Guid.NewGuid():N}";
            var json = Alert(id, "firing", title: "Deadlock victim");
            var ts = Now.ToString();
            var signature = HookSignature.Sign(HookFixture.Secret, ts, Encoding.UTF8.GetBytes(json));
            await using var connection = await OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await ExecAsync(connection, "SELECT pg_advisory_xact_lock(4209, hashtext($1))", AlertKey(id));

            var delivery = PostAsync(json, timestamp: long.Parse(ts), signature: signature);
            await WaitUntilSomeoneWaitsForKeyAsync(connection, id, delivery);
            try
            {
                await ExecAsync(connection, "INSERT INTO inbound_hook_signatures (source, signature, signed_at, seen_at) VALUES ('monitoring', $1, now(), now())",
                    signature.Trim().ToLowerInvariant());
                conclusive++; // the delivery's transaction was aborted: only that ends the test's wait
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected)
            {
                // The test was the victim: inconclusive (the delivery goes on as soon as the key is released).
            }

            await tx.RollbackAsync();
            var response = await delivery;
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            (await response.ReadJsonAsync()).Str("action").ShouldBe("created");
        }

        conclusive.ShouldBeGreaterThan(0, "the delivery was never the one PostgreSQL aborted");
    }

    [Fact]
    public async Task A_delivery_for_a_known_alert_does_not_wait_for_the_new_alert_lock()
    {
        // The lock order that keeps deliveries of one alert out of a cycle: only a delivery that finds no alert row
        // takes the alert's key, so one that may already hold the row (the storm path's update) never waits for it.
        var id = $"alert-{Guid.NewGuid():N}";
        var now = Now;
        var key = await OpenAlertAsync(id, "Lock order", "v1", now - 10);

        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await ExecAsync(connection, "SELECT pg_advisory_xact_lock(4209, hashtext($1))", AlertKey(id));
        foreach (var (description, action, offset) in new[] { ("v2", "commented", 1), ("v2", "counted", 2) })
        {
            var delivery = PostAsync(Alert(id, "firing", title: "Lock order", description: description), timestamp: now - 10 + offset);
            (await Task.WhenAny(delivery, Task.Delay(TimeSpan.FromSeconds(30)))).ShouldBe(delivery, "the delivery waited for the alert's key");
            var response = await delivery;
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var body = await response.ReadJsonAsync();
            body.Str("action").ShouldBe(action);
            body.Str("ticketKey").ShouldBe(key);
        }

        var resolved = PostAsync(Alert(id, "resolved", title: "Lock order"), timestamp: now - 7);
        (await Task.WhenAny(resolved, Task.Delay(TimeSpan.FromSeconds(30)))).ShouldBe(resolved, "the resolution waited for the alert's key");
        (await (await resolved).ReadJsonAsync()).Str("action").ShouldBe("resolved");
        await tx.RollbackAsync();
        (await TicketAsync(key)).GetProperty("alert").GetProperty("deliveries").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task Repeats_without_news_are_counted_on_the_ticket_not_commented()
    {
        var id = $"alert-{Guid.NewGuid():N}";
        var now = Now;
        var key = await OpenAlertAsync(id, "Storm alert", "cpu 95%", now - 30);
        var before = (await CommentsAsync(key)).Count;

        // Twenty repeats saying what the ticket already says, some of them at once: counted, no comment, no event.
        var repeats = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            PostAsync(Alert(id, "firing", title: "Storm alert", description: "cpu 95%"), timestamp: now - 30 + i)));
        foreach (var r in repeats)
        {
            r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
            var body = await r.ReadJsonAsync();
            body.Str("action").ShouldBe("counted");
            body.Str("ticketKey").ShouldBe(key);
        }

        var ticket = await TicketAsync(key);
        ticket.GetProperty("comments").GetArrayLength().ShouldBe(before);
        var alert = ticket.GetProperty("alert");
        alert.Str("source").ShouldBe("monitoring");
        alert.Str("alertId").ShouldBe(id);
        alert.GetProperty("deliveries").GetInt32().ShouldBe(21);
        alert.Str("lastStatus").ShouldBe("firing");

        // News comes at once, and once, however many deliveries bring it together.
        var news = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            PostAsync(Alert(id, "firing", title: "Storm alert", description: "cpu 100%"), timestamp: now - 5 + i)));
        news.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(8);
        var actions = new List<string>();
        foreach (var r in news) actions.Add((await r.ReadJsonAsync()).Str("action"));
        actions.Count(a => a == "commented").ShouldBe(1);
        actions.Count(a => a == "counted").ShouldBe(7);
        var comments = await CommentsAsync(key);
        comments.Count.ShouldBe(before + 1);
        comments.Count(c => c.Contains("cpu 100%")).ShouldBe(1);
        (await TicketAsync(key)).GetProperty("alert").GetProperty("deliveries").GetInt32().ShouldBe(29);

        // After the quiet period the same text is commented again (a reminder that it still fires).
        await fx.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE inbound_alerts SET last_commented_at = now() - interval '1 hour' WHERE alert_id = {id}"));
        var reminder = await PostAsync(Alert(id, "firing", title: "Storm alert", description: "cpu 100%"), timestamp: now + 5);
        (await reminder.ReadJsonAsync()).Str("action").ShouldBe("commented");
        (await CommentsAsync(key)).Count.ShouldBe(before + 2);

        // A resolved ticket is reopened by a repeat even when it brings no news.
        (await (await PostAsync(Alert(id, "resolved", title: "Storm alert"), timestamp: now + 6)).ReadJsonAsync()).Str("action").ShouldBe("resolved");
        var reopened = await PostAsync(Alert(id, "firing", title: "Storm alert", description: "cpu 100%"), timestamp: now + 7);
        (await reopened.ReadJsonAsync()).Str("action").ShouldBe("commented");
        var after = await TicketAsync(key);
        after.Str("status").ShouldBe("New");
        after.GetProperty("alert").GetProperty("deliveries").GetInt32().ShouldBe(32);

        // A plain ticket has no alert.
        var plain = await fx.Http.PostAsJsonAsync("/api/tickets", new { title = "Not an alert", description = "d", category = "hardware", impact = "Low", urgency = "Low" });
        plain.StatusCode.ShouldBe(HttpStatusCode.Created, await plain.Content.ReadAsStringAsync());
        (await TicketAsync((await plain.ReadJsonAsync()).Str("key"))).TryGetProperty("alert", out var none).ShouldBeTrue();
        none.ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
