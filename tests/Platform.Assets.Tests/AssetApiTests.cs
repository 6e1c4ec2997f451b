using Platform.Assets.Domain;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Assets.Features.Assets;
using Platform.Assets.Jobs;
using Platform.Contracts.Ticketing;
using Platform.Messaging;

namespace Platform.Assets.Tests;

public class AssetApiTests(AssetsFixture fx) : IClassFixture<AssetsFixture>
{
    private HttpClient Http => fx.Http;

    private Task<HttpResponseMessage> ImportAsync(string csv) =>
        Http.PostAsync("/api/assets/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private Task<int> CountAssetsAsync() => fx.WithDbAsync(db => db.Assets.CountAsync());

    [Fact]
    public async Task Dates_at_the_edge_of_the_calendar_in_the_query_string_and_csv_are_problems()
    {
        foreach (var (query, field) in new[]
                 {
                     ("/api/assets?warrantyBefore=9999-12-31", "warrantyBefore"), ("/api/assets?warrantyBefore=0001-01-01", "warrantyBefore"),
                     ("/api/assets?warrantyBefore=3000-01-01", "warrantyBefore"), ("/api/licences?expiringWithinDays=2147483647", "expiringWithinDays"),
                     ("/api/licences?expiringWithinDays=-1", "expiringWithinDays"), ("/api/licences?expiringWithinDays=-2147483648", "expiringWithinDays"),
                 })
        {
            var bad = await Http.GetAsync(query);
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{query}: {await bad.Content.ReadAsStringAsync()}");
            (await bad.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(query);
        }

        (await Http.GetAsync("/api/assets?warrantyBefore=2999-12-31")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.GetAsync("/api/licences?expiringWithinDays=3650")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A CSV import is not JSON: its dates are held to the same range, row by row, and nothing is written.
        var before = await CountAssetsAsync();
        var serial = Guid.NewGuid().ToString("N");
        var response = await ImportAsync($"""
            kind,model,serial,purchaseDate,warrantyEnd
            Laptop,ThinkPad T14,{serial}-a,2026-01-10,9999-12-31
            Laptop,ThinkPad T14,{serial}-b,0001-01-01,
            Laptop,ThinkPad T14,{serial}-c,1900-01-01,2999-12-31
            """);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        var errors = (await response.ReadJsonAsync()).GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => (e.GetProperty("row").GetInt32(), e.Str("column"))).ShouldBe([(2, "warrantyEnd"), (3, "purchaseDate")]);
        errors.ShouldAllBe(e => e.Str("message").Contains("1900-01-01 and 2999-12-31"));
        (await CountAssetsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_csv_with_bad_rows_is_refused_whole_with_row_numbers()
    {
        var before = await CountAssetsAsync();
        var serial = Guid.NewGuid().ToString("N");
        var csv = $"""
            kind,model,serial,vendor,purchaseDate,cost,warrantyEnd,location
            Laptop,ThinkPad T14,{serial}-a,Lenovo,2026-01-10,1200.50,2029-01-10,HQ
            Laptop,,{serial}-b,Lenovo,2026-01-10,1200.50,2029-01-10,HQ
            Tablet,iPad,{serial}-c,Apple,10/01/2026,700,,HQ
            Monitor,P27,{serial}-a,Dell,2026-01-10,300,2029-01-10,HQ
            """;
        var response = await ImportAsync(csv);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();
        problem.Str("code").ShouldBe("import-invalid");
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.Str("column"))).ToList();
        errors.ShouldBe([(3, "model"), (4, "purchaseDate"), (5, "serial")]);
        (await CountAssetsAsync()).ShouldBe(before);

        // A serial already in the inventory is a row error too.
        await fx.KnownAsync("alice");
        var good = await ImportAsync($"kind,model,serial,status,assignedTo\nLaptop,ThinkPad T14,{serial}-a,,\nPhone,Pixel 9,{serial}-p,Assigned,alice\n");
        good.StatusCode.ShouldBe(HttpStatusCode.Created, await good.Content.ReadAsStringAsync());
        var imported = (await good.Content.ReadFromJsonAsync<ImportResponse>(EventTypes.Json))!;
        imported.Imported.ShouldBe(2);
        var tags = imported.Tags;
        tags.ShouldAllBe(t => t.StartsWith("AST-"));
        (await CountAssetsAsync()).ShouldBe(before + 2);
        var held = (await Http.GetFromJsonAsync<AssetResponse>($"/api/assets/{tags[1]}", EventTypes.Json))!;
        (held.Kind, held.Model, held.Status, held.AssignedTo).ShouldBe((AssetKind.Phone, "Pixel 9", AssetStatus.Assigned, "alice"));

        var again = await ImportAsync($"kind,model,serial\nLaptop,X1,{serial}-new\nLaptop,ThinkPad T14,{serial}-a\n");
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var rowError = (await again.ReadJsonAsync()).GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        rowError.GetProperty("row").GetInt32().ShouldBe(3);
        rowError.Str("message").ShouldContain(tags[0]);
        (await CountAssetsAsync()).ShouldBe(before + 2);

        (await ImportAsync("")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var requester = fx.As("alice", "requester");
        (await requester.PostAsync("/api/assets/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_csv_that_is_not_utf8_or_holds_control_characters_is_refused_whole()
    {
        var before = await CountAssetsAsync();
        var serial = Guid.NewGuid().ToString("N");
        byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
        byte[] notUtf8 = [.. Bytes($"kind,model,serial\nLaptop,X1,{serial}-ok\nLaptop,"), 0x00, 0xff, 0xfe, .. Bytes($",{serial}-bad\n")];
        var refused = await Http.PostAsync("/api/assets/import", new ByteArrayContent(notUtf8) { Headers = { { "Content-Type", "text/csv" } } });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await refused.ReadJsonAsync();
        problem.Str("code").ShouldBe("invalid-encoding");
        problem.Str("title").ShouldContain("UTF-8");
        problem.GetProperty("line").GetInt32().ShouldBe(3);

        var controls = await ImportAsync($"kind,model,serial,location\nLaptop,X1,{serial}-ok,HQ\nLaptop,a\u0000b,{serial}-nul,HQ\nPhone,Pixel,{serial}-bel,\"Floor\u0007 2\"\n");
        controls.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await controls.Content.ReadAsStringAsync());
        var errors = await controls.ReadJsonAsync();
        errors.Str("code").ShouldBe("import-invalid");
        errors.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.Str("column"))).ShouldBe([(3, "model"), (4, "location")]);
        (await CountAssetsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_crash()
    {
        (await Http.PostRawAsync("/api/assets", "{not json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostRawAsync("/api/assets", """{"kind":"Toaster","model":"X"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var invalid = await Http.PostJsonAsync("/api/assets", new { kind = "Laptop", cost = -1, purchaseDate = "2026-02-01", warrantyEnd = "2026-01-01" });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var fields = (await invalid.ReadJsonAsync()).GetProperty("errors");
        fields.TryGetProperty("model", out _).ShouldBeTrue();
        fields.TryGetProperty("cost", out _).ShouldBeTrue();
        fields.TryGetProperty("warrantyEnd", out _).ShouldBeTrue();
        (await Http.GetAsync("/api/assets/AST-99999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/assets/nonsense")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/assets?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var serial = Guid.NewGuid().ToString("N");
        var asset = await fx.PostAsync("/api/assets", new { kind = "Desktop", model = "OptiPlex", serial, status = "Ordered" });
        var tag = asset.Str("tag");
        asset.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["Receive", "Retire"], ignoreOrder: true);
        (await Http.PostJsonAsync("/api/assets", new { kind = "Desktop", model = "OptiPlex", serial })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await fx.KnownAsync("bob");
        var notInStock = await Http.PostJsonAsync($"/api/assets/{tag}/assign", new { userId = "bob" });
        notInStock.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await notInStock.ReadJsonAsync()).Str("code").ShouldBe("not-in-stock");
        var badMove = await Http.PostJsonAsync($"/api/assets/{tag}/transitions", new { action = "Dispose" });
        badMove.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await badMove.ReadJsonAsync()).Str("code").ShouldBe("invalid-transition");
        await fx.PostAsync($"/api/assets/{tag}/transitions", new { action = "Receive" }, HttpStatusCode.OK);
        await fx.PostAsync($"/api/assets/{tag}/assign", new { userId = "bob", projectKey = "prj-1" }, HttpStatusCode.OK);
        var returned = await fx.PostAsync($"/api/assets/{tag}/return", new { note = "leaver" }, HttpStatusCode.OK);
        returned.Str("status").ShouldBe("InStock");
        var patched = await Http.PatchAsync($"/api/assets/{tag}", JsonContent(new { location = "Store B", warrantyEnd = "2030-01-01" }));
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await patched.ReadJsonAsync()).Str("location").ShouldBe("Store B");
        var history = await (await Http.GetAsync($"/api/assets/{tag}/history")).ReadJsonAsync();
        history.EnumerateArray().Select(h => h.Str("action")).ShouldBe(["registered", "receive", "assigned", "returned"]);
        var audit = await fx.WithDbAsync(db => db.Set<Platform.Data.AuditEntry>().CountAsync(a => a.Entity == "assets" && a.Actor == "dave"));
        audit.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Racing_assignments_of_one_asset_leave_one_holder_and_a_conflict_never_a_500()
    {
        var tag = (await fx.PostAsync("/api/assets", new { kind = "Tablet", model = "iPad Air" })).Str("tag");
        await fx.KnownAsync([.. Enumerable.Range(0, 6).Select(i => $"racer-{i}")]);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Http.PostJsonAsync($"/api/assets/{tag}/assign", new { userId = $"racer-{i}" })));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(5);
        var history = await (await Http.GetAsync($"/api/assets/{tag}/history")).ReadJsonAsync();
        history.EnumerateArray().Count(h => h.Str("action") == "assigned").ShouldBe(1);
    }

    [Theory]
    [InlineData(false, "InStock")]
    [InlineData(true, "InRepair")]
    public async Task A_returned_asset_has_no_holder_and_leaves_the_holders_list_but_not_the_history(bool toRepair, string status)
    {
        var holder = $"holder-{Guid.NewGuid():N}";
        await fx.KnownAsync(holder);
        var tag = (await fx.PostAsync("/api/assets", new { kind = "Laptop", model = "ThinkPad X1" })).Str("tag");
        await fx.PostAsync($"/api/assets/{tag}/assign", new { userId = holder, projectKey = "PRJ-7" }, HttpStatusCode.OK);
        var listed = await (await Http.GetAsync($"/api/assets?assignedTo={holder}")).ReadJsonAsync();
        listed.GetProperty("items").EnumerateArray().Select(a => a.Str("tag")).ShouldBe([tag]);

        var returned = await fx.PostAsync($"/api/assets/{tag}/return", new { toRepair }, HttpStatusCode.OK);
        returned.Str("status").ShouldBe(status);
        returned.GetProperty("assignedTo").ValueKind.ShouldBe(JsonValueKind.Null);
        returned.GetProperty("projectKey").ValueKind.ShouldBe(JsonValueKind.Null);
        var stored = await (await Http.GetAsync($"/api/assets/{tag}")).ReadJsonAsync();
        stored.GetProperty("assignedTo").ValueKind.ShouldBe(JsonValueKind.Null);
        listed = await (await Http.GetAsync($"/api/assets?assignedTo={holder}")).ReadJsonAsync();
        listed.GetProperty("items").GetArrayLength().ShouldBe(0);
        (await fx.As(holder, "requester").GetAsync($"/api/assets/{tag}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var history = (await (await Http.GetAsync($"/api/assets/{tag}/history")).ReadJsonAsync()).EnumerateArray().ToList();
        history.Single(h => h.Str("action") == "assigned").Str("assignedTo").ShouldBe(holder);
        var last = history[^1];
        last.Str("action").ShouldBe("returned");
        last.Str("toStatus").ShouldBe(status);
        last.Str("assignedTo").ShouldBe(holder); // whom it came back from
        last.GetProperty("note").ValueKind.ShouldBe(JsonValueKind.Null); // no made-up English: the fields say it
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Json.Options), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Requesters_see_only_what_they_hold_and_only_PSO_writes()
    {
        await fx.KnownAsync("erin");
        var held = await fx.PostAsync("/api/assets", new { kind = "Phone", model = "Pixel 9", status = "Assigned", assignedTo = "erin" });
        var other = await fx.PostAsync("/api/assets", new { kind = "Phone", model = "Pixel 9" });
        var erin = fx.As("erin", "requester");
        (await erin.GetAsync($"/api/assets/{held.Str("tag")}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await erin.GetAsync($"/api/assets/{other.Str("tag")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await erin.GetAsync($"/api/assets/{other.Str("tag")}/summary")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await (await erin.GetAsync("/api/assets?limit=200")).ReadJsonAsync();
        list.GetProperty("items").EnumerateArray().ShouldAllBe(a => a.GetProperty("assignedTo").GetString() == "erin");
        (await erin.PostJsonAsync("/api/assets", new { kind = "Phone", model = "X" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await erin.GetAsync("/api/procurement")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Agents and PMO read everything, and write nothing.
        foreach (var (user, role) in new[] { ("bob", "agent"), ("carol", "pmo-analyst") })
        {
            var staff = fx.As(user, role);
            (await staff.GetAsync($"/api/assets/{other.Str("tag")}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await staff.GetAsync("/api/procurement")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await staff.PostJsonAsync($"/api/assets/{other.Str("tag")}/assign", new { userId = user })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await staff.PostJsonAsync("/api/licences", new { product = "X", seats = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await fx.WithToken(null).GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await fx.WithToken(null).GetAsync("/api/licences")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var noScope = fx.WithToken(fx.Tokens.Token("dave", ["pso-staff"], scopes: ["tickets"]));
        (await noScope.GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Over_use_is_refused_unless_allowed_and_then_announced_once()
    {
        var licence = await fx.PostAsync("/api/licences", new { product = "Figma", seats = 1 });
        var key = licence.Str("key");
        await fx.KnownAsync("alice", "bob", "carol");
        await fx.PostAsync($"/api/licences/{key}/seats", new { userId = "alice" });
        var full = await Http.PostJsonAsync($"/api/licences/{key}/seats", new { userId = "bob" });
        full.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await full.ReadJsonAsync()).Str("code").ShouldBe("no-free-seat");
        (await Http.PostJsonAsync($"/api/licences/{key}/seats", new { userId = "alice", assetTag = "AST-00001" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync($"/api/licences/{key}/seats", new { assetTag = "AST-99999", allowOveruse = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var over = await fx.PostAsync($"/api/licences/{key}/seats", new { userId = "bob", allowOveruse = true });
        over.GetProperty("overused").GetBoolean().ShouldBeTrue();
        over.GetProperty("overuse").GetInt32().ShouldBe(1);
        await fx.PostAsync($"/api/licences/{key}/seats", new { userId = "carol", allowOveruse = true });
        var announced = await fx.Bus.WaitForAsync<LicenceOverused>(e => e.LicenceKey == key);
        announced.SeatsAssigned.ShouldBe(2);
        var overused = await (await Http.GetAsync("/api/licences?overused=true")).ReadJsonAsync();
        overused.GetProperty("items").EnumerateArray().Select(l => l.Str("key")).ShouldContain(key);
        await Task.Delay(1000);
        fx.Bus.Messages<LicenceOverused>().Count(e => e.LicenceKey == key).ShouldBe(1);

        // A requester sees the licences they hold a seat of, and no other.
        (await fx.As("alice", "requester").GetAsync($"/api/licences/{key}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fx.As("erin", "requester").GetAsync($"/api/licences/{key}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Expiring_licences_and_warranties_are_announced_once_by_any_number_of_checkers()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var licence = await fx.PostAsync("/api/licences", new { product = "Jira", seats = 3, expiresOn = today.AddDays(40) });
        var asset = await fx.PostAsync("/api/assets", new { kind = "Server", model = "R650", warrantyEnd = today.AddDays(45) });
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var replicaA = Replica(clock);
        await using var replicaB = Replica(clock);
        var checkers = new[] { replicaA, replicaB }.Select(r => r.Services.GetRequiredService<ExpiryChecker>()).ToList();

        await Task.WhenAll(checkers.Select(c => c.CheckAsync(CancellationToken.None)));
        clock.Advance(TimeSpan.FromDays(20));
        await Task.WhenAll(checkers.SelectMany(c => Enumerable.Range(0, 3).Select(_ => c.CheckAsync(CancellationToken.None))));

        var expiring = await fx.Bus.WaitForAsync<LicenceExpiring>(e => e.LicenceKey == licence.Str("key"));
        expiring.DaysLeft.ShouldBe(20);
        expiring.ExpiresOn.ShouldBe(today.AddDays(40));
        var warranty = await fx.Bus.WaitForAsync<WarrantyExpiring>(e => e.AssetTag == asset.Str("tag"));
        warranty.DaysLeft.ShouldBe(25);
        await Task.Delay(1500);
        fx.Bus.Messages<LicenceExpiring>().Count(e => e.LicenceKey == licence.Str("key")).ShouldBe(1);
        fx.Bus.Messages<WarrantyExpiring>().Count(e => e.AssetTag == asset.Str("tag")).ShouldBe(1);

        // A renewal re-arms the notice for the new date.
        var renewed = await Http.PatchAsync($"/api/licences/{licence.Str("key")}", JsonContent(new { expiresOn = today.AddDays(45) }));
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK);
        await checkers[0].CheckAsync(CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(fx.Bus.Messages<LicenceExpiring>().Count(e => e.LicenceKey == licence.Str("key"))), n => n == 2);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Replica(SettableClock clock) =>
        fx.Service.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));

    [Fact]
    public async Task A_ticket_naming_an_asset_appears_in_its_incident_history()
    {
        await fx.KnownAsync("alice");
        var asset = await fx.PostAsync("/api/assets", new { kind = "Laptop", model = "XPS 13", status = "Assigned", assignedTo = "alice" });
        var tag = asset.Str("tag");
        var ticketId = Guid.NewGuid();
        var created = new TicketCreated(ticketId, "HD-4242", "Laptop will not boot", "alice", "hardware", "P2", DateTimeOffset.UtcNow, tag.ToLowerInvariant());
        await fx.Bus.PublishAsync(created, Guid.NewGuid());
        await fx.Bus.PublishAsync(new TicketCreated(Guid.NewGuid(), "HD-4243", "No asset", "alice", "hardware", "P3", DateTimeOffset.UtcNow), Guid.NewGuid());

        var incidents = await Eventually.GetAsync(async () => await (await Http.GetAsync($"/api/assets/{tag}/incidents")).ReadJsonAsync(),
            i => i.GetArrayLength() == 1);
        var incident = incidents[0];
        incident.Str("ticketKey").ShouldBe("HD-4242");
        incident.Str("status").ShouldBe("New");
        incident.Str("href").ShouldBe("/api/tickets/HD-4242");
        var summary = await (await Http.GetAsync($"/api/assets/{tag}/summary")).ReadJsonAsync();
        summary.GetProperty("openIncidents").GetInt32().ShouldBe(1);

        await fx.Bus.PublishAsync(new TicketStatusChanged(ticketId, "HD-4242", "InProgress", "Resolved", "bob", DateTimeOffset.UtcNow.AddSeconds(1), AssetTag: tag), Guid.NewGuid());
        await Eventually.GetAsync(async () => await (await Http.GetAsync($"/api/assets/{tag}/summary")).ReadJsonAsync(),
            s => s.GetProperty("openIncidents").GetInt32() == 0 && s.GetProperty("totalIncidents").GetInt32() == 1);

        // The holder sees their asset's incidents too.
        (await fx.As("alice", "requester").GetAsync($"/api/assets/{tag}/incidents")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
