namespace Platform.Ticketing.Tests;

public class BusinessCalendarTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static BusinessCalendar Office(string zone = "Europe/Paris", int from = 8, int to = 18, params DateOnly[] holidays) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zone),
            Weekdays.Select(d => new WorkingPeriod(d, TimeSpan.FromHours(from), TimeSpan.FromHours(to))), holidays);

    /// <summary>An instant given as local wall-clock time in a zone.</summary>
    private static DateTimeOffset At(string zone, int y, int mo, int d, int h, int mi = 0)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var local = new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Fact]
    public void Round_the_clock_counts_wall_time()
    {
        var cal = BusinessCalendar.AlwaysOpen();
        var start = Utc(2026, 11, 21, 22, 15); // a Saturday night
        cal.Add(start, TimeSpan.FromHours(4)).ShouldBe(start.AddHours(4));
        cal.Between(start, start.AddDays(3)).ShouldBe(TimeSpan.FromDays(3));
        cal.IsWorkingTime(start).ShouldBeTrue();
    }

    [Fact]
    public void The_next_change_is_the_close_when_open_and_the_opening_when_closed()
    {
        var cal = Office();
        var week = TimeSpan.FromDays(8);
        // Monday 23 November 2026, noon in Paris: open until 18:00 (17:00 UTC).
        cal.NextChange(At("Europe/Paris", 2026, 11, 23, 12, 0), week).ShouldBe(Utc(2026, 11, 23, 17));
        // 18:00 sharp is closed: it opens on Tuesday at 08:00; Friday evening, on Monday morning.
        cal.NextChange(At("Europe/Paris", 2026, 11, 23, 18, 0), week).ShouldBe(Utc(2026, 11, 24, 7));
        cal.NextChange(At("Europe/Paris", 2026, 11, 27, 19, 0), week).ShouldBe(Utc(2026, 11, 30, 7));
        // Not within the horizon asked: nothing to tell.
        cal.NextChange(At("Europe/Paris", 2026, 11, 27, 19, 0), TimeSpan.FromHours(12)).ShouldBeNull();
        // Round the clock: the days meet, nothing changes within a week.
        BusinessCalendar.AlwaysOpen().NextChange(Utc(2026, 11, 21, 22, 15), week).ShouldBeNull();
        // Two periods that meet (08-12, 12-18) are one stretch: it closes at 18:00.
        var split = new BusinessCalendar(Paris, Weekdays.SelectMany(d => new[]
            { new WorkingPeriod(d, TimeSpan.FromHours(8), TimeSpan.FromHours(12)), new WorkingPeriod(d, TimeSpan.FromHours(12), TimeSpan.FromHours(18)) }));
        split.NextChange(At("Europe/Paris", 2026, 11, 23, 9, 0), week).ShouldBe(Utc(2026, 11, 23, 17));
    }

    [Fact]
    public void Time_after_closing_runs_on_the_next_working_morning()
    {
        var cal = Office();
        // Monday 23 November 2026, 17:30 in Paris (UTC+1): 30 min today, 30 min on Tuesday from 08:00.
        cal.Add(At("Europe/Paris", 2026, 11, 23, 17, 30), TimeSpan.FromHours(1)).ShouldBe(Utc(2026, 11, 24, 7, 30));
        // Before opening: the clock starts at 08:00.
        cal.Add(At("Europe/Paris", 2026, 11, 23, 6, 0), TimeSpan.FromMinutes(30)).ShouldBe(Utc(2026, 11, 23, 7, 30));
        cal.Between(At("Europe/Paris", 2026, 11, 23, 6, 0), At("Europe/Paris", 2026, 11, 23, 20, 0)).ShouldBe(TimeSpan.FromHours(10));
        cal.IsWorkingTime(At("Europe/Paris", 2026, 11, 23, 12, 0)).ShouldBeTrue();
        cal.IsWorkingTime(At("Europe/Paris", 2026, 11, 23, 18, 0)).ShouldBeFalse();
        cal.IsWorkingTime(At("Europe/Paris", 2026, 11, 23, 7, 59)).ShouldBeFalse();
    }

    [Fact]
    public void Weekends_do_not_count()
    {
        var cal = Office();
        var friday = At("Europe/Paris", 2026, 11, 27, 17, 0);
        cal.Add(friday, TimeSpan.FromHours(2)).ShouldBe(At("Europe/Paris", 2026, 11, 30, 9, 0));
        cal.Between(friday, At("Europe/Paris", 2026, 11, 30, 9, 0)).ShouldBe(TimeSpan.FromHours(2));
        // Raised on Saturday: nothing counts before Monday 08:00.
        var saturday = At("Europe/Paris", 2026, 11, 28, 11, 0);
        cal.Between(saturday, At("Europe/Paris", 2026, 11, 29, 23, 0)).ShouldBe(TimeSpan.Zero);
        cal.Add(saturday, TimeSpan.FromMinutes(15)).ShouldBe(At("Europe/Paris", 2026, 11, 30, 8, 15));
        cal.IsWorkingTime(saturday).ShouldBeFalse();
    }

    [Fact]
    public void Holidays_do_not_count()
    {
        var cal = Office(holidays: [new DateOnly(2026, 12, 25)]);
        // Thursday 24 December 17:00 + 2 h: 1 h on Thursday, Christmas Friday and the weekend skipped, 1 h on Monday.
        cal.Add(At("Europe/Paris", 2026, 12, 24, 17, 0), TimeSpan.FromHours(2)).ShouldBe(At("Europe/Paris", 2026, 12, 28, 9, 0));
        cal.Between(At("Europe/Paris", 2026, 12, 24, 0, 0), At("Europe/Paris", 2026, 12, 29, 0, 0)).ShouldBe(TimeSpan.FromHours(20));
        cal.IsWorkingTime(At("Europe/Paris", 2026, 12, 25, 10, 0)).ShouldBeFalse();
        Office().IsWorkingTime(At("Europe/Paris", 2026, 12, 25, 10, 0)).ShouldBeTrue();
    }

    [Fact]
    public void Working_hours_are_local_to_the_calendars_time_zone()
    {
        var newYork = Office("America/New_York", 9, 17);
        // 13:00 UTC is 08:00 in New York (UTC-5 in November): one hour of work ends at 10:00 local, 15:00 UTC.
        newYork.Add(Utc(2026, 11, 23, 13, 0), TimeSpan.FromHours(1)).ShouldBe(Utc(2026, 11, 23, 15, 0));
        // The same instant is 14:00 in Paris: one hour ends at 15:00 Paris, 14:00 UTC.
        Office().Add(Utc(2026, 11, 23, 13, 0), TimeSpan.FromHours(1)).ShouldBe(Utc(2026, 11, 23, 14, 0));

        // Sunday 23:30 UTC is already Monday 08:30 in Tokyo (UTC+9): work starts at 09:00 local there.
        var tokyo = Office("Asia/Tokyo", 9, 18);
        tokyo.Add(Utc(2026, 11, 22, 23, 30), TimeSpan.FromMinutes(30)).ShouldBe(Utc(2026, 11, 23, 0, 30));
        // And Friday 18:00 in Tokyo is still Friday morning in UTC: the next working minute is Monday in Tokyo.
        tokyo.Add(Utc(2026, 11, 27, 9, 0), TimeSpan.FromMinutes(1)).ShouldBe(Utc(2026, 11, 30, 0, 1));
    }

    [Fact]
    public void Spring_forward_shortens_a_round_the_clock_day_and_keeps_office_hours_local()
    {
        var allDay = BusinessCalendar.AlwaysOpen(Paris);
        // Sunday 29 March 2026: 02:00 becomes 03:00 in Paris.
        allDay.Between(At("Europe/Paris", 2026, 3, 29, 0, 0), At("Europe/Paris", 2026, 3, 30, 0, 0)).ShouldBe(TimeSpan.FromHours(23));

        var cal = Office();
        var fridayEvening = At("Europe/Paris", 2026, 3, 27, 17, 0); // 16:00 UTC (UTC+1)
        var due = cal.Add(fridayEvening, TimeSpan.FromHours(2));
        due.ShouldBe(Utc(2026, 3, 30, 7, 0)); // Monday 09:00 in Paris, now UTC+2
        cal.Between(fridayEvening, due).ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void A_period_inside_the_spring_gap_starts_when_the_clocks_resume()
    {
        var night = new BusinessCalendar(Paris,
            Enum.GetValues<DayOfWeek>().Select(d => new WorkingPeriod(d, TimeSpan.FromHours(2), TimeSpan.FromHours(4))));
        night.Between(At("Europe/Paris", 2026, 3, 28, 12, 0), At("Europe/Paris", 2026, 3, 29, 12, 0)).ShouldBe(TimeSpan.FromHours(1));
        night.Between(At("Europe/Paris", 2026, 3, 29, 12, 0), At("Europe/Paris", 2026, 3, 30, 12, 0)).ShouldBe(TimeSpan.FromHours(2));
        night.Add(At("Europe/Paris", 2026, 3, 28, 12, 0), TimeSpan.FromMinutes(30)).ShouldBe(Utc(2026, 3, 29, 1, 30));
    }

    [Fact]
    public void Fall_back_lengthens_a_round_the_clock_day_and_the_repeated_hour_counts_once_per_occurrence()
    {
        var allDay = BusinessCalendar.AlwaysOpen(Paris);
        // Sunday 25 October 2026: 03:00 becomes 02:00 again in Paris.
        var midnight = At("Europe/Paris", 2026, 10, 25, 0, 0);
        allDay.Between(midnight, At("Europe/Paris", 2026, 10, 26, 0, 0)).ShouldBe(TimeSpan.FromHours(25));
        allDay.Add(midnight, TimeSpan.FromHours(25)).ShouldBe(At("Europe/Paris", 2026, 10, 26, 0, 0));

        var cal = Office();
        var fridayEvening = At("Europe/Paris", 2026, 10, 23, 17, 0); // 15:00 UTC (UTC+2)
        cal.Add(fridayEvening, TimeSpan.FromHours(2)).ShouldBe(Utc(2026, 10, 26, 8, 0)); // Monday 09:00, UTC+1
    }

    [Fact]
    public void Adding_then_measuring_gives_back_the_duration()
    {
        var cal = Office(holidays: [new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)]);
        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var start = Utc(2026, 10, 1, 0).AddMinutes(random.Next(0, 200 * 24 * 60));
            var duration = TimeSpan.FromMinutes(random.Next(0, 60 * 60));
            var due = cal.Add(start, duration);
            cal.Between(start, due).ShouldBe(duration, $"from {start:O} + {duration}");
            due.ShouldBeGreaterThanOrEqualTo(start);
        }
    }

    [Fact]
    public void Nothing_counts_backwards_and_zero_is_due_at_once()
    {
        var cal = Office();
        var t = At("Europe/Paris", 2026, 11, 28, 11, 0);
        cal.Between(t, t.AddHours(-5)).ShouldBe(TimeSpan.Zero);
        cal.Add(t, TimeSpan.Zero).ShouldBe(t);
    }

    [Fact]
    public void Bad_working_periods_are_refused()
    {
        BusinessCalendar.Problems([]).ShouldNotBeEmpty();
        BusinessCalendar.Problems([new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(18), TimeSpan.FromHours(8))]).ShouldNotBeEmpty();
        BusinessCalendar.Problems([new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(8), TimeSpan.FromHours(25))]).ShouldNotBeEmpty();
        BusinessCalendar.Problems([
            new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(8), TimeSpan.FromHours(12)),
            new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(11), TimeSpan.FromHours(14)),
        ]).ShouldNotBeEmpty();
        BusinessCalendar.Problems([
            new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(8), TimeSpan.FromHours(12)),
            new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(13), TimeSpan.FromHours(17)),
        ]).ShouldBeEmpty();
        Should.Throw<ArgumentException>(() => new BusinessCalendar(Paris, []));
    }

    [Fact]
    public void A_calendar_without_any_working_time_ahead_has_no_due_time()
    {
        var firstMonday = new DateOnly(2026, 11, 23);
        var everyMonday = Enumerable.Range(0, BusinessCalendar.HorizonDays / 7 + 2).Select(w => firstMonday.AddDays(7 * w)).ToArray();
        var cal = new BusinessCalendar(TimeZoneInfo.Utc, [new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(9), TimeSpan.FromHours(10))], everyMonday);
        Should.Throw<InvalidOperationException>(() => cal.Add(Utc(2026, 11, 22, 0), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_target_the_calendar_cannot_reach_falls_due_at_the_end_of_its_horizon()
    {
        // One working minute a week and a 300-minute target: 300 weeks, beyond the five-year horizon. Opening a
        // ticket under such a policy threw (500) when its SLA clock started.
        var sparse = new BusinessCalendar(TimeZoneInfo.Utc, [new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(9), TimeSpan.FromHours(9) + TimeSpan.FromMinutes(1))]);
        var start = Utc(2026, 11, 30, 8);
        sparse.AddWithinHorizon(start, TimeSpan.FromMinutes(300)).ShouldBe(start.AddDays(BusinessCalendar.HorizonDays));
        sparse.AddWithinHorizon(start, TimeSpan.FromMinutes(3)).ShouldBe(Utc(2026, 12, 14, 9).AddMinutes(1));
        Should.Throw<InvalidOperationException>(() => sparse.Add(start, TimeSpan.FromMinutes(300)));
    }

    [Fact]
    public void The_ends_of_the_calendar_stop_the_search_instead_of_overflowing()
    {
        // Far-east and far-west zones put the first and last days' periods at the very edges of DateTimeOffset.
        foreach (var zone in new[] { "UTC", "Europe/Paris", "Pacific/Kiritimati", "Etc/GMT+12" })
        {
            var office = Office(zone);
            var always = BusinessCalendar.AlwaysOpen(TimeZoneInfo.FindSystemTimeZoneById(zone));
            foreach (var cal in new[] { office, always })
            {
                Should.Throw<InvalidOperationException>(() => cal.Add(DateTimeOffset.MaxValue, TimeSpan.FromMinutes(1)));
                Should.Throw<InvalidOperationException>(() => cal.Add(Utc(9999, 12, 30, 0), TimeSpan.FromDays(3)));
                cal.Between(Utc(9999, 12, 1, 0), DateTimeOffset.MaxValue).ShouldBeGreaterThan(TimeSpan.Zero);
                cal.Between(DateTimeOffset.MinValue, Utc(1, 1, 10, 0)).ShouldBeGreaterThan(TimeSpan.Zero);
                cal.Add(DateTimeOffset.MinValue, TimeSpan.FromHours(1)).ShouldBeLessThan(Utc(1, 1, 10, 0));
                cal.IsWorkingTime(DateTimeOffset.MaxValue).ShouldBeFalse();
                cal.IsWorkingTime(DateTimeOffset.MinValue).ShouldBeFalse();
            }

            always.Add(Utc(9999, 12, 1, 0), TimeSpan.FromDays(7)).ShouldBe(Utc(9999, 12, 8, 0));
        }
    }
}

