namespace Platform.Projects.Tests;

public class AllocationApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<string> ProjectWithMemberAsync(string member, string manager = "pm")
    {
        await fx.PeopleAsync(member, manager);
        return await Http.ProjectWithMemberAsync(member, manager);
    }

    private async Task<AllocationResultView> AllocateAsync(string key, string user, int percent, string from, string to) =>
        await (await Http.PostJsonAsync($"/api/projects/{key}/allocations", new { userId = user, percent, from, to }))
            .ReadAsync<AllocationResultView>(HttpStatusCode.Created);

    [Fact]
    public async Task Over_allocation_across_projects_raises_the_event_and_one_escalation()
    {
        var user = $"eng-{Guid.NewGuid():N}";
        var a = await ProjectWithMemberAsync(user);
        var b = await ProjectWithMemberAsync(user);
        (await AllocateAsync(a, user, 60, "2027-02-01", "2027-02-28")).OverAllocatedWeeks.ShouldBeEmpty();
        var over = await AllocateAsync(b, user, 50, "2027-02-15", "2027-03-31");
        over.OverAllocatedWeeks.Select(w => w.IsoWeek).ShouldBe([7, 8]); // 15–28 February 2027
        over.OverAllocatedWeeks[0].ShouldBe(new WeekView(2027, 7, new DateOnly(2027, 2, 15), 110, over.OverAllocatedWeeks[0].ProjectKeys));
        over.OverAllocatedWeeks[0].ProjectKeys.ShouldBe(new[] { a, b }.Order(StringComparer.Ordinal).ToList());
        over.Allocation.ShouldBe(over.Allocation with { ProjectKey = b, UserId = user, Percent = 50, From = new DateOnly(2027, 2, 15), To = new DateOnly(2027, 3, 31) });

        var raised = await fx.Bus.WaitForAsync<ResourceOverAllocated>(e => e.UserId == user);
        raised.ProjectKey.ShouldBe(b);
        raised.Weeks.Select(w => w.IsoWeek).ShouldBe([7, 8]);
        raised.Weeks[0].ProjectKeys.ShouldBe(new[] { a, b }.Order(StringComparer.Ordinal).ToList());
        raised.Weeks[0].Percent.ShouldBe(110);
        var escalation = await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == b);
        escalation.Rule.ShouldBe("OverAllocation");
        escalation.SourceId.ShouldBe(user);

        // Worse again on the same project while the escalation is open: the event says so, no second escalation.
        await AllocateAsync(b, user, 10, "2027-02-16", "2027-02-16");
        await Eventually.GetAsync(() => Task.FromResult(fx.Bus.Messages<ResourceOverAllocated>().Count(e => e.UserId == user)), n => n == 2);
        // Within capacity: no event.
        await AllocateAsync(b, user, 10, "2027-06-01", "2027-06-30");
        await Task.Delay(1500);
        fx.Bus.Messages<ResourceOverAllocated>().Count(e => e.UserId == user).ShouldBe(2);
        fx.Bus.Messages<ProjectEscalationRaised>().Count(e => e.ProjectKey == b).ShouldBe(1);
        fx.Bus.Messages<ProjectEscalationRaised>().Count(e => e.ProjectKey == a).ShouldBe(0);

        var person = await Http.GetAsync<PersonAllocationsView>($"/api/people/{user}/allocations");
        person.UserId.ShouldBe(user);
        person.Allocations.Count.ShouldBe(4);
        person.OverAllocatedWeeks.Select(w => w.Percent).ShouldBe([120, 110]);

        using var self = fx.As(user, Roles.PsoStaff);
        (await self.GetAsync<PersonAllocationsView>($"/api/people/{user}/allocations")).Allocations.Count.ShouldBe(4);
        using var stranger = fx.As($"s-{Guid.NewGuid():N}", Roles.PsoStaff);
        (await stranger.GetAsync<PersonAllocationsView>($"/api/people/{user}/allocations")).Allocations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Concurrent_bookings_of_one_person_cannot_both_miss_the_over_allocation()
    {
        var user = $"eng-{Guid.NewGuid():N}";
        var a = await ProjectWithMemberAsync(user);
        var b = await ProjectWithMemberAsync(user);
        var results = await Task.WhenAll(
            Http.PostJsonAsync($"/api/projects/{a}/allocations", new { userId = user, percent = 70, from = "2027-05-03", to = "2027-05-09" }),
            Http.PostJsonAsync($"/api/projects/{b}/allocations", new { userId = user, percent = 70, from = "2027-05-03", to = "2027-05-09" }));
        results.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        (await fx.Bus.WaitForAsync<ResourceOverAllocated>(e => e.UserId == user)).Weeks.Single().IsoWeek.ShouldBe(18);
        await Task.Delay(1000);
        fx.Bus.Messages<ResourceOverAllocated>().Count(e => e.UserId == user).ShouldBe(1);
    }

    [Fact]
    public async Task Only_members_are_allocated_by_PMO_or_the_manager_and_bad_input_is_a_problem()
    {
        var manager = $"pm-{Guid.NewGuid():N}";
        var user = $"eng-{Guid.NewGuid():N}";
        var key = await ProjectWithMemberAsync(user, manager);
        var url = $"/api/projects/{key}/allocations";
        var unknown = await Http.PostJsonAsync(url, new { userId = "nobody-we-know", percent = 50, from = "2027-01-01", to = "2027-01-31" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await unknown.ReadJsonAsync();
        problem.Str("code").ShouldBe("unknown-person");
        problem.GetProperty("errors").TryGetProperty("userId", out _).ShouldBeTrue();
        await fx.PeopleAsync("someone-else");
        var stranger = await Http.PostJsonAsync(url, new { userId = "someone-else", percent = 50, from = "2027-01-01", to = "2027-01-31" });
        stranger.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stranger.ReadJsonAsync()).Str("code").ShouldBe("not-a-member");
        var bad = await Http.PostJsonAsync(url, new { userId = user, percent = 120, from = "2027-02-01", to = "2027-01-31" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        errors.TryGetProperty("percent", out _).ShouldBeTrue();
        errors.TryGetProperty("to", out _).ShouldBeTrue();

        using var member = fx.As(user, Roles.PsoStaff);
        (await member.PostJsonAsync(url, new { userId = user, percent = 50, from = "2027-01-01", to = "2027-01-31" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var pm = fx.As(manager, Roles.PsoStaff);
        var id = (await (await pm.PostJsonAsync(url, new { userId = user, percent = 50, from = "2027-01-01", to = "2027-01-31" }))
            .ReadAsync<AllocationResultView>(HttpStatusCode.Created)).Allocation.Id;
        (await member.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.DeleteAsync($"{url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pm.DeleteAsync($"{url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await pm.DeleteAsync($"{url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Leaving the project releases the person's allocations on it.
        (await pm.PostJsonAsync(url, new { userId = user, percent = 40, from = "2027-03-01", to = "2027-03-31" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await pm.DeleteAsync($"/api/projects/{key}/members/{user}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fx.Http.GetAsync<PersonAllocationsView>($"/api/people/{user}/allocations")).Allocations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Dates_at_the_edge_of_the_calendar_are_a_problem_and_the_far_end_of_the_range_still_books()
    {
        var user = $"eng-{Guid.NewGuid():N}";
        var key = await ProjectWithMemberAsync(user);
        var url = $"/api/projects/{key}/allocations";
        foreach (var (from, to) in new[] { ("9999-12-31", "9999-12-31"), ("2999-12-01", "9999-12-31"), ("0001-01-01", "0001-01-01"), ("1899-12-31", "1900-01-31") })
        {
            var bad = await Http.PostJsonAsync(url, new { userId = user, percent = 50, from, to });
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{from}..{to}: {await bad.Content.ReadAsStringAsync()}");
            var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
            (errors.TryGetProperty(from is "9999-12-31" or "0001-01-01" or "1899-12-31" ? "from" : "to", out var messages)).ShouldBeTrue();
            messages[0].GetString()!.ShouldContain("1900-01-01 and 2999-12-31");
        }

        (await Http.GetAsync<List<AllocationView>>(url)).ShouldBeEmpty();

        // The last month of the range: booked, and over-allocation counted up to its last ISO week (3000-W01).
        await AllocateAsync(key, user, 60, "2999-12-01", "2999-12-31");
        var over = await AllocateAsync(key, user, 50, "2999-12-01", "2999-12-31");
        over.OverAllocatedWeeks.Select(w => w.IsoYear * 100 + w.IsoWeek).ShouldBe([299948, 299949, 299950, 299951, 299952, 300001]);
        (await Http.GetAsync<List<AllocationView>>(url)).Count.ShouldBe(2);
    }
}
