namespace Platform.EndToEnd.Tests;

/// <summary>
/// Vendor control through the gateway only: PSO registers a vendor and asks it for a quote in assets; the quote reaches
/// the vendor's scorecard in projects by event; a contract for a project owes a deliverable reviewed by the project's
/// usual workflow, and the scorecard counts it on time.
/// </summary>
public class VendorFlowTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    [Fact]
    public async Task A_quote_in_procurement_and_a_contracts_deliverable_reach_the_vendors_scorecard()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var carol = await Fx.ClientForAsync("carol");
        var dave = await Fx.ClientForAsync("dave");
        var name = "Otsuka Shokai " + suffix;
        var vendor = (await ReadAsync(dave.PostJsonAsync("/api/vendors", new { name, contactEmail = "sales@otsuka.example" }), HttpStatusCode.Created)).Str("key");

        var rfq = (await ReadAsync(dave.PostJsonAsync("/api/procurement", new
        {
            title = "Docking stations", vendors = new[] { name }, items = new[] { new { kind = "Other", model = "Dock USB-C", quantity = 5 } },
        }), HttpStatusCode.Created)).Str("key");
        await ReadAsync(dave.PostJsonAsync($"/api/procurement/{rfq}/quotes", new { vendor = name.ToUpperInvariant(), item = "1", unitPrice = 18_000m }), HttpStatusCode.Created);
        var card = await Eventually.GetAsync(async () => await ReadAsync(carol.GetAsync($"/api/vendors/{vendor}"), HttpStatusCode.OK),
            v => v.GetProperty("scorecard").GetProperty("quotes").GetInt32() == 1, TimeSpan.FromSeconds(30));
        card.GetProperty("quotes").EnumerateArray().ShouldHaveSingleItem().Str("requestKey").ShouldBe(rfq);

        var project = (await ReadAsync(carol.PostJsonAsync("/api/projects", new { name = "Desk refresh " + suffix, manager = "carol" }), HttpStatusCode.Created)).Str("key");
        var contract = await ReadAsync(carol.PostJsonAsync($"/api/projects/{project}/contracts", new
        {
            vendor, title = "Docking stations, delivery and set-up", value = 90_000, startDate = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            endDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"),
            deliverables = new[] { new { name = "Set-up report", acceptanceCriteria = new[] { "Every desk tested" }, dueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20).ToString("yyyy-MM-dd") } },
        }), HttpStatusCode.Created);
        var deliverable = contract.GetProperty("deliverables").EnumerateArray().ShouldHaveSingleItem().Str("key");
        await ReadAsync(carol.PostJsonAsync($"/api/projects/{project}/deliverables/{deliverable}/transitions", new { action = "Submit" }), HttpStatusCode.OK);
        await ReadAsync(carol.PostJsonAsync($"/api/projects/{project}/deliverables/{deliverable}/transitions", new { action = "Accept" }), HttpStatusCode.OK);

        var scorecard = (await ReadAsync(carol.GetAsync($"/api/vendors/{vendor}"), HttpStatusCode.OK)).GetProperty("scorecard");
        scorecard.GetProperty("contracts").GetInt32().ShouldBe(1);
        scorecard.GetProperty("acceptedOnTime").GetInt32().ShouldBe(1);
        scorecard.GetProperty("onTimePercent").GetInt32().ShouldBe(100);
    }
}