public class SlaClockTests
{
    private static readonly DateTimeOffset Open = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly BusinessCalendar AllDay = BusinessCalendar.AlwaysOpen();

    private static readonly SlaPolicy P1 = new()
    {
        Name = "P1", Priority = Priority.P1, CalendarId = Guid.NewGuid(), FirstResponseMinutes = 60, ResolutionMinutes = 240,
    };

    private static Ticket NewTicket()
    {
        var t = Ticket.Open(1, "Mail down", "Nobody can send mail", "alice", "mail", Impact.High, Urgency.High, Open);
        t.ApplySla(P1);
        t.SyncSla(AllDay, Open);
        return t;
    }

    [Fact]
    public void Clocks_start_when_the_ticket_opens()
    {
        var t = NewTicket();
        t.FirstResponse.DueAt.ShouldBe(Open.AddHours(1));
        t.Resolution.DueAt.ShouldBe(Open.AddHours(4));
        t.FirstResponse.WarnAt.ShouldBe(Open.AddMinutes(48));
        t.FirstResponse.StateAt(Open.AddMinutes(30), AllDay).ShouldBe(SlaState.Running);
        t.FirstResponse.StateAt(Open.AddMinutes(50), AllDay).ShouldBe(SlaState.Warning);
        t.FirstResponse.StateAt(Open.AddMinutes(60), AllDay).ShouldBe(SlaState.Breached);
    }

