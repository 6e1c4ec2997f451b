using Platform.Ticketing.Features.Sla;

namespace Platform.Ticketing.Tests;

public class SlaApiTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<TicketResponse> CreateAsync(string impact, string urgency, string category = "mail") =>
        await Http.RaiseTicketAsync("Mail relay refuses everything", "550 on every message since 09:00.", category, impact, urgency,
            requester: await fx.JoinOnceAsync("alice", Roles.Requester));

    [Fact]
    public async Task The_defaults_are_seeded()
    {
        var calendars = await (await Http.GetAsync("/api/calendars")).ReadAsync<List<CalendarResponse>>();
        var paris = calendars.Single(c => c.Name == "Paris office hours");
        paris.TimeZone.ShouldBe("Europe/Paris");
        paris.WorkingPeriods.Count.ShouldBe(5);
        paris.WorkingPeriods[0].Start.ShouldBe("08:00");
        paris.Holidays.ShouldContain(new DateOnly(2026, 12, 25));
        calendars.Single(c => c.Name == "24x7").WorkingPeriods[0].End.ShouldBe("24:00");

        var policies = await (await Http.GetAsync("/api/sla-policies")).ReadAsync<List<SlaPolicyResponse>>();
        var p1 = policies.Single(p => p.Priority == Priority.P1 && p.Category is null);
        p1.FirstResponseMinutes.ShouldBe(60);
        p1.ResolutionMinutes.ShouldBe(240);
        policies.Select(p => p.Priority).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task A_ticket_shows_its_clocks_which_pause_while_pending_and_the_first_agent_reply_stops_first_response()
    {
        var ticket = await CreateAsync("High", "High"); // P1: 1 h / 4 h round the clock
        var key = ticket.Key;
        var sla = ticket.Sla.ShouldNotBeNull();
        sla.FirstResponse.TargetMinutes.ShouldBe(60);
        sla.FirstResponse.DueAt.ShouldBe(ticket.CreatedAt.AddHours(1));
        sla.Resolution.DueAt.ShouldBe(ticket.CreatedAt.AddHours(4));
        sla.FirstResponse.State.ShouldBe(SlaState.Running);
        sla.FirstResponse.RemainingMinutes.ShouldBeInRange(59, 60);
        sla.Paused.ShouldBeFalse();

        await Http.AssignAsync(key, "bob");
        await Http.ActAsync(key, "start");
        var pending = (await Http.ActAsync(key, "pend")).Sla.ShouldNotBeNull();
        pending.Paused.ShouldBeTrue();
        pending.Resolution.State.ShouldBe(SlaState.Paused);
        pending.Resolution.DueAt.ShouldBeNull();

        var resumed = (await Http.ActAsync(key, "resume")).Sla.ShouldNotBeNull();
        resumed.Resolution.State.ShouldBe(SlaState.Running);
        resumed.Resolution.DueAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(ticket.CreatedAt.AddHours(4));

        // A requester's comment and an internal note do not count as the help desk's answer.
        using var alice = fx.As("alice", Roles.Requester);
        (await alice.PostJsonAsync($"/api/tickets/{key}/comments", new { body = "Still broken." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Http.PostJsonAsync($"/api/tickets/{key}/comments", new { body = "Relay queue full.", @internal = true })).EnsureSuccessStatusCode();
        (await Http.GetTicketAsync(key)).Sla!.FirstResponse.State.ShouldBe(SlaState.Running);

        (await Http.PostJsonAsync($"/api/tickets/{key}/comments", new { body = "We are restarting the relay." })).EnsureSuccessStatusCode();
        var answered = (await Http.GetTicketAsync(key)).Sla.ShouldNotBeNull();
        answered.FirstResponse.State.ShouldBe(SlaState.Met);
        answered.FirstResponse.StoppedAt.ShouldNotBeNull();
        answered.Resolution.State.ShouldBe(SlaState.Running);

        // The requester sees the same clocks on the list.
        var mine = await (await alice.GetAsync("/api/tickets")).ReadAsync<Page<TicketResponse>>();
        mine.Items.Single(t => t.Key == key).Sla!.FirstResponse.State.ShouldBe(SlaState.Met);
    }

    [Fact]
    public async Task A_clock_says_whether_it_counts_now_and_at_what_share_it_warns()
    {
        // A desk open one day of the week only, three days from today: closed now, whatever the time.
        var openDay = DateTime.UtcNow.AddDays(3).DayOfWeek;
        var calendar = await (await Http.PostJsonAsync("/api/calendars", new
        {
            name = $"Closed today {Guid.NewGuid():N}", timeZone = "UTC",
            workingPeriods = new[] { new { day = openDay.ToString(), start = "00:00", end = "23:30" } },
        })).ReadJsonAsync();
        var category = $"closed-{Guid.NewGuid():N}"[..20];
        (await Http.PostJsonAsync("/api/sla-policies", new
        {
            name = "Closed desk P4", priority = "P4", category, calendarId = calendar.Str("id"), firstResponseMinutes = 30,
            resolutionMinutes = 120, warningPercent = 60,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var closed = (await CreateAsync("Low", "Low", category)).Sla.ShouldNotBeNull();
        (closed.FirstResponse.Counting, closed.FirstResponse.WarningPercent, closed.FirstResponse.State).ShouldBe((false, 60, SlaState.Running));
        // It starts counting when the desk opens: midnight (UTC) of the open day.
        var opens = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3), TimeSpan.Zero);
        closed.FirstResponse.CountingChangesAt.ShouldBe(opens);
        closed.Resolution.CountingChangesAt.ShouldBe(opens);
        var open = (await CreateAsync("High", "High", "hardware")).Sla.ShouldNotBeNull(); // the seeded P1 policy, round the clock
        (open.FirstResponse.Counting, open.FirstResponse.WarningPercent, open.FirstResponse.CountingChangesAt).ShouldBe((true, 80, null));
    }

    [Fact]
    public async Task Office_hours_policies_count_on_their_calendar_and_a_category_policy_wins()
    {
        var calendar = await (await Http.PostJsonAsync("/api/calendars", new
        {
            name = $"Tokyo {Guid.NewGuid():N}", timeZone = "Asia/Tokyo",
            workingPeriods = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }
                .Select(day => new { day, start = "09:00", end = "18:00" }),
            holidays = new[] { "2027-01-01" },
        })).ReadJsonAsync();
        var calendarId = calendar.Str("id");
        var category = $"payroll-{Guid.NewGuid():N}"[..20];
        var created = await Http.PostJsonAsync("/api/sla-policies", new
        {
            name = "Payroll P4", priority = "P4", category, calendarId, firstResponseMinutes = 30, resolutionMinutes = 120,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var ticket = await CreateAsync("Low", "Low", category);
        var sla = ticket.Sla.ShouldNotBeNull();
        sla.CalendarId.ToString().ShouldBe(calendarId);
        var due = sla.FirstResponse.DueAt.ShouldNotBeNull();
        var tokyo = TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        tokyo.DayOfWeek.ShouldNotBe(DayOfWeek.Saturday);
        tokyo.DayOfWeek.ShouldNotBe(DayOfWeek.Sunday);
        (tokyo.TimeOfDay > TimeSpan.FromHours(9) && tokyo.TimeOfDay <= TimeSpan.FromHours(18)).ShouldBeTrue(tokyo.ToString("O"));

        var dueCheck = await (await Http.GetAsync($"/api/calendars/{calendarId}/due?start=2026-11-27T08:30:00Z&minutes=60")).ReadAsync<DueResponse>();
        // Friday 17:30 in Tokyo: 30 min on Friday, 30 on Monday from 09:00 (00:00 UTC).
        dueCheck.DueAt.ShouldBe(new DateTimeOffset(2026, 11, 30, 0, 30, 0, TimeSpan.Zero));

        // A general P4 ticket still gets the seeded P4 policy.
        var general = await CreateAsync("Low", "Low", "hardware");
        general.Sla.ShouldNotBeNull().FirstResponse.TargetMinutes.ShouldBe(600);

        // The calendar is in use: it cannot be deleted.
        var delete = await Http.DeleteAsync($"/api/calendars/{calendarId}");
        delete.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await delete.ReadJsonAsync()).Str("code").ShouldBe("calendar-in-use");
    }

    [Fact]
    public async Task Calendars_and_policies_refuse_bad_input_with_field_errors()
    {
        var bad = await Http.PostJsonAsync("/api/calendars", new
        {
            name = "", timeZone = "Mars/Olympus",
            workingPeriods = new object[] { new { day = "Monday", start = "18:00", end = "08:00" }, new { day = "Tuesday", start = "8h", end = "25:00" } },
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await bad.ErrorsAsync();
        foreach (var field in new[] { "name", "timeZone", "workingPeriods[1].start", "workingPeriods[1].end" })
            errors.ShouldContainKey(field);

        var overlap = await Http.PostJsonAsync("/api/calendars", new
        {
            name = "overlap", timeZone = "Europe/Paris",
            workingPeriods = new[] { new { day = "Monday", start = "08:00", end = "12:00" }, new { day = "Monday", start = "11:00", end = "13:00" } },
        });
        overlap.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await overlap.ErrorsAsync()).ShouldContainKey("workingPeriods");

        var noPeriods = await Http.PostJsonAsync("/api/calendars", new { name = "none", timeZone = "UTC" });
        noPeriods.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var badDay = await Http.PostRawAsync("/api/calendars", """{"name":"x","timeZone":"UTC","workingPeriods":[{"day":"Caturday","start":"08:00","end":"09:00"}]}""");
        badDay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var policy = await Http.PostJsonAsync("/api/sla-policies", new
        {
            name = "", priority = "P9", calendarId = Guid.NewGuid(), firstResponseMinutes = 0, resolutionMinutes = -1, warningPercent = 120,
        });
        policy.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var policyMissing = await Http.PostJsonAsync("/api/sla-policies", new { name = "x" });
        var perrors = await policyMissing.ErrorsAsync();
        foreach (var field in new[] { "priority", "calendarId", "firstResponseMinutes", "resolutionMinutes" })
            perrors.ShouldContainKey(field);

        var unknownCalendar = await Http.PostJsonAsync("/api/sla-policies", new
        {
            name = "x", priority = "P2", category = "zzz", calendarId = Guid.NewGuid(), firstResponseMinutes = 10, resolutionMinutes = 20,
        });
        (await unknownCalendar.ErrorsAsync()).ShouldContainKey("calendarId");

        // A second general policy for a priority is refused.
        var duplicate = await Http.PostJsonAsync("/api/sla-policies", new
        {
            name = "another P1", priority = "P1", calendarId = "0193a000-0000-7000-8000-000000000001", firstResponseMinutes = 10, resolutionMinutes = 20,
        });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.ErrorsAsync()).ShouldContainKey("category");

        (await Http.GetAsync($"/api/calendars/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync($"/api/sla-policies/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.DeleteAsync($"/api/sla-policies/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/calendars/0193a000-0000-7000-8000-000000000002/due")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_due_time_at_the_edge_of_the_calendar_is_a_problem_not_a_crash()
    {
        foreach (var calendar in new[] { SlaDefaults.AlwaysOpenId, SlaDefaults.ParisOfficeId })
        {
            var url = $"/api/calendars/{calendar}/due";
            foreach (var (query, field) in new[]
                     {
                         ("start=9999-12-31T00:00:00Z&minutes=60", "start"), ("start=9999-12-31T23:59:59Z&minutes=0", "start"),
                         ("start=0001-01-01T00:00:00Z&minutes=60", "start"), ("start=3000-01-01T00:00:00Z&minutes=1", "start"),
                         ("start=1899-12-31T23:59:59Z&minutes=1", "start"),
                         ("minutes=2147483647", "minutes"), ("minutes=-1", "minutes"), ("minutes=-2147483648", "minutes"),
                     })
            {
                var bad = await Http.GetAsync($"{url}?{query}");
                bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{query}: {await bad.Content.ReadAsStringAsync()}");
                (await bad.ErrorsAsync()).ShouldContainKey(field, query);
            }

            // The last moment of the range plus the largest duration lands in year 3000, computed.
            var last = await Http.GetAsync($"{url}?start=2999-12-31T23:59:59Z&minutes=525600");
            last.StatusCode.ShouldBe(HttpStatusCode.OK, await last.Content.ReadAsStringAsync());
            (await last.ReadAsync<DueResponse>()).DueAt.Year.ShouldBeGreaterThanOrEqualTo(3000);
        }
    }

    [Fact]
    public async Task Only_agents_and_admins_manage_calendars_and_policies()
    {
        using var alice = fx.As("alice", Roles.Requester);
        (await alice.GetAsync("/api/calendars")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await alice.PostJsonAsync("/api/sla-policies", new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var pmo = fx.As("carol", Roles.PmoAnalyst);
        (await pmo.GetAsync("/api/sla-policies")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var admin = fx.As("root", Roles.Admin);
        (await admin.GetAsync("/api/sla-policies")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var anonymous = fx.WithToken(null);
        (await anonymous.GetAsync("/api/calendars")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
