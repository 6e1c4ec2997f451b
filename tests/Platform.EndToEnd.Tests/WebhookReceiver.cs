using System.Security.Cryptography;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The tool's webhook endpoint: <see cref="Platform.Testing.WebhookReceiver"/> on one endpoint, checking X-Signature
/// as a third-party tool would, from the documented format (<see cref="Signatures"/>: HMAC-SHA256 of
/// "{timestamp}.{body}", the timestamp at most 5 minutes away), not with the platform's own code.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private const string Endpoint = "tool";
    private readonly Platform.Testing.WebhookReceiver _receiver;
    private string _secret = "";

    private WebhookReceiver(Platform.Testing.WebhookReceiver receiver) => _receiver = receiver;

    public string Url => _receiver.Url(Endpoint);

    public string Secret
    {
        get => _secret;
        set
        {
            _secret = value;
            _receiver.Expect(Endpoint, value);
        }
    }

    /// <summary>The CloudEvents accepted, in arrival order.</summary>
    public IReadOnlyCollection<JsonElement> Accepted => _receiver.For(Endpoint).Select(a => a.CloudEvent).ToList();

    public int BadSignatures => _receiver.RejectedSignatures;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = await Platform.Testing.WebhookReceiver.StartAsync();
        receiver.CheckSignature = (secret, signature, timestamp, body) =>
            long.TryParse(timestamp, out var ts) && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) <= 300
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signatures.Sign(secret, timestamp!, body)), Encoding.ASCII.GetBytes(signature ?? ""));
        return new WebhookReceiver(receiver);
    }

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}
