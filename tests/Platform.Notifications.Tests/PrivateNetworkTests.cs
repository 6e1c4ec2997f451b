namespace Platform.Notifications.Tests;

/// <summary>Notifications with production's setting: webhooks go to public addresses only.</summary>
public sealed class PublicOnlyFixture : NotificationsFixture
{
    protected override bool AllowPrivateNetworks => false;
}

public sealed class PrivateNetworkTests(PublicOnlyFixture f) : IClassFixture<PublicOnlyFixture>
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.10", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("100.128.0.1", false)]
    [InlineData("2606:4700::1111", false)]
    public void Addresses_are_classified(string address, bool inward) =>
        PrivateNetworks.IsPrivate(IPAddress.Parse(address)).ShouldBe(inward);

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://LOCALHOST./hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://[::1]:9000/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://2130706433/")] // 127.0.0.1 written as one number
    public async Task Subscribing_an_inward_url_is_refused(string url)
    {
        var response = await f.Tool("ssrf-tool").PostJsonAsync("/api/subscriptions", new { url, eventTypes = new[] { "TicketCreated" } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await response.ReadJsonAsync();
        problem.GetProperty("errors").GetProperty("url")[0].GetString()!.ShouldContain("private");
    }

    [Fact]
    public async Task A_public_url_is_accepted_and_a_name_that_resolves_inwards_is_refused_at_delivery()
    {
        var tool = f.Tool("ssrf-tool");
        (await tool.PostJsonAsync("/api/subscriptions", new { url = "https://hooks.example.com/platform", eventTypes = new[] { "TicketCreated" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        // A subscription whose name pointed outside when it was made and now resolves to loopback, where the test's
        // receiver listens (written straight to the database: the API would refuse the name).
        var endpoint = "rebound-" + Guid.NewGuid().ToString("N")[..8];
        var url = f.Receiver.Url(endpoint).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var key = "HD-" + Random.Shared.Next(1, 99_999);
        var id = Guid.CreateVersion7();
        await f.WithDbAsync(async db =>
        {
            db.Subscriptions.Add(new Subscription
            {
                Id = id, Owner = "ssrf-tool", Url = url, Secret = Subscription.NewSecret(), EventTypes = ["TicketCreated"],
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var eventId = await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), key, "someone"));

        var delivery = await Eventually.GetAsync(
            () => f.WithDbAsync(db => db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.EventId == eventId && d.SubscriptionId == id)),
            d => d is { Attempts: >= 2 });
        delivery!.Status.ShouldNotBe(DeliveryStatus.Delivered);
        delivery.LastError!.ShouldContain("Refused");
        f.Receiver.For(endpoint).ShouldBeEmpty();
    }
}