    [Fact]
    public void Pending_pauses_the_clocks_and_resuming_moves_the_due_times()
    {
        var t = NewTicket();
        t.Assign("bob", "lead", Open.AddMinutes(5));
        t.SyncSla(AllDay, Open.AddMinutes(5));
        t.Apply(TicketAction.Start, "bob", Open.AddMinutes(10));
        t.Apply(TicketAction.Pend, "bob", Open.AddMinutes(30));
        t.SyncSla(AllDay, Open.AddMinutes(30));

        t.Resolution.IsRunning.ShouldBeFalse();
        t.FirstResponse.StateAt(Open.AddHours(5), AllDay).ShouldBe(SlaState.Paused);
        t.FirstResponse.ElapsedAt(Open.AddHours(5), AllDay).ShouldBe(TimeSpan.FromMinutes(30));

        var back = Open.AddHours(3);
        t.Apply(TicketAction.Resume, "bob", back);
        t.SyncSla(AllDay, back);
        t.FirstResponse.DueAt.ShouldBe(back.AddMinutes(30));
        t.Resolution.DueAt.ShouldBe(back.AddMinutes(210));
        t.Resolution.ElapsedAt(back.AddMinutes(10), AllDay).ShouldBe(TimeSpan.FromMinutes(40));
    }

