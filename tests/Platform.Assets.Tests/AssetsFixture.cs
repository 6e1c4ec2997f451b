using Microsoft.EntityFrameworkCore;
using System.Reflection;
using Platform.Assets.Data;
using Platform.Contracts;
using Platform.Messaging.Outbox;

namespace Platform.Assets.Tests;

/// <summary>The assets service on its own database and vhost, signed in as dave (PSO staff) by default.</summary>
public sealed class AssetsFixture() : ServiceFixture<Program, AssetsDbContext>("Assets", ("dave", "pso-staff"),
    typeof(AssetRegistered), typeof(AssetStatusChanged), typeof(AssetAssigned), typeof(AssetReturned), typeof(WarrantyExpiring),
    typeof(LicenceOverused), typeof(LicenceExpiring), typeof(LicenceSeatAssigned),
    typeof(KittingRequested), typeof(KittingCompleted), typeof(ReturnRequested), typeof(ReturnCompleted),
    typeof(ProcurementApproved), typeof(ProcurementReceived), typeof(ProcurementRejected), typeof(ProcurementQuoteReceived))
{
    // Tests drive the expiry checker by hand; whoever calls is known from their token, anyone else is joined first.
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Assets:ExpiryCheckerEnabled", "false"), new("People:LearnFromTokens", "true")];

    /// <summary>Makes these people known to assets' directory copy (as identity's PersonJoined would), no department.</summary>
    public Task KnownAsync(params string[] userIds) => Task.WhenAll(userIds.Select(id => JoinAsync(id, ["requester"])));

    /// <summary>Waits until the service has consumed this message (its inbox row), so that what it did (or did not do) can be checked.</summary>
    public async Task ProcessedAsync(Guid messageId)
    {
        var rows = await Eventually.GetAsync(
            () => WithDbAsync(db => db.Set<Platform.Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageId == messageId)),
            n => n > 0, TimeSpan.FromSeconds(30));
        rows.ShouldBeGreaterThan(0, $"message {messageId} was not consumed within 30 s");
    }

    /// <summary>GETs JSON (as dave, or as <paramref name="client"/>'s user), which must answer 200.</summary>
    public async Task<JsonElement> GetAsync(string url, HttpClient? client = null) =>
        await (await (client ?? Http).GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);

    /// <summary>POSTs JSON (as dave, or as <paramref name="client"/>'s user) and reads the answer, which must have the status expected.</summary>
    public async Task<JsonElement> PostAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.Created, HttpClient? client = null)
    {
        return await (await (client ?? Http).PostJsonAsync(url, body)).ReadJsonAsync(expected);
    }
}

public static class Raised
{
    private static readonly MethodInfo Dequeue = typeof(AggregateRoot).GetMethod("DequeueEvents", BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>The events an aggregate raised since the last call (what SaveChanges would put in the outbox).</summary>
    public static IReadOnlyList<IIntegrationEvent> Events(this AggregateRoot aggregate) =>
        (IReadOnlyList<IIntegrationEvent>)Dequeue.Invoke(aggregate, null)!;
}
