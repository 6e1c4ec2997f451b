namespace Platform.Ticketing.Tests;

public class TicketSearchTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private static async Task<string> CreateAsync(HttpClient client, string title, string description, string impact = "Low") =>
        (await client.RaiseTicketAsync(title, description, "misc", impact, "Low")).Key;

    private static async Task<List<string>> KeysAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync<Page<TicketResponse>>()).Items.Select(t => t.Key).ToList();
    }

    [Fact]
    public async Task Search_covers_title_description_and_comments_with_filters_and_internal_notes_for_agents_only()
    {
        var m = $"qq{Guid.NewGuid():N}"[..10];
        using var alice = fx.As($"alice-{m}", Roles.Requester);
        using var erin = fx.As($"erin-{m}", Roles.Requester);
        var inTitle = await CreateAsync(alice, $"Scanner offline {m}", "Nothing scans.");
        var inDescription = await CreateAsync(alice, "Cannot print", $"The scanners on floor 2 are dead {m}.", impact: "High");
        var inComment = await CreateAsync(alice, "Slow laptop", $"Slow since Monday {m}.");
        (await Http.PostJsonAsync($"/api/tickets/{inComment}/comments", new { body = "Replaced the scanner driver." })).EnsureSuccessStatusCode();
        (await Http.PostJsonAsync($"/api/tickets/{inComment}/comments", new { body = "Suspect firmware tampering", @internal = true })).EnsureSuccessStatusCode();
        var erins = await CreateAsync(erin, $"Scanner jam {m}", "Paper stuck.");

        // Stemming: "scanner" finds scanners; the comment counts; newest first.
        var all = await KeysAsync(Http, $"/api/tickets/search?q=scanner {m}");
        all.ShouldBe([erins, inComment, inDescription, inTitle]);
        (await KeysAsync(Http, $"/api/tickets/search?q=scanner {m}&priority=P3")).ShouldBe([inDescription]);
        (await KeysAsync(Http, $"/api/tickets/search?q=scanner -jam {m}")).ShouldNotContain(erins);

        // Internal notes: agents find them, the requester does not; nobody sees another requester's ticket.
        (await KeysAsync(Http, $"/api/tickets/search?q=firmware tampering {m}")).ShouldBe([inComment]);
        (await KeysAsync(alice, $"/api/tickets/search?q=firmware tampering {m}")).ShouldBeEmpty();
        (await KeysAsync(alice, $"/api/tickets/search?q=scanner {m}")).ShouldBe([inComment, inDescription, inTitle]);

        // Keyset paging.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await Http.GetAsync($"/api/tickets/search?q=scanner {m}&limit=3" + (cursor is null ? "" : $"&cursor={cursor}"))).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.Str("key")));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
        } while (cursor is not null);
        seen.ShouldBe(all);

        (await Http.GetAsync("/api/tickets/search")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync("/api/tickets/search?q=x&status=Sleeping")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync("/api/tickets/search?q=x&cursor=abc")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync("/api/tickets/search?q=" + Uri.EscapeDataString("& | ! (\""))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>Ticketing whose search walks only the newest three numbers before it turns to the full-text index, and
/// takes four or more matches below them for many (so both ways down are used).</summary>
public sealed class SmallSearchWindowFixture : ServiceFixture<Program, Data.TicketingDbContext>
{
    public SmallSearchWindowFixture() : base("Ticketing", ("bob", "agent")) { }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [TicketingFixture.LearnPeopleFromTokens, new("Tickets:SearchRecentWindow", "3"),
        new("Tickets:SearchSparseLimit", "4")];
}

/// <summary>
/// An agent's search takes the newest matches in steps (a bounded walk of the newest numbers; below them, all matches
/// from the full-text index when they are few, else walks of growing windows); with a window of three and "few" meaning
/// at most three, matches fall on both sides of the window, pages cross it, and both ways down are taken.
/// </summary>
public class TicketSearchWindowTests(SmallSearchWindowFixture fx) : IClassFixture<SmallSearchWindowFixture>
{
    [Fact]
    public async Task Matches_on_both_sides_of_the_recent_window_come_newest_first_and_page_across_it()
    {
        var m = $"ww{Guid.NewGuid():N}"[..10];
        var keys = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var matches = i is 0 or 1 or 5 or 9;
            var response = await fx.Http.PostJsonAsync("/api/tickets", new
            {
                title = matches ? $"Docking station {m}" : "Unrelated printer fault", description = "Details inside.",
                category = "misc", impact = "Low", urgency = "Low",
            });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            keys.Add((await response.ReadJsonAsync()).Str("key"));
        }
        // One match only through its internal note (the other search vector), below the window.
        (await fx.Http.PostJsonAsync($"/api/tickets/{keys[2]}/comments", new { body = $"Docking firmware {m}", @internal = true })).EnsureSuccessStatusCode();
        string[] expected = [keys[9], keys[5], keys[2], keys[1], keys[0]];

        var all = await (await fx.Http.GetAsync($"/api/tickets/search?q=docking {m}")).ReadJsonAsync();
        all.GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ShouldBe(expected);

        foreach (var limit in new[] { 1, 2, 4 })
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await (await fx.Http.GetAsync($"/api/tickets/search?q=docking {m}&limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"))).ReadJsonAsync();
                var items = page.GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ToList();
                items.Count.ShouldBeLessThanOrEqualTo(limit);
                seen.AddRange(items);
                cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
            } while (cursor is not null);
            seen.ToArray().ShouldBe(expected, $"pages of {limit}");
        }

        // Filters apply in both passes; words from the title and the internal note meet below the window; words that
        // never meet find nothing.
        (await (await fx.Http.GetAsync($"/api/tickets/search?q=docking {m}&status=New&limit=2")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ShouldBe([keys[9], keys[5]]);
        (await (await fx.Http.GetAsync($"/api/tickets/search?q=docking printer {m}")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ShouldBe([keys[2]]);
        (await (await fx.Http.GetAsync($"/api/tickets/search?q=docking unrelated {m}")).ReadJsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(1);
        (await (await fx.Http.GetAsync($"/api/tickets/search?q=station unrelated {m}")).ReadJsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Few_matches_below_the_window_come_newest_first()
    {
        // Three matches, all below the window (the three newest tickets do not match): fewer than "many", so they are
        // read from the full-text index in no order, and the page must still take the newest of them.
        var m = $"fw{Guid.NewGuid():N}"[..10];
        var keys = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var response = await fx.Http.PostJsonAsync("/api/tickets", new
            {
                title = i < 3 ? $"Scanner jam {m}" : "Unrelated printer fault", description = "Details inside.",
                category = "misc", impact = "Low", urgency = "Low",
            });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            keys.Add((await response.ReadJsonAsync()).Str("key"));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await fx.Http.GetAsync($"/api/tickets/search?q=scanner {m}&limit=1" + (cursor is null ? "" : $"&cursor={cursor}"))).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.Str("key")));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
        } while (cursor is not null);
        seen.ShouldBe([keys[2], keys[1], keys[0]]);
    }
}

