namespace Platform.Ticketing.Tests;

/// <summary>Agents change a ticket's impact and urgency (the portal's priority picker); the priority follows the matrix.</summary>
public class PriorityChangeTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    [Fact]
    public async Task An_agent_changes_impact_and_urgency_and_the_priority_follows()
    {
        using var alice = fx.As($"alice-{Guid.NewGuid():N}", Roles.Requester);
        var created = await alice.RaiseTicketAsync(impact: "Low", urgency: "Low");
        created.Priority.ShouldBe(Priority.P4);

        var changed = await fx.Http.PostJsonAsync($"/api/tickets/{created.Key}/priority", new { impact = "High", urgency = "High" });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var ticket = await changed.ReadAsync<TicketResponse>();
        (ticket.Impact, ticket.Urgency, ticket.Priority).ShouldBe((Impact.High, Urgency.High, Priority.P1));
        var comments = (await fx.Http.GetTicketAsync(created.Key)).Comments.ShouldNotBeNull();
        var note = comments.Single(c => c.Kind == CommentKind.System && c.Body.Contains("P4 → P1"));
        note.Code.ShouldBe("priority-changed");
        note.Args.ShouldNotBeNull().ShouldBe(new Dictionary<string, string>
        {
            ["impact"] = "High", ["urgency"] = "High", ["priorityBefore"] = "P4", ["priority"] = "P1", ["by"] = note.Args!["by"],
        }, ignoreOrder: true);
        note.Args["by"].ShouldNotBeNullOrEmpty();
        var history = await (await fx.Http.GetAsync($"/api/tickets/{created.Key}/history")).ReadJsonAsync();
        history.EnumerateArray().Any(e => e.GetProperty("changes").TryGetProperty("Priority", out var _)).ShouldBeTrue("the history names the priority change");

        // Requesters may not; bad values are 400 with the field; unknown tickets 404; resolved tickets 409.
        (await alice.PostJsonAsync($"/api/tickets/{created.Key}/priority", new { impact = "Low", urgency = "Low" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await fx.Http.PostJsonAsync($"/api/tickets/{created.Key}/priority", new { impact = "Huge" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.Http.PostJsonAsync($"/api/tickets/{created.Key}/priority", new { impact = "Low" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.Http.PostJsonAsync("/api/tickets/HD-999999999/priority", new { impact = "Low", urgency = "Low" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await fx.Http.AssignAsync(created.Key, "bob");
        await fx.Http.ActAsync(created.Key, "resolve");
        (await fx.Http.PostJsonAsync($"/api/tickets/{created.Key}/priority", new { impact = "Low", urgency = "Low" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