    [Fact]
    public void The_first_public_agent_reply_stops_the_first_response_clock()
    {
        var t = NewTicket();
        t.AddComment("alice", "Any news?", CommentKind.Public, Open.AddMinutes(10));
        t.AddComment("bob", "Checking the relay.", CommentKind.Internal, Open.AddMinutes(15), byAgent: true);
        t.SyncSla(AllDay, Open.AddMinutes(15));
        t.FirstResponse.IsStopped.ShouldBeFalse();

        t.AddComment("bob", "We are on it.", CommentKind.Public, Open.AddMinutes(20), byAgent: true);
        t.SyncSla(AllDay, Open.AddMinutes(20));
        t.FirstRespondedAt.ShouldBe(Open.AddMinutes(20));
        t.FirstResponse.StoppedAt.ShouldBe(Open.AddMinutes(20));
        t.FirstResponse.StateAt(Open.AddDays(2), AllDay).ShouldBe(SlaState.Met);
        t.FirstResponse.ElapsedAt(Open.AddDays(2), AllDay).ShouldBe(TimeSpan.FromMinutes(20));
        t.Resolution.IsRunning.ShouldBeTrue();
    }

    [Fact]
    public void A_late_answer_is_a_breach_that_stays_a_breach()
    {
        var t = NewTicket();
        t.AddComment("bob", "Sorry for the wait.", CommentKind.Public, Open.AddMinutes(75), byAgent: true);
        t.SyncSla(AllDay, Open.AddMinutes(75));
        t.FirstResponse.StateAt(Open.AddDays(1), AllDay).ShouldBe(SlaState.Breached);
    }

