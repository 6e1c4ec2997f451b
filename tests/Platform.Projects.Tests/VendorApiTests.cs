using Platform.Contracts.Assets;

namespace Platform.Projects.Tests;

public sealed record CurrencyAmountView(string Currency, decimal Amount);

public sealed record ScorecardView(
    int Contracts, IReadOnlyList<CurrencyAmountView> ContractValue, int DeliverablesOwed, int Accepted, int AcceptedOnTime, int Late, int Pending,
    int? OnTimePercent, int RejectedDeliverables, int Rejections, int Quotes, decimal? MedianQuoteHours, int QuotesWon);

public sealed record ContractDeliverableItemView(string Key, string Name, DateOnly? DueDate, string Status, DateTimeOffset? AcceptedAt, bool OnTime, int Rejections);

public sealed record ContractItemView(string Key, string VendorKey, string VendorName, string ProjectKey, string Title, decimal Value, string Currency,
    DateOnly StartDate, DateOnly EndDate, string SlaTerms, IReadOnlyList<ContractDeliverableItemView> Deliverables);

public sealed record VendorDetailView(string Key, string Name, string? ContactEmail, bool Active, ScorecardView Scorecard, IReadOnlyList<ContractItemView> Contracts);

public sealed record VendorListView(string Key, string Name, bool Active, ScorecardView Scorecard);

