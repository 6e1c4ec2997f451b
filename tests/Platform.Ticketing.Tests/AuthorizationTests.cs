using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Platform.Ticketing.Tests;

/// <summary>Tokens and object-level rules, checked by the ticketing service itself (no gateway in front).</summary>
public class AuthorizationTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private static readonly string[] Requester = [Roles.Requester];

    private async Task<JsonElement> RaiseAsync(HttpClient client, string title)
    {
        var response = await client.PostJsonAsync("/api/tickets", new
        {
            title, description = "My laptop will not boot", category = "hardware", impact = "Low", urgency = "High",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<int> CountTitledAsync(string title)
    {
        var page = await (await fx.Http.GetAsync("/api/tickets?limit=200")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().Count(t => t.Str("title") == title);
    }

    public static TheoryData<string> BadTokens => ["missing", "expired", "wrong-audience", "foreign-signature", "alg-none", "tampered-role"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_with_401_and_changes_nothing(string kind)
    {
        var token = kind switch
        {
            "missing" => null,
            "expired" => fx.Tokens.Expired("mallory", Roles.Agent),
            "wrong-audience" => fx.Tokens.WrongAudience("mallory", Roles.Agent),
            "foreign-signature" => fx.Tokens.ForeignSignature("mallory", Roles.Agent),
            "alg-none" => fx.Tokens.AlgNone("mallory"),
            "tampered-role" => fx.Tokens.TamperedRole("mallory"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        using var client = fx.WithToken(token);
        var title = $"bad token {kind} {Guid.NewGuid():N}";

        var create = await client.PostJsonAsync("/api/tickets", new
        {
            title, description = "d", category = "c", impact = "High", urgency = "High",
        });
        create.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        create.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        (await client.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CountTitledAsync(title)).ShouldBe(0);
    }

    [Fact]
    public async Task Health_and_the_API_document_need_no_token()
    {
        using var anonymous = fx.WithToken(null);
        (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_the_tickets_scope_is_forbidden()
    {
        using var client = fx.WithToken(fx.Tokens.Token("carol", [Roles.PmoAnalyst], scopes: ["projects"]));
        (await client.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_requester_never_reaches_another_requesters_ticket()
    {
        using var alice = fx.As("alice", Requester);
        using var erin = fx.As("erin", Requester);
        var ticket = await RaiseAsync(alice, "Alice's laptop");
        var id = ticket.Str("id");
        var key = ticket.Str("key");

        foreach (var reference in new[] { id, key })
        {
            (await erin.GetAsync($"/api/tickets/{reference}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await erin.GetAsync($"/api/tickets/{reference}/comments")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await erin.PostJsonAsync($"/api/tickets/{reference}/comments", new { body = "mine now" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await erin.PostJsonAsync($"/api/tickets/{reference}/transitions", new { action = "close" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await erin.PostJsonAsync($"/api/tickets/{reference}/transitions", new { action = "reopen" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await erin.GetAsync($"/api/tickets/{reference}/history")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await erin.PostJsonAsync($"/api/tickets/{reference}/assign", new { assignee = "erin" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await erin.PostJsonAsync($"/api/tickets/{reference}/promote", new { projectKey = "PRJ-1" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        // query: asking for Alice's tickets by name gives nothing; the plain list has none of hers
        var byRequester = await (await erin.GetAsync("/api/tickets?requester=alice")).ReadJsonAsync();
        byRequester.GetProperty("items").GetArrayLength().ShouldBe(0);
        var all = await (await erin.GetAsync("/api/tickets?limit=200")).ReadJsonAsync();
        all.GetProperty("items").EnumerateArray().ShouldAllBe(t => t.Str("requester") == "erin");

        // body: naming Alice as requester does not make Erin's ticket hers
        var forged = await erin.PostJsonAsync("/api/tickets", new
        {
            title = "on behalf", description = "d", requester = "alice", category = "c", impact = "Low", urgency = "Low",
        });
        (await forged.ReadJsonAsync()).Str("requester").ShouldBe("erin");

        // and Alice's ticket is untouched
        var mine = await (await alice.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();
        mine.Str("status").ShouldBe("New");
        mine.GetProperty("comments").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Requesters_do_not_see_internal_notes_nor_write_them()
    {
        using var alice = fx.As("alice", Requester);
        var key = (await RaiseAsync(alice, "Printer")).Str("key");
        (await fx.Http.PostJsonAsync($"/api/tickets/{key}/comments", new { body = "User is a VIP", @internal = true })).EnsureSuccessStatusCode();
        (await fx.Http.PostJsonAsync($"/api/tickets/{key}/comments", new { body = "We are on it" })).EnsureSuccessStatusCode();

        var seen = await (await alice.GetAsync($"/api/tickets/{key}")).ReadJsonAsync();
        seen.GetProperty("comments").EnumerateArray().Select(c => c.Str("body")).ShouldBe(["We are on it"]);
        var comments = await (await alice.GetAsync($"/api/tickets/{key}/comments")).ReadJsonAsync();
        comments.EnumerateArray().Select(c => c.Str("body")).ShouldBe(["We are on it"]);
        var agentView = await (await fx.Http.GetAsync($"/api/tickets/{key}/comments")).ReadJsonAsync();
        agentView.GetArrayLength().ShouldBe(2);

        (await alice.PostJsonAsync($"/api/tickets/{key}/comments", new { body = "psst", @internal = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var reply = await (await alice.PostJsonAsync($"/api/tickets/{key}/comments", new { body = "Thanks", author = "bob" })).ReadJsonAsync();
        reply.Str("author").ShouldBe("alice"); // the author is the token's subject, not the body's
    }

    [Fact]
    public async Task Requesters_close_or_reopen_their_resolved_ticket_but_do_not_work_it()
    {
        using var alice = fx.As("alice", Requester);
        var key = (await RaiseAsync(alice, "VPN")).Str("key");
        (await fx.Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" })).EnsureSuccessStatusCode();
        (await alice.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "start" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fx.Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "resolve" })).EnsureSuccessStatusCode();

        var reopened = await (await alice.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "reopen", comment = "Still down" })).ReadJsonAsync();
        reopened.Str("status").ShouldBe("Assigned");
        (await fx.Http.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "resolve" })).EnsureSuccessStatusCode();
        var closed = await (await alice.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "close" })).ReadJsonAsync();
        closed.Str("status").ShouldBe("Closed");
    }

    [Fact]
    public async Task Every_change_is_recorded_with_the_caller_from_the_token()
    {
        using var alice = fx.As("alice", Requester);
        var key = (await RaiseAsync(alice, "Audit me")).Str("key");
        await fx.JoinAsync("carol", [Roles.Agent]);
        (await fx.Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "carol" })).EnsureSuccessStatusCode();

        var history = await (await fx.Http.GetAsync($"/api/tickets/{key}/history")).ReadJsonAsync();
        var entries = history.EnumerateArray().ToList();
        entries.Count.ShouldBe(2);
        entries[0].Str("actor").ShouldBe("alice");
        entries[0].Str("action").ShouldBe("Added");
        entries[1].Str("actor").ShouldBe("bob");
        entries[1].Str("action").ShouldBe("Modified");
        var assignee = entries[1].GetProperty("changes").GetProperty("Assignee");
        assignee[0].ValueKind.ShouldBe(JsonValueKind.Null);
        assignee[1].GetString().ShouldBe("carol");
        entries[1].GetProperty("changes").GetProperty("Status")[1].GetString().ShouldBe("Assigned");
    }
}

/// <summary>The service remembers validated tokens; a hit must give the same answers as a full validation.</summary>
public class TokenCacheServiceTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    [Fact]
    public async Task A_token_used_again_is_served_from_the_cache_with_the_same_roles_and_rules()
    {
        var cache = fx.Service.Services.GetRequiredService<ValidatedTokenCache>();
        var user = $"cached-{Guid.NewGuid():N}"[..20];
        using var requester = fx.As(user, Roles.Requester);
        var first = await requester.PostJsonAsync("/api/tickets", new
        {
            title = "Cached caller", description = "Token reuse", category = "hardware", impact = "Low", urgency = "Low",
        });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = (await first.ReadJsonAsync()).Str("key");
        var hits = cache.Hits;

        // Same token: the requester still sees only their own tickets and may not work them.
        var mine = await (await requester.GetAsync("/api/tickets")).ReadJsonAsync();
        mine.GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ShouldBe([key]);
        (await requester.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await requester.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        cache.Hits.ShouldBeGreaterThanOrEqualTo(hits + 3);

        // A token that fails validation is never remembered: the same bad token is refused every time.
        using var tampered = fx.WithToken(fx.Tokens.Token(user, [Roles.Requester])[..^4] + "AAAA");
        (await tampered.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await tampered.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal Principal(string sub) => new(new ClaimsIdentity([new Claim("sub", sub), new Claim("role", "agent")], "Bearer"));

    [Fact]
    public void A_hit_hands_out_a_copy_and_counts()
    {
        var cache = new ValidatedTokenCache(new SettableClock(Start), 10, TimeSpan.FromMinutes(5));
        cache.Add("t1", Principal("bob"), Start.AddMinutes(10).UtcDateTime);
        cache.TryGet("t1", out var first).ShouldBeTrue();
        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim("role", "admin"));
        cache.TryGet("t1", out var second).ShouldBeTrue();
        second.IsInRole("admin").ShouldBeFalse();
        second.FindFirst("sub")!.Value.ShouldBe("bob");
        cache.Hits.ShouldBe(2);
        cache.TryGet("t2", out _).ShouldBeFalse();
    }

    [Fact]
    public void Entries_end_at_the_tokens_expiry_or_the_maximum_age_whichever_comes_first()
    {
        var clock = new SettableClock(Start);
        var cache = new ValidatedTokenCache(clock, 10, TimeSpan.FromMinutes(5));
        cache.Add("short", Principal("a"), Start.AddMinutes(1).UtcDateTime);
        cache.Add("long", Principal("b"), Start.AddHours(1).UtcDateTime);
        cache.Add("expired", Principal("c"), Start.AddSeconds(-1).UtcDateTime);
        cache.TryGet("expired", out _).ShouldBeFalse();

        clock.Now = Start.AddSeconds(59);
        cache.TryGet("short", out _).ShouldBeTrue();
        clock.Now = Start.AddMinutes(1);
        cache.TryGet("short", out _).ShouldBeFalse();
        clock.Now = Start.AddMinutes(4).AddSeconds(59);
        cache.TryGet("long", out _).ShouldBeTrue();
        clock.Now = Start.AddMinutes(5);
        cache.TryGet("long", out _).ShouldBeFalse();
    }

    [Fact]
    public void It_stays_within_its_size_and_can_be_turned_off()
    {
        var clock = new SettableClock(Start);
        var cache = new ValidatedTokenCache(clock, 2, TimeSpan.FromMinutes(5));
        cache.Add("a", Principal("a"), Start.AddSeconds(30).UtcDateTime);
        cache.Add("b", Principal("b"), Start.AddMinutes(3).UtcDateTime);
        clock.Now = Start.AddMinutes(1); // "a" has expired: adding "c" makes room by dropping it
        cache.Add("c", Principal("c"), Start.AddMinutes(3).UtcDateTime);
        cache.Count.ShouldBe(2);
        cache.TryGet("b", out _).ShouldBeTrue();
        cache.Add("d", Principal("d"), Start.AddMinutes(3).UtcDateTime); // full of live entries: starts over
        cache.Count.ShouldBeLessThanOrEqualTo(2);
        cache.TryGet("d", out _).ShouldBeTrue();

        var off = new ValidatedTokenCache(clock, 0, TimeSpan.FromMinutes(5));
        off.Add("a", Principal("a"), Start.AddMinutes(3).UtcDateTime);
        off.TryGet("a", out _).ShouldBeFalse();
    }
}

public class RoleMappingTests
{
    private static ClaimsPrincipal Principal(params Claim[] claims) => new(new ClaimsIdentity(claims, "Bearer"));

    [Fact]
    public async Task Keycloak_style_nested_roles_are_mapped_through_configuration()
    {
        var options = Options.Create(new AuthOptions
        {
            RoleClaim = "realm_access.roles",
            RoleMap = new(StringComparer.OrdinalIgnoreCase) { ["helpdesk"] = "agent", ["pmo"] = "pmo-analyst" },
        });
        var principal = Principal(new Claim("sub", "u1"), new Claim("realm_access", """{"roles":["helpdesk","pmo","offline_access"]}"""),
            new Claim("role", "admin")); // a top-level claim the provider did not mean as a platform role
        var mapped = await new RoleClaimsTransformation(options).TransformAsync(principal);
        mapped.FindAll("role").Select(c => c.Value).ShouldBe(["agent", "pmo-analyst", "offline_access"], ignoreOrder: true);
        mapped.IsInRole("admin").ShouldBeFalse();
    }

    [Fact]
    public async Task Entra_style_role_names_are_renamed()
    {
        var options = Options.Create(new AuthOptions { RoleClaim = "roles", RoleMap = new() { ["Helpdesk.Agent"] = "agent" } });
        var mapped = await new RoleClaimsTransformation(options).TransformAsync(Principal(new Claim("roles", "Helpdesk.Agent")));
        mapped.FindAll("role").Select(c => c.Value).ShouldBe(["agent"]);
    }

    [Fact]
    public async Task With_the_default_settings_roles_pass_through_untouched()
    {
        var principal = Principal(new Claim("role", "requester"));
        var mapped = await new RoleClaimsTransformation(Options.Create(new AuthOptions())).TransformAsync(principal);
        mapped.FindAll("role").Select(c => c.Value).ShouldBe(["requester"]);
    }
}