    [Fact]
    public void Resolving_stops_both_clocks_and_reopening_restarts_resolution_where_it_stopped()
    {
        var t = NewTicket();
        t.Assign("bob", "lead", Open);
        t.Apply(TicketAction.Resolve, "bob", Open.AddMinutes(90));
        t.SyncSla(AllDay, Open.AddMinutes(90));
        t.FirstResponse.StateAt(Open.AddDays(1), AllDay).ShouldBe(SlaState.Breached); // nobody answered within the hour
        t.Resolution.StateAt(Open.AddDays(1), AllDay).ShouldBe(SlaState.Met);
        t.Resolution.ElapsedAt(Open.AddDays(1), AllDay).ShouldBe(TimeSpan.FromMinutes(90));

        var reopened = Open.AddDays(1);
        t.Apply(TicketAction.Reopen, "alice", reopened);
        t.SyncSla(AllDay, reopened);
        t.Resolution.IsRunning.ShouldBeTrue();
        t.Resolution.DueAt.ShouldBe(reopened.AddMinutes(150));
        t.FirstResponse.IsStopped.ShouldBeTrue();
    }

    [Fact]
    public void A_ticket_without_a_policy_has_no_clocks()
    {
        var t = Ticket.Open(2, "x", "y", "alice", "misc", Impact.Low, Urgency.Low, Open);
        t.SyncSla(AllDay, Open);
        t.FirstResponse.IsRunning.ShouldBeFalse();
        t.SlaPolicyId.ShouldBeNull();
    }

    [Fact]
    public void A_category_policy_wins_over_the_general_one()
    {
        var general = new SlaPolicy { Name = "P3", Priority = Priority.P3, FirstResponseMinutes = 240, ResolutionMinutes = 1800 };
        var network = new SlaPolicy { Name = "P3 network", Priority = Priority.P3, Category = "network", FirstResponseMinutes = 60, ResolutionMinutes = 600 };
        SlaPolicy.For([general, network], Priority.P3, "Network").ShouldBe(network);
        SlaPolicy.For([general, network], Priority.P3, "hardware").ShouldBe(general);
        SlaPolicy.For([general, network], Priority.P1, "network").ShouldBeNull();
    }
}
