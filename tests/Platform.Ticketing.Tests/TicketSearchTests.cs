using System.Net;
using System.Text.Json;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Ticketing.Tests;

public class TicketSearchTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<string> CreateAsync(HttpClient client, string title, string description, string impact = "Low")
    {
        var response = await client.PostJsonAsync("/api/tickets", new { title, description, category = "misc", impact, urgency = "Low" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).Str("key");
    }

    private static async Task<List<string>> KeysAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ToList();
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
