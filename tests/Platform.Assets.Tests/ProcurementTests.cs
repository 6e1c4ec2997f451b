namespace Platform.Assets.Tests;

public class ProcurementTests(AssetsFixture fx) : IClassFixture<AssetsFixture>
{
    private static async Task<JsonElement> PostAsync(HttpClient http, string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        return await (await http.PostJsonAsync(url, body)).ReadJsonAsync(expected);
    }

    [Fact]
    public async Task A_procurement_for_a_project_tells_its_project_currency_and_what_each_receipt_cost()
    {
        var dave = fx.Http;
        var fran = fx.As("fran", "pso-staff");
        (await dave.PostJsonAsync("/api/procurement", new { title = "x", items = new[] { new { kind = "Laptop", model = "T14", quantity = 1 } }, project = "Data lake" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await dave.PostJsonAsync("/api/procurement", new { title = "x", items = new[] { new { kind = "Laptop", model = "T14", quantity = 1 } }, currency = "euro" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rfq = await PostAsync(dave, "/api/procurement", new
        {
            title = "Switches for the core", vendors = new[] { "Bechtle" }, items = new[] { new { kind = "NetworkGear", model = "C9300", quantity = 3 } },
            project = "prj-42", currency = "eur",
        }, HttpStatusCode.Created);
        var key = rfq.Str("key");
        rfq.Str("projectKey").ShouldBe("PRJ-42");
        rfq.Str("currency").ShouldBe("EUR");
        await PostAsync(dave, $"/api/procurement/{key}/quotes", new { vendor = "Bechtle", item = "1", unitPrice = 4_000m }, HttpStatusCode.Created);
        await PostAsync(fran, $"/api/procurement/{key}/approve", new { vendor = "Bechtle" });
        var approved = await fx.Bus.WaitForAsync<ProcurementApproved>(e => e.RequestKey == key);
        (approved.ProjectKey, approved.Currency, approved.Total).ShouldBe(("PRJ-42", "EUR", 12_000m));
        await PostAsync(dave, $"/api/procurement/{key}/order", new { orderReference = "PO-9" });
        await PostAsync(dave, $"/api/procurement/{key}/receive", new { item = "1", quantity = 2 });
        var received = await fx.Bus.WaitForAsync<ProcurementReceived>(e => e.RequestKey == key);
        (received.ProjectKey, received.Currency, received.Amount, received.FullyReceived).ShouldBe(("PRJ-42", "EUR", 8_000m, false));

        var other = await PostAsync(dave, "/api/procurement", new
        {
            title = "Spare optics", vendors = new[] { "Bechtle" }, items = new[] { new { kind = "Peripheral", model = "SFP+", quantity = 1 } }, project = "PRJ-42",
        }, HttpStatusCode.Created);
        other.Str("currency").ShouldBe("JPY");
        await PostAsync(fran, $"/api/procurement/{other.Str("key")}/reject", new { note = "Not needed" });
        var rejected = await fx.Bus.WaitForAsync<ProcurementRejected>(e => e.RequestKey == other.Str("key"));
        rejected.ProjectKey.ShouldBe("PRJ-42");
    }

    [Fact]
    public async Task Quotes_approval_order_and_receipt_turn_a_request_into_assets_in_stock()
    {
        var dave = fx.Http;
        var fran = fx.As("fran", "pso-staff");
        var rfq = await PostAsync(dave, "/api/procurement", new
        {
            title = "Laptops for the data team", vendors = new[] { "Bechtle", "Cancom" },
            items = new object[] { new { kind = "Laptop", model = "ThinkPad T14", quantity = 3 }, new { kind = "Monitor", model = "P27", quantity = 1 } },
        }, HttpStatusCode.Created);
        var key = rfq.Str("key");
        rfq.Str("status").ShouldBe("Quoting");

        await PostAsync(dave, $"/api/procurement/{key}/quotes", new { vendor = "Bechtle", item = "1", unitPrice = 1100m }, HttpStatusCode.Created);
        await PostAsync(dave, $"/api/procurement/{key}/quotes", new { vendor = "Cancom", item = "1", unitPrice = 1050m }, HttpStatusCode.Created);
        var quoted = await PostAsync(dave, $"/api/procurement/{key}/quotes", new { vendor = "Bechtle", item = "2", unitPrice = 250m }, HttpStatusCode.Created);
        var totals = quoted.GetProperty("totals").EnumerateArray().ToList();
        totals[0].Str("vendor").ShouldBe("Bechtle");
        totals[0].GetProperty("total").GetDecimal().ShouldBe(3550m);
        totals[1].GetProperty("complete").GetBoolean().ShouldBeFalse();
        (await dave.PostJsonAsync($"/api/procurement/{key}/quotes", new { vendor = "Bechtle", item = "7", unitPrice = 1m })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await dave.PostJsonAsync($"/api/procurement/{key}/order", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var self = await dave.PostJsonAsync($"/api/procurement/{key}/approve", new { vendor = "Bechtle" });
        self.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await self.ReadJsonAsync()).Str("code").ShouldBe("self-approval");
        var incomplete = await fran.PostJsonAsync($"/api/procurement/{key}/approve", new { vendor = "Cancom" });
        (await incomplete.ReadJsonAsync()).Str("code").ShouldBe("quote-missing");
        var approved = await PostAsync(fran, $"/api/procurement/{key}/approve", new { vendor = "bechtle" });
        approved.Str("approvedVendor").ShouldBe("Bechtle");
        (await fx.Bus.WaitForAsync<ProcurementApproved>(e => e.RequestKey == key)).Total.ShouldBe(3550m);
        // Each vendor's first quote was announced once (for the vendor scorecard), with when it was asked and answered.
        var answered = fx.Bus.Messages<ProcurementQuoteReceived>().Where(e => e.RequestKey == key).ToList();
        answered.Select(e => e.Vendor).Order().ShouldBe(["Bechtle", "Cancom"]);
        answered.ShouldAllBe(e => e.QuotedAt >= e.RequestedAt && e.ProjectKey == null);
        await PostAsync(dave, $"/api/procurement/{key}/order", new { orderReference = "PO-77" });

        var serials = Enumerable.Range(0, 2).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        var partial = await PostAsync(dave, $"/api/procurement/{key}/receive", new { item = "1", serials, location = "Store A", warrantyEnd = "2029-12-31" });
        partial.Str("status").ShouldBe("PartiallyReceived");
        var over = await dave.PostJsonAsync($"/api/procurement/{key}/receive", new { item = "1", quantity = 2 });
        over.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await over.ReadJsonAsync()).Str("code").ShouldBe("over-receipt");
        (await dave.PostJsonAsync($"/api/procurement/{key}/receive", new { item = "2", serials = new[] { serials[0] } })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await PostAsync(dave, $"/api/procurement/{key}/receive", new { item = "1", quantity = 1 });
        var done = await PostAsync(dave, $"/api/procurement/{key}/receive", new { item = "2", quantity = 1 });
        done.Str("status").ShouldBe("Received");

        var first = await fx.Bus.WaitForAsync<ProcurementReceived>(e => e.RequestKey == key && e.AssetTags.Count == 2);
        first.FullyReceived.ShouldBeFalse();
        var asset = await (await dave.GetAsync($"/api/assets/{first.AssetTags[0]}")).ReadJsonAsync();
        asset.Str("status").ShouldBe("InStock");
        asset.Str("vendor").ShouldBe("Bechtle");
        asset.GetProperty("cost").GetDecimal().ShouldBe(1100m);
        asset.Str("serial").ShouldBe(serials[0]);
        asset.Str("location").ShouldBe("Store A");
        await fx.Bus.WaitForAsync<ProcurementReceived>(e => e.RequestKey == key && e.FullyReceived);
    }
}
