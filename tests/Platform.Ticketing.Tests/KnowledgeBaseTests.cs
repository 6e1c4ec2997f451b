namespace Platform.Ticketing.Tests;

public class KbQueryTests
{
    [Fact]
    public void Suggestion_queries_keep_only_words_so_nothing_can_be_injected()
    {
        KbArticle.AnyWordQuery("VPN drops: can't connect! VPN & (wifi) | !x").ShouldBe("vpn | drops | can | connect | wifi");
        KbArticle.AnyWordQuery("a b ! &").ShouldBeNull();
        KbArticle.NormalizeTags([" VPN ", "vpn", "", "Network"]).ShouldBe(["vpn", "network"]);
    }
}

public class KnowledgeBaseTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<string> ArticleAsync(string title, string body, string visibility, params string[] tags)
    {
        var response = await Http.PostJsonAsync("/api/kb/articles", new { title, body, tags, visibility });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).Str("id");
    }

    private static List<string> Titles(JsonElement hits) => hits.EnumerateArray().Select(h => h.Str("title")).ToList();

    [Fact]
    public async Task Articles_are_found_by_full_text_and_tag_requesters_see_public_ones_only()
    {
        var marker = $"zq{Guid.NewGuid():N}"[..10];
        var reset = await ArticleAsync($"Reset your password {marker}", "Open the self-service portal and choose 'forgot password'.", "Public", "accounts", "Password");
        var vpn = await ArticleAsync($"VPN keeps disconnecting {marker}", "Update the client to 5.2; disconnections stop after the update.", "Public", "network");
        var runbook = await ArticleAsync($"Relay restart runbook {marker}", "Restart the relay, then flush the password cache.", "Internal", "mail");

        var found = await (await Http.GetAsync($"/api/kb/articles?q={marker} password")).ReadJsonAsync();
        // Title matches (weight A) rank above body matches (weight B).
        Titles(found).ShouldBe([$"Reset your password {marker}", $"Relay restart runbook {marker}"]);
        found[0].GetProperty("rank").GetDouble().ShouldBeGreaterThan(found[1].GetProperty("rank").GetDouble());

        // Stemming: "disconnections" finds "disconnecting".
        Titles(await (await Http.GetAsync($"/api/kb/articles?q={marker} disconnections")).ReadJsonAsync()).ShouldBe([$"VPN keeps disconnecting {marker}"]);
        Titles(await (await Http.GetAsync($"/api/kb/articles?q={marker} password -portal")).ReadJsonAsync()).ShouldBe([$"Relay restart runbook {marker}"]);
        (await (await Http.GetAsync("/api/kb/articles?tag=PASSWORD")).ReadJsonAsync()).EnumerateArray().Select(h => h.Str("id")).ShouldContain(reset);

        using var alice = fx.As("alice", Roles.Requester);
        Titles(await (await alice.GetAsync($"/api/kb/articles?q={marker} password")).ReadJsonAsync()).ShouldBe([$"Reset your password {marker}"]);
        (await alice.GetAsync($"/api/kb/articles/{runbook}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.GetAsync($"/api/kb/articles/{vpn}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await alice.PostJsonAsync("/api/kb/articles", new { title = "mine", body = "b", visibility = "Public" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_ticket_gets_suggestions_from_its_text_and_linked_articles()
    {
        var marker = $"zx{Guid.NewGuid():N}"[..10];
        var printer = await ArticleAsync($"Printer jams on duplex {marker}", "Clean the duplex rollers; replace the fuser if jams persist.", "Public", "hardware");
        var internalNote = await ArticleAsync($"Printer fleet contract {marker}", "Call the vendor for jams under contract.", "Internal", "hardware");
        await ArticleAsync($"Unrelated {marker}", "Calendar sharing in the mail client.", "Public");

        var created = await (await Http.PostJsonAsync("/api/tickets", new
        {
            title = $"Printer jams {marker}", description = "The duplex printer jams on every page.", requester = await fx.JoinOnceAsync("alice", Roles.Requester),
            category = "hardware", impact = "Low", urgency = "Low",
        })).ReadJsonAsync();
        var key = created.Str("key");

        var suggested = await (await Http.GetAsync($"/api/tickets/{key}/suggested-articles")).ReadJsonAsync();
        var ids = suggested.EnumerateArray().Select(h => h.Str("id")).ToList();
        ids[0].ShouldBe(printer);
        ids.ShouldContain(internalNote);
        var byText = await (await Http.GetAsync($"/api/kb/suggestions?text=duplex rollers {marker}")).ReadJsonAsync();
        byText[0].Str("id").ShouldBe(printer);

        using var alice = fx.As("alice", Roles.Requester);
        var forRequester = await (await alice.GetAsync($"/api/tickets/{key}/suggested-articles")).ReadJsonAsync();
        forRequester.EnumerateArray().Select(h => h.Str("id")).ShouldNotContain(internalNote);

        (await Http.PostJsonAsync($"/api/tickets/{key}/articles", new { articleId = printer })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Http.PostJsonAsync($"/api/tickets/{key}/articles", new { articleId = internalNote })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Http.PostJsonAsync($"/api/tickets/{key}/articles", new { articleId = printer })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await Http.GetAsync($"/api/tickets/{key}/articles")).ReadJsonAsync()).GetArrayLength().ShouldBe(2);
        var linkedForAlice = await (await alice.GetAsync($"/api/tickets/{key}/articles")).ReadJsonAsync();
        linkedForAlice.EnumerateArray().Select(h => h.Str("id")).ShouldBe([printer]);

        var unknown = await Http.PostJsonAsync($"/api/tickets/{key}/articles", new { articleId = Guid.NewGuid() });
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Http.PostJsonAsync($"/api/tickets/{key}/articles", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_article_input_answers_problem_details()
    {
        var bad = await Http.PostJsonAsync("/api/kb/articles", new { title = "", tags = new[] { new string('x', 60) } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "title", "body", "visibility", "tags" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await Http.GetAsync("/api/kb/articles?limit=500")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync("/api/kb/suggestions")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync($"/api/kb/articles/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.DeleteAsync($"/api/kb/articles/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Query syntax people type by mistake is not an error.
        (await Http.GetAsync("/api/kb/articles?q=" + Uri.EscapeDataString("printer & | ! (\"unclosed"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = await ArticleAsync("Edit me", "Old text", "Internal");
        var updated = await Http.PutAsync($"/api/kb/articles/{id}", System.Net.Http.Json.JsonContent.Create(new { title = "Edited", body = "New text", visibility = "Public" }));
        (await updated.ReadJsonAsync()).Str("visibility").ShouldBe("Public");
    }

    [Fact]
    public async Task A_category_template_prefills_a_new_ticket_and_routes_it()
    {
        var key = $"pwd-{Guid.NewGuid():N}"[..12];
        var created = await Http.PostJsonAsync("/api/ticket-categories", new
        {
            key, name = "Password reset", defaultImpact = "Low", defaultUrgency = "High", defaultQueue = "service-desk-l1",
            templateTitle = "Password reset", templateDescription = "Account: \nLast successful sign-in: ",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        using var alice = fx.As("alice", Roles.Requester);
        (await alice.GetAsync("/api/ticket-categories")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ticket = await alice.PostJsonAsync("/api/tickets", new { category = key });
        ticket.StatusCode.ShouldBe(HttpStatusCode.Created, await ticket.Content.ReadAsStringAsync());
        var t = await ticket.ReadJsonAsync();
        t.Str("title").ShouldBe("Password reset");
        t.Str("description").ShouldStartWith("Account:");
        t.Str("priority").ShouldBe("P3");
        t.Str("queue").ShouldBe("service-desk-l1");

        // What the requester gives wins over the template.
        var own = await (await alice.PostJsonAsync("/api/tickets", new { category = key, title = "Locked out", urgency = "Low" })).ReadJsonAsync();
        own.Str("title").ShouldBe("Locked out");
        own.Str("priority").ShouldBe("P4");

        (await alice.PostJsonAsync("/api/ticket-categories", new { key = "x", name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await Http.PostJsonAsync("/api/ticket-categories", new { key = "Bad Key", name = "", defaultQueue = "nope" });
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "key", "name", "defaultQueue" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await Http.PostJsonAsync("/api/ticket-categories", new { key, name = "again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Http.GetAsync("/api/ticket-categories/nope")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
