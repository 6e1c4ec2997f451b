namespace Platform.Notifications.Tests;

/// <summary>Idempotency-Key on notifications' POSTs: a retried create lands once.</summary>
public class IdempotencyTests(NotificationsFixture f) : IClassFixture<NotificationsFixture>
{
    [Fact]
    public async Task A_subscription_create_retried_with_the_same_key_makes_one_subscription()
    {
        // A client-credentials caller: the key is scoped by its client id.
        var tool = f.Tool("tool-idem-" + Guid.NewGuid().ToString("N")[..6]);
        var url = $"https://idem.example.test/{Guid.NewGuid():N}";
        var body = new { url, eventTypes = new[] { "projects.*" } };
        var key = Guid.NewGuid().ToString();

        var first = await tool.PostJsonAsync("/api/subscriptions", body, key);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var retry = await tool.PostJsonAsync("/api/subscriptions", body, key);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        // The replay holds the first answer exactly, the one-time signing secret included.
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await f.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.Url == url))).ShouldBe(1);
    }
}
