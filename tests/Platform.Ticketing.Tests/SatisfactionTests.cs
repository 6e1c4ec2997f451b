namespace Platform.Ticketing.Tests;

public class ReopenWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_ticket_reopens_to_its_agent_within_the_window_and_not_after()
    {
        var t = Ticket.Open(1, "VPN", "down", "alice", "network", Impact.Low, Urgency.Low, Now);
        t.Assign("bob", "lead", Now);
        t.Apply(TicketAction.Resolve, "bob", Now);
        t.Apply(TicketAction.Reopen, "alice", Now.AddDays(6), TimeSpan.FromDays(7));
        t.Status.ShouldBe(TicketStatus.Assigned);
        t.Assignee.ShouldBe("bob");

        t.Apply(TicketAction.Resolve, "bob", Now.AddDays(6));
        Should.Throw<DomainException>(() => t.Apply(TicketAction.Reopen, "alice", Now.AddDays(14), TimeSpan.FromDays(7)))
            .Code.ShouldBe("reopen-window-passed");
        t.Status.ShouldBe(TicketStatus.Resolved);
    }

    [Fact]
    public void Only_the_requester_rates_once_a_resolved_ticket()
    {
        var t = Ticket.Open(1, "VPN", "down", "alice", "network", Impact.Low, Urgency.Low, Now);
        t.Assign("bob", "lead", Now);
        Should.Throw<DomainException>(() => t.Rate("alice", 5, null, Now)).Code.ShouldBe("not-resolved");
        t.Apply(TicketAction.Resolve, "bob", Now);
        Should.Throw<DomainException>(() => t.Rate("bob", 5, null, Now)).Code.ShouldBe("not-requester");
        t.Rate("alice", 4, " quick ", Now);
        t.SatisfactionRating.ShouldBe(4);
        t.SatisfactionComment.ShouldBe("quick");
        Should.Throw<DomainException>(() => t.Rate("alice", 1, null, Now)).Code.ShouldBe("already-rated");
    }
}

public class SatisfactionTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    [Fact]
    public async Task The_requester_rates_the_resolution_and_tickets_name_their_asset()
    {
        using var alice = fx.As($"alice-{Guid.NewGuid():N}", Roles.Requester);
        var created = await alice.RaiseTicketAsync("Laptop fan loud", "Since the update.", "hardware", "Low", "Low", assetTag: "ast-00031");
        var key = created.Key;
        created.AssetTag.ShouldBe("AST-00031");
        var byAsset = await (await fx.Http.GetAsync("/api/tickets?assetTag=AST-00031")).ReadAsync<Page<TicketResponse>>();
        byAsset.Items.Select(t => t.Key).ShouldContain(key);

        var early = await alice.PostJsonAsync($"/api/tickets/{key}/satisfaction", new { rating = 5 });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.ReadJsonAsync()).Str("code").ShouldBe("not-resolved");

        await fx.Http.AssignAsync(key, "bob");
        await fx.Http.ActAsync(key, "resolve");

        (await fx.Http.PostJsonAsync($"/api/tickets/{key}/satisfaction", new { rating = 5 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await alice.PostJsonAsync($"/api/tickets/{key}/satisfaction", new { rating = 9 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ErrorsAsync()).ShouldContainKey("rating");

        var rated = await alice.PostJsonAsync($"/api/tickets/{key}/satisfaction", new { rating = 4, comment = "Quick, thanks" });
        rated.StatusCode.ShouldBe(HttpStatusCode.OK, await rated.Content.ReadAsStringAsync());
        var satisfaction = (await rated.ReadAsync<TicketResponse>()).Satisfaction.ShouldNotBeNull();
        satisfaction.Rating.ShouldBe(4);
        satisfaction.Comment.ShouldBe("Quick, thanks");
        (await alice.PostJsonAsync($"/api/tickets/{key}/satisfaction", new { rating = 1 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Within the window, reopening returns the ticket to its agent.
        var reopened = await alice.PostJsonAsync($"/api/tickets/{key}/transitions", new { action = "reopen" });
        (await reopened.ReadAsync<TicketResponse>()).Assignee.ShouldBe("bob");

        var unlinked = await fx.Http.PutAsync($"/api/tickets/{key}/asset", JsonContent.Create(new { assetTag = "" }));
        (await unlinked.ReadAsync<TicketResponse>()).AssetTag.ShouldBeNull();
        (await alice.PutAsync($"/api/tickets/{key}/asset", JsonContent.Create(new { assetTag = "AST-1" }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fx.Http.PutAsync($"/api/tickets/{key}/asset", JsonContent.Create(new { assetTag = new string('A', 60) }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
