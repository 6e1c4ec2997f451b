using Microsoft.IdentityModel.Tokens;

namespace Platform.EndToEnd.Tests;

/// <summary>Real sign-in through the gateway, and real tokens the services refuse when they are not genuine.</summary>
public sealed class SignInTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    private static string Edit(string token, Func<JsonElement, string> payload)
    {
        var parts = token.Split('.');
        var json = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1])).RootElement;
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload(json))}.{parts[2]}";
    }

    [Fact]
    public async Task Users_sign_in_with_a_password_and_get_a_token_the_services_accept()
    {
        var token = await Fx.TokenAsync("bob");
        var claims = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement;
        claims.Str("sub").ShouldBe("bob");
        claims.Str("iss").ShouldBe(Fx.Gateway.BaseAddress.ToString());
        claims.GetProperty("aud").ToString().ShouldContain("platform-api");

        using var bob = Fx.WithToken(token);
        (await bob.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var wrong = await Fx.Anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = "bob", ["password"] = "guess", ["scope"] = "tickets",
        }));
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.ReadJsonAsync()).Str("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task An_integration_gets_only_the_scopes_it_was_given()
    {
        var granted = await Fx.ClientCredentialsAsync("tickets");
        granted.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var tool = Fx.WithToken((await granted.ReadJsonAsync()).Str("access_token"));
        var raised = await tool.PostJsonAsync("/api/tickets", new { title = "Disk 95% on db-01", description = "from monitoring", category = "infrastructure", impact = "High", urgency = "Medium" });
        raised.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await raised.ReadJsonAsync()).Str("requester").ShouldBe("monitoring-tool");
        (await tool.GetAsync("/api/projects")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var refused = await Fx.ClientCredentialsAsync("projects");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ReadJsonAsync()).Str("error").ShouldBe("invalid_scope");
    }

    [Fact]
    public async Task Edited_forged_or_missing_tokens_get_401_and_change_nothing()
    {
        var alice = await Fx.TokenAsync("alice");
        var tampered = Edit(alice, p => p.GetRawText().Replace("\"requester\"", "\"admin\"").Replace("\"alice\"", "\"admin\""));
        var unsigned = Edit(alice, p => p.GetRawText()).Split('.') is var parts
            ? $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}." : "";
        var title = $"forged {Guid.NewGuid():N}";

        foreach (var (name, token) in new[] { ("missing", (string?)null), ("garbage", "not-a-token"), ("tampered role", tampered), ("alg none", unsigned) })
        {
            using var client = Fx.WithToken(token);
            var response = await client.PostJsonAsync("/api/tickets", new { title, description = "d", category = "c", impact = "High", urgency = "High" });
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, name);
            (await client.GetAsync("/api/projects")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, name);
        }

        var all = await (await Http.GetAsync("/api/tickets?limit=200")).ReadJsonAsync();
        all.GetProperty("items").EnumerateArray().ShouldNotContain(t => t.Str("title") == title);
    }

    [Fact]
    public async Task A_requester_replaying_requests_on_another_requesters_ticket_gets_no_data()
    {
        using var alice = await Fx.ClientForAsync("alice");
        using var erin = await Fx.ClientForAsync("erin");
        var ticket = await (await alice.PostJsonAsync("/api/tickets", new
        {
            title = "Alice's secret laptop issue", description = "private", category = "hardware", impact = "Low", urgency = "Low",
        })).ReadJsonAsync();

        foreach (var reference in new[] { ticket.Str("id"), ticket.Str("key") })
        {
            foreach (var response in new[]
                     {
                         await erin.GetAsync($"/api/tickets/{reference}"),
                         await erin.GetAsync($"/api/tickets/{reference}/comments"),
                         await erin.GetAsync($"/api/tickets/{reference}/history"),
                         await erin.PostJsonAsync($"/api/tickets/{reference}/comments", new { body = "x" }),
                         await erin.PostJsonAsync($"/api/tickets/{reference}/transitions", new { action = "close" }),
                         await erin.PostJsonAsync($"/api/tickets/{reference}/assign", new { assignee = "erin" }),
                         await erin.PostJsonAsync($"/api/tickets/{reference}/promote", new { projectKey = "PRJ-1" }),
                     })
            {
                ((int)response.StatusCode).ShouldBeOneOf(403, 404);
                (await response.Content.ReadAsStringAsync()).ShouldNotContain("secret laptop");
            }
        }

        var byQuery = await (await erin.GetAsync("/api/tickets?requester=alice&limit=200")).ReadJsonAsync();
        byQuery.GetProperty("items").GetArrayLength().ShouldBe(0);
        var forged = await (await erin.PostJsonAsync("/api/tickets", new { title = "t", description = "d", requester = "alice", category = "c", impact = "Low", urgency = "Low" })).ReadJsonAsync();
        forged.Str("requester").ShouldBe("erin");

        var untouched = await (await alice.GetAsync($"/api/tickets/{ticket.Str("key")}")).ReadJsonAsync();
        untouched.Str("status").ShouldBe("New");
        untouched.GetProperty("comments").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_backbone_flow_with_each_role_doing_its_part()
    {
        using var alice = await Fx.ClientForAsync("alice");
        using var bob = await Fx.ClientForAsync("bob");
        using var carol = await Fx.ClientForAsync("carol");

        var project = await (await carol.PostJsonAsync("/api/projects", new { name = "Branch office network", manager = "carol" })).ReadJsonAsync();
        var ticket = await (await alice.PostJsonAsync("/api/tickets", new
        {
            title = "Branch office offline", description = "No network since 9:00", category = "network", impact = "High", urgency = "High",
        })).ReadJsonAsync();
        var key = ticket.Str("key");
        ticket.Str("requester").ShouldBe("alice");

        (await bob.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bob.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "start" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PromoteWhenProjectKnownAsync(key, project.Str("key"), client: bob)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var linked = await Eventually.GetAsync(async () => await (await alice.GetAsync($"/api/tickets/{key}")).ReadJsonAsync(),
            t => t.GetProperty("project").ValueKind == JsonValueKind.Object && t.GetProperty("project").GetProperty("issueKey").ValueKind == JsonValueKind.String);
        var href = linked.GetProperty("project").Str("href");
        (await alice.GetAsync(href)).StatusCode.ShouldBe(HttpStatusCode.NotFound); // not her project
        (await carol.PostJsonAsync($"{href}/transitions", new { action = "Resolve", note = "Router replaced" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var resolved = await Eventually.GetAsync(async () => await (await alice.GetAsync($"/api/tickets/{key}")).ReadJsonAsync(),
            t => t.Str("status") == "Resolved");
        resolved.GetProperty("comments").EnumerateArray().ShouldContain(c => c.Str("kind") == "System" && c.Str("body").Contains("Router replaced"));

        var history = await (await bob.GetAsync($"/api/tickets/{key}/history")).ReadJsonAsync();
        history.EnumerateArray().Select(h => h.Str("actor")).ShouldBe(["alice", "bob", "bob", "bob", "system", "system"], ignoreOrder: false);
    }
}
