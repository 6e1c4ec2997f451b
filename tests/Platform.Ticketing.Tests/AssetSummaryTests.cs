using System.Net;
using System.Text.Json;
using Platform.Contracts.Assets;
using Platform.Testing;

namespace Platform.Ticketing.Tests;

/// <summary>The ticket API shows the named asset's summary, kept from the assets service's events.</summary>
public class AssetSummaryTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private async Task<JsonElement> CreateAsync(HttpClient client, string tag)
    {
        var response = await client.PostJsonAsync("/api/tickets", new
        {
            title = "Laptop will not boot", description = "Black screen after the update.", requester = "erin",
            category = "hardware", impact = "Medium", urgency = "High", assetTag = tag,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement> AssetOfAsync(HttpClient client, string key) =>
        (await (await client.GetAsync($"/api/tickets/{key}")).ReadJsonAsync()).GetProperty("asset");

    [Fact]
    public async Task A_ticket_shows_its_assets_summary_whatever_order_the_asset_events_arrive_in()
    {
        var tag = $"AST-{Random.Shared.Next(100_000, 999_999)}";
        var ticket = await CreateAsync(fx.Http, tag.ToLowerInvariant());
        var key = ticket.Str("key");

        // Before the assets service has announced the tag, the ticket says so rather than inventing an asset.
        var unknown = ticket.GetProperty("asset");
        unknown.Str("tag").ShouldBe(tag);
        unknown.GetProperty("known").GetBoolean().ShouldBeFalse();
        unknown.Str("href").ShouldBe($"/api/assets/{tag}");

        // The events come on four queues: here the newest ones are published first, and one twice.
        var id = Guid.NewGuid();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        var assigned = Guid.NewGuid();
        await fx.Bus.PublishAsync(new AssetAssigned(id, tag, "erin", Guid.NewGuid(), "PRJ-7", "dave", t0.AddMinutes(2)), assigned);
        await fx.Bus.PublishAsync(new AssetStatusChanged(id, tag, "InStock", "Assigned", "dave", t0.AddMinutes(2)), Guid.NewGuid());
        await fx.Bus.PublishAsync(new AssetRegistered(id, tag, "Laptop", "Latitude 7450", "SN-1", "InStock", t0), Guid.NewGuid());
        await fx.Bus.PublishAsync(new AssetAssigned(id, tag, "erin", Guid.NewGuid(), "PRJ-7", "dave", t0.AddMinutes(2)), assigned);

        var asset = await Eventually.GetAsync(() => AssetOfAsync(fx.Http, key),
            a => a.GetProperty("known").GetBoolean() && a.StrOrNull("model") is not null && a.StrOrNull("status") == "Assigned" && a.StrOrNull("assignedTo") == "erin");
        asset.Str("kind").ShouldBe("Laptop");
        asset.Str("model").ShouldBe("Latitude 7450");
        asset.Str("projectKey").ShouldBe("PRJ-7");
        asset.GetProperty("otherOpenTickets").GetInt32().ShouldBe(0);

        // Handed back and put in repair; a late copy of the registration does not wind the status back.
        await fx.Bus.PublishAsync(new AssetReturned(id, tag, "erin", "PRJ-7", "dave", t0.AddMinutes(3)), Guid.NewGuid());
        await fx.Bus.PublishAsync(new AssetStatusChanged(id, tag, "Assigned", "InRepair", "dave", t0.AddMinutes(4)), Guid.NewGuid());
        await fx.Bus.PublishAsync(new AssetRegistered(id, tag, "Laptop", "Latitude 7450", "SN-1", "InStock", t0), Guid.NewGuid());
        asset = await Eventually.GetAsync(() => AssetOfAsync(fx.Http, key),
            a => a.StrOrNull("status") == "InRepair" && a.StrOrNull("assignedTo") is null);
        asset.StrOrNull("projectKey").ShouldBeNull();
        await Task.Delay(500);
        (await AssetOfAsync(fx.Http, key)).Str("status").ShouldBe("InRepair");

        // A second open ticket on the same asset is counted on the first; the requester sees what the asset is,
        // not who else holds it or what else is open on it.
        var requester = fx.As("erin", "requester");
        var second = await CreateAsync(requester, tag);
        (await AssetOfAsync(fx.Http, key)).GetProperty("otherOpenTickets").GetInt32().ShouldBe(1);
        var theirs = await AssetOfAsync(requester, second.Str("key"));
        theirs.Str("model").ShouldBe("Latitude 7450");
        theirs.Str("status").ShouldBe("InRepair");
        theirs.StrOrNull("assignedTo").ShouldBeNull();
        (theirs.TryGetProperty("otherOpenTickets", out var n) && n.ValueKind == JsonValueKind.Number).ShouldBeFalse();
    }

    [Fact]
    public async Task Oversized_asset_events_are_clipped_or_skipped_rather_than_poisoning_the_queue()
    {
        var tag = $"AST-{Random.Shared.Next(100_000, 999_999)}";
        var ticket = await CreateAsync(fx.Http, tag);
        await fx.Bus.PublishAsync(new AssetRegistered(Guid.NewGuid(), "AST-" + new string('9', 60), "Laptop", "X", null, "InStock", DateTimeOffset.UtcNow),
            Guid.NewGuid());
        await fx.Bus.PublishAsync(new AssetRegistered(Guid.NewGuid(), tag, "Laptop", new string('m', 300), null, "InStock", DateTimeOffset.UtcNow),
            Guid.NewGuid());
        var asset = await Eventually.GetAsync(() => AssetOfAsync(fx.Http, ticket.Str("key")), a => a.GetProperty("known").GetBoolean());
        asset.Str("model").ShouldBe(new string('m', 200));
    }

    [Fact]
    public async Task A_ticket_without_an_asset_has_no_asset_summary()
    {
        var response = await fx.Http.PostJsonAsync("/api/tickets", new
        {
            title = "VPN drops", description = "Every hour.", requester = "erin", category = "network", impact = "Low", urgency = "Low",
        });
        var ticket = await response.ReadJsonAsync();
        (ticket.TryGetProperty("asset", out var a) && a.ValueKind != JsonValueKind.Null).ShouldBeFalse();
    }
}
