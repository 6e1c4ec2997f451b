using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Projects;
using Platform.Notifications.Data;

namespace Platform.Notifications.Tests;

/// <summary>
/// The notifications service in-process on its own database and vhost, with a real SMTP sink and a real webhook
/// receiver. Retries are fast here (base 50 ms) so the suite stays quick.
/// </summary>
public class NotificationsFixture() : ServiceFixture<Program, NotificationsDbContext>("Notifications", ("admin", "admin"),
    typeof(Platform.Contracts.Notifications.InboxItemAdded)), IAsyncLifetime
{
    public SmtpSink Smtp { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;

    protected virtual int DisableAfterFailures => 10;

    /// <summary>The receiver listens on loopback, which production settings refuse (see <c>PrivateNetworks</c>).</summary>
    protected virtual bool AllowPrivateNetworks => true;

    public new async ValueTask InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public new async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Email:Enabled"] = "true",
        ["Email:Host"] = Smtp.Host,
        ["Email:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Security"] = "None",
        ["Email:From"] = "Platform <notifications@platform.test>",
        ["Delivery:PollInterval"] = "00:00:00.100",
        ["Delivery:BaseDelay"] = "00:00:00.050",
        ["Delivery:MaxDelay"] = "00:00:00.500",
        ["Delivery:MaxAttempts"] = "10",
        ["Delivery:Lease"] = "00:00:03",
        ["Delivery:RequestTimeout"] = "00:00:03",
        ["Delivery:BreakDuration"] = "00:00:00.500",
        ["Delivery:BreakerSamplingDuration"] = "00:00:05",
        ["Delivery:DisableAfterFailures"] = DisableAfterFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Delivery:AllowPrivateNetworks"] = AllowPrivateNetworks ? "true" : "false",
        // Whoever calls is known from their token; people named without calling join by JoinAsync (identity's event).
        ["People:LearnFromTokens"] = "true",
    };

    /// <summary>The settings this instance runs with, to start another instance on the same database and vhost.</summary>
    public Dictionary<string, string?> Settings()
    {
        var configuration = Service.Services.GetRequiredService<IConfiguration>();
        var settings = new Dictionary<string, string?>();
        foreach (var section in new[] { "ConnectionStrings", "RabbitMq", "Auth", "Email", "Delivery" })
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
                if (value is not null) settings[key] = value;
        return settings;
    }

    public HttpClient Tool(string clientId) => WithToken(Tokens.Token(clientId, ["integration"]));

    /// <summary>Signs a person in once, so the directory knows their roles (People:LearnFromTokens, as their first call would).</summary>
    public async Task<HttpClient> PersonAsync(string user, params string[] roles)
    {
        var client = As(user, roles);
        (await client.GetAsync("/api/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return client;
    }

    /// <summary>Subscribes <paramref name="endpoint"/> of the receiver; the receiver learns the secret.</summary>
    public async Task<Guid> SubscribeAsync(HttpClient client, string endpoint, string[] eventTypes, object? filters = null)
    {
        var secret = "secret-" + Guid.NewGuid().ToString("N");
        var response = await client.PostJsonAsync("/api/subscriptions", new { url = Receiver.Url(endpoint), secret, eventTypes, filters });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Receiver.Expect(endpoint, secret);
        return Guid.Parse((await response.ReadJsonAsync()).Str("id"));
    }

    public async Task<Guid> PublishAsync<T>(T message, Guid? id = null) where T : class
    {
        var messageId = id ?? Guid.NewGuid();
        await Bus.PublishAsync(message, messageId);
        return messageId;
    }

    public static ProjectEscalationRaised Escalation(string projectKey, string severity = "High", string manager = "mgr", string? sponsor = null,
        Guid? projectId = null) =>
        new(Guid.NewGuid(), $"ESC-{Random.Shared.Next(1, 1_000_000)}", projectId ?? Guid.NewGuid(), projectKey, severity, "Vendor late", "Manual", "Issue",
            Guid.NewGuid().ToString(), "ISS-1", "carol", ["pmo-analyst"], sponsor is null ? [manager] : [manager, sponsor], DateTimeOffset.UtcNow);

    public static TicketCreated Ticket(Guid id, string key, string requester, string priority = "P3") =>
        new(id, key, "Printer jams", requester, "hardware", priority, DateTimeOffset.UtcNow);

    public async Task<JsonElement> InboxAsync(HttpClient client, string query = "") =>
        await (await client.GetAsync("/api/inbox" + query)).ReadJsonAsync();

    public async Task<int> CountAsync(Func<NotificationsDbContext, Task<int>> query) => await WithDbAsync(query);
}

[CollectionDefinition(nameof(NotificationsCollection))]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsFixture>;
