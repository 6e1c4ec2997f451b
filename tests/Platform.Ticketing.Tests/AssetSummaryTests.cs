using Platform.Contracts.Assets;

namespace Platform.Ticketing.Tests;

/// <summary>The ticket API shows the named asset's summary, kept from the assets service's events.</summary>
public class AssetSummaryTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private async Task<TicketResponse> CreateAsync(HttpClient client, string tag) =>
        await client.RaiseTicketAsync("Laptop will not boot", "Black screen after the update.", "hardware", "Medium", "High", requester: await fx.JoinOnceAsync("erin", Roles.Requester), assetTag: tag);

    private static async Task<AssetSummary> AssetOfAsync(HttpClient client, string key) =>
        (await client.GetTicketAsync(key)).Asset.ShouldNotBeNull();

    [Fact]
    public async Task A_ticket_shows_its_assets_summary_whatever_order_the_asset_events_arrive_in()
    {
        var tag = $"AST-{Random.Shared.Next(100_000, 999_999)}";
        var ticket = await CreateAsync(fx.Http, tag.ToLowerInvariant());
        var key = ticket.Key;

        // Before the assets service has announced the tag, the ticket says so rather than inventing an asset.
        var unknown = ticket.Asset.ShouldNotBeNull();
        unknown.Tag.ShouldBe(tag);
        unknown.Known.ShouldBeFalse();
        unknown.Href.ShouldBe($"/api/assets/{tag}");

        // The events come on four queues: here the newest ones are published first, and one twice.
        var id = Guid.NewGuid();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        var assigned = Guid.NewGuid();
        await fx.Bus.PublishAsync(new AssetAssigned(id, tag, "erin", Guid.NewGuid(), "PRJ-7", "dave", t0.AddMinutes(2)), assigned);
        await fx.Bus.PublishAsync(new AssetStatusChanged(id, tag, "InStock", "Assigned", "dave", t0.AddMinutes(2)), Guid.NewGuid());
        await fx.Bus.PublishAsync(new AssetRegistered(id, tag, "Laptop", "Latitude 7450", "SN-1", "InStock", t0), Guid.NewGuid());
        await fx.Bus.PublishAsync(new AssetAssigned(id, tag, "erin", Guid.NewGuid(), "PRJ-7", "dave", t0.AddMinutes(2)), assigned);

        var asset = await Eventually.GetAsync(() => AssetOfAsync(fx.Http, key),
            a => a.Known && a.Model is not null && a.Status == "Assigned" && a.AssignedTo == "erin");
        asset.Kind.ShouldBe("Laptop");
        asset.Model.ShouldBe("Latitude 7450");
        asset.ProjectKey.ShouldBe("PRJ-7");
        asset.OtherOpenTickets.ShouldBe(0);

        // Handed back and put in repair; a late copy of the registration does not wind the status back.
        await fx.Bus.PublishAsync(new AssetReturned(id, tag, "erin", "PRJ-7", "dave", t0.AddMinutes(3)), Guid.NewGuid());
        await fx.Bus.PublishAsync(new AssetStatusChanged(id, tag, "Assigned", "InRepair", "dave", t0.AddMinutes(4)), Guid.NewGuid());
        await fx.Bus.PublishAsync(new AssetRegistered(id, tag, "Laptop", "Latitude 7450", "SN-1", "InStock", t0), Guid.NewGuid());
        asset = await Eventually.GetAsync(() => AssetOfAsync(fx.Http, key),
            a => a.Status == "InRepair" && a.AssignedTo is null);
        asset.ProjectKey.ShouldBeNull();
        await Task.Delay(500);
        (await AssetOfAsync(fx.Http, key)).Status.ShouldBe("InRepair");

        // A second open ticket on the same asset is counted on the first; the requester sees what the asset is,
        // not who else holds it or what else is open on it.
        var requester = fx.As("erin", "requester");
        var second = await CreateAsync(requester, tag);
        (await AssetOfAsync(fx.Http, key)).OtherOpenTickets.ShouldBe(1);
        var theirs = await AssetOfAsync(requester, second.Key);
        theirs.Model.ShouldBe("Latitude 7450");
        theirs.Status.ShouldBe("InRepair");
        theirs.AssignedTo.ShouldBeNull();
        theirs.OtherOpenTickets.ShouldBeNull();
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
        var asset = await Eventually.GetAsync(() => AssetOfAsync(fx.Http, ticket.Key), a => a.Known);
        asset.Model.ShouldBe(new string('m', 200));
    }

    [Fact]
    public async Task A_ticket_without_an_asset_has_no_asset_summary()
    {
        var ticket = await fx.Http.RaiseTicketAsync("VPN drops", "Every hour.", "network", "Low", "Low", requester: await fx.JoinOnceAsync("erin", Roles.Requester));
        ticket.Asset.ShouldBeNull();
    }
}