/// <summary>
/// Vendor control through the API against real PostgreSQL and RabbitMQ: the register, contracts that owe deliverables
/// (reviewed by the deliverables' workflow), quotes from procurement by event, the scorecard; and bad input.
/// </summary>
public class VendorApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string D(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_vendors_scorecard_counts_deliverables_on_time_and_late_rejections_and_quote_response_times()
    {
        var name = $"Bechtle {Guid.NewGuid().ToString("N")[..6]}";
        using var pso = fx.As($"pso-{Guid.NewGuid():N}", Roles.PsoStaff);
        var vendor = await (await pso.PostJsonAsync("/api/vendors", new { name, contactEmail = "sales@bechtle.example" })).ReadAsync<VendorDetailView>(HttpStatusCode.Created);
        vendor.Key.ShouldStartWith("VND-");
        await (await pso.PostJsonAsync("/api/vendors", new { name = "  " + name.ToLowerInvariant().Replace(" ", "   ") })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "vendor-exists");

        var manager = $"pm-{Guid.NewGuid():N}";
        await fx.PeopleAsync(manager);
        var project = await fx.Http.CreateProjectAsync(new { name = "Building B cabling", manager, currency = "EUR" });
        using var pm = fx.As(manager, Roles.PsoStaff);
        var contract = await (await pm.PostJsonAsync($"/api/projects/{project.Key}/contracts", new
        {
            vendor = vendor.Key, title = "Cabling, building B", value = 12_000.5m, currency = "eur", startDate = D(-30), endDate = D(30),
            slaTerms = "On-site within 4 business hours",
            deliverables = new object[]
            {
                new { name = "Cabling plan", acceptanceCriteria = new[] { "Every port labelled" }, dueDate = D(5) },
                new { name = "Test report", acceptanceCriteria = new[] { "Cat6A certified" }, dueDate = D(10) },
                new { name = "As-built drawings", acceptanceCriteria = new[] { "Signed by facilities" }, dueDate = D(-2) },
            },
        })).ReadAsync<ContractItemView>(HttpStatusCode.Created);
        contract.ShouldBe(contract with { VendorKey = vendor.Key, ProjectKey = project.Key, Value = 12_000.5m, Currency = "EUR" });
        contract.Deliverables.Count.ShouldBe(3);

        // The contract's deliverables are the project's, reviewed by the same workflow: the plan accepted (on time),
        // the report rejected once and then accepted (on time), the drawings overdue.
        var plan = contract.Deliverables.Single(d => d.Name == "Cabling plan").Key;
        var report = contract.Deliverables.Single(d => d.Name == "Test report").Key;
        (await fx.Http.GetAsync<List<DeliverableItemView>>($"/api/projects/{project.Key}/deliverables")).Select(d => d.Key).ShouldContain(plan);
        async Task Act(string key, string action, string? reason = null) =>
            await (await pm.PostJsonAsync($"/api/projects/{project.Key}/deliverables/{key}/transitions", new { action, reason })).ReadAsync<JsonElement>();
        await Act(plan, "Submit");
        await Act(plan, "Accept");
        await Act(report, "Submit");
        await Act(report, "Reject", "Two ports fail");
        await Act(report, "Submit");
        await Act(report, "Accept");

        // Quotes from procurement (assets, by event): answered in 24 h and 48 h; one request won for a project.
        var asked = DateTimeOffset.UtcNow.AddDays(-5);
        var won = Guid.NewGuid();
        await fx.Bus.PublishAsync(new ProcurementQuoteReceived(won, "RFQ-801", name.ToUpperInvariant(), asked, asked.AddHours(24), project.Key, asked.AddHours(24)), Guid.NewGuid());
        var lost = new ProcurementQuoteReceived(Guid.NewGuid(), "RFQ-802", name, asked, asked.AddHours(48), null, asked.AddHours(48));
        await fx.Bus.PublishAsync(lost, Guid.NewGuid());
        await fx.Bus.PublishAsync(lost, Guid.NewGuid()); // the same fact again under another message id: counted once
        await fx.Bus.PublishAsync(new ProcurementApproved(won, "RFQ-801", "Switches", name, 3_000m, "admin", DateTimeOffset.UtcNow, project.Key, "EUR"), Guid.NewGuid());

        var card = (await Eventually.GetAsync(() => fx.Http.GetAsync<VendorDetailView>($"/api/vendors/{vendor.Key}"),
            v => v.Scorecard.Quotes == 2 && v.Scorecard.QuotesWon == 1)).Scorecard;
        card.ContractValue.ShouldBe([new CurrencyAmountView("EUR", 12_000.5m)]);
        IReadOnlyList<CurrencyAmountView> same = card.ContractValue; // records compare lists by reference
        card.ShouldBe(new ScorecardView(1, same, DeliverablesOwed: 3, Accepted: 2, AcceptedOnTime: 2, Late: 1,
            Pending: 1, OnTimePercent: 67, RejectedDeliverables: 1, Rejections: 1, Quotes: 2, MedianQuoteHours: 36m, QuotesWon: 1));
        var listed = (await fx.Http.GetAsync<List<VendorListView>>($"/api/vendors?q={Uri.EscapeDataString(name.ToLowerInvariant())}")).ShouldHaveSingleItem();
        listed.Scorecard.OnTimePercent.ShouldBe(67);
        var delivered = (await fx.Http.GetAsync<List<ContractItemView>>($"/api/projects/{project.Key}/contracts")).ShouldHaveSingleItem().Deliverables
            .Single(d => d.Key == report);
        delivered.ShouldBe(delivered with { Name = "Test report", DueDate = Today.AddDays(10), Status = "Accepted", OnTime = true, Rejections = 1 });
        delivered.AcceptedAt.ShouldNotBeNull();

        // Someone who does not see the project sees the vendor but not its contract.
        using var outsider = fx.As($"x-{Guid.NewGuid():N}", Roles.PsoStaff);
        var seen = await outsider.GetAsync<VendorDetailView>($"/api/vendors/{vendor.Key}");
        seen.Contracts.ShouldBeEmpty();
        seen.Scorecard.Contracts.ShouldBe(0);
        seen.Scorecard.Quotes.ShouldBe(2);
    }

    [Fact]
    public async Task Bad_vendor_and_contract_requests_get_problem_details()
    {
        using var member = fx.As($"m-{Guid.NewGuid():N}", "requester");
        (await member.PostJsonAsync("/api/vendors", new { name = "Nobody's vendor" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fx.Http.PostJsonAsync("/api/vendors", new { name = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await (await fx.Http.PostJsonAsync("/api/vendors", new { name = "Bad mail", contactEmail = "not an address" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await fx.Http.PostJsonAsync("/api/vendors", new { name = "Bell\u0007" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.Http.GetAsync("/api/vendors/VND-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var vendor = await (await fx.Http.PostJsonAsync("/api/vendors", new { name = $"Kyocera {Guid.NewGuid():N}" })).ReadAsync<VendorDetailView>(HttpStatusCode.Created);
        await fx.PeopleAsync("pm-vendors");
        var project = await fx.Http.CreateProjectAsync(new { name = "Printers", manager = "pm-vendors" });
        var url = $"/api/projects/{project.Key}/contracts";
        object Contract(object? value = null, string? currency = null, string? start = null, string? end = null, object? deliverables = null) => new
        {
            vendor = vendor.Key, title = "Printer fleet", value = value ?? 1000, currency, startDate = start ?? D(0), endDate = end ?? D(10), deliverables,
        };
        await (await fx.Http.PostJsonAsync(url, Contract(value: -1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await fx.Http.PostJsonAsync(url, Contract(currency: "USD"))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "currency-mismatch");
        await (await fx.Http.PostJsonAsync(url, Contract(currency: "XX1"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await fx.Http.PostJsonAsync(url, Contract(start: D(5), end: D(1)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await fx.Http.PostJsonAsync(url, Contract(deliverables: new[] { new { name = "No date" } }))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await fx.Http.PostJsonAsync(url, new { vendor = "VND-999999", title = "x", value = 1, startDate = D(0), endDate = D(1) }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await fx.Http.GetAsync<List<ContractItemView>>(url)).ShouldBeEmpty(); // nothing half-written

        using var pso = fx.As($"pso-{Guid.NewGuid():N}", Roles.PsoStaff);
        (await pso.PostJsonAsync(url, Contract())).StatusCode.ShouldBe(HttpStatusCode.NotFound); // not a member: the project is not there for them
        (await (await fx.Http.PatchAsJsonAsync($"/api/vendors/{vendor.Key}", new { active = false }, Json.Options)).ReadAsync<VendorDetailView>()).Active.ShouldBeFalse();
        await (await fx.Http.PostJsonAsync(url, Contract())).ShouldBeProblemAsync(HttpStatusCode.Conflict, "vendor-inactive");
        (await fx.Http.GetAsync<List<VendorListView>>("/api/vendors")).ShouldNotContain(v => v.Key == vendor.Key);
        (await fx.Http.GetAsync<List<VendorListView>>("/api/vendors?includeInactive=true")).ShouldContain(v => v.Key == vendor.Key);
    }
}
