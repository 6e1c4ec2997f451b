using Platform.Portal.Api;
using Platform.Portal.Components.Desk;
using Platform.Portal.Desk;

namespace Platform.Portal.Tests;

public sealed class SlaCountdownTests
{
    private static SlaClockView Clock(int target, int remaining, string state = "Running", DateTimeOffset? stopped = null) =>
        new(target, target - remaining, remaining, DateTimeOffset.UnixEpoch, stopped, state);

    [Fact]
    public void A_running_clock_counts_down_and_warns_once_the_policys_share_is_used_then_breaches()
    {
        SlaCountdown.Read(Clock(60, 30), false, TimeSpan.FromSeconds(10)).ShouldBe(new SlaReading(TimeSpan.FromSeconds(30 * 60 - 10), SlaLevel.Ok, true));
        SlaCountdown.Read(Clock(60, 14), false, TimeSpan.FromMinutes(1)).Level.ShouldBe(SlaLevel.Ok); // 13 of 60 left: 78 % used
        SlaCountdown.Read(Clock(60, 13), false, TimeSpan.FromMinutes(1)).Level.ShouldBe(SlaLevel.Warning); // 12 left: 80 % used
        SlaCountdown.Read(Clock(60, 30) with { WarningPercent = 50 }, false, TimeSpan.FromSeconds(1)).Level.ShouldBe(SlaLevel.Warning);
        SlaCountdown.Read(Clock(60, 40, "Warning"), false, TimeSpan.Zero).Level.ShouldBe(SlaLevel.Warning); // ticketing's own warning
        var over = SlaCountdown.Read(Clock(60, 1), false, TimeSpan.FromSeconds(61));
        (over.Level, over.Remaining, over.Ticking).ShouldBe((SlaLevel.Breached, TimeSpan.FromSeconds(-1), true));
        SlaCountdown.Read(Clock(60, -5, "Breached"), false, TimeSpan.Zero).Level.ShouldBe(SlaLevel.Breached);
    }

    [Fact]
    public void Stopped_and_paused_clocks_do_not_tick()
    {
        var met = SlaCountdown.Read(Clock(60, 20, "Met", DateTimeOffset.UnixEpoch), false, TimeSpan.FromHours(5));
        (met.Level, met.Ticking, met.Remaining).ShouldBe((SlaLevel.Met, false, TimeSpan.FromMinutes(20)));
        var paused = SlaCountdown.Read(Clock(60, 20), true, TimeSpan.FromHours(5));
        (paused.Level, paused.Ticking, paused.Remaining).ShouldBe((SlaLevel.Paused, false, TimeSpan.FromMinutes(20)));
        SlaCountdown.Read(Clock(60, -3, "Breached", DateTimeOffset.UnixEpoch), false, TimeSpan.Zero).Level.ShouldBe(SlaLevel.Breached);
    }

    [Fact]
    public void Outside_business_hours_a_running_clock_stands_still_and_says_why()
    {
        var closed = SlaCountdown.Read(Clock(60, 30) with { Counting = false }, false, TimeSpan.FromHours(3));
        closed.ShouldBe(new SlaReading(TimeSpan.FromMinutes(30), SlaLevel.Ok, false, OutsideHours: true));
    }

    [Theory]
    [InlineData(0, "0:00:00")]
    [InlineData(59, "0:00:59")]
    [InlineData(3 * 3600 + 5 * 60 + 7, "3:05:07")]
    [InlineData(-61, "-0:01:01")]
    [InlineData(26 * 3600 + 1, "1d 02:00:01")]
    public void Times_left_read_as_hours_minutes_seconds(int seconds, string expected) =>
        SlaCountdown.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
}

public sealed class SlaTimerTests : PortalContext
{
    private IRenderedComponent<SlaTimer> Render(SlaClockView clock, bool paused = false) =>
        Render<SlaTimer>(p => p.Add(t => t.Clock, clock).Add(t => t.Paused, paused).Add(t => t.ReadAt, Time.GetUtcNow())
            .Add(t => t.Label, "First response").Add(t => t.TestId, "sla-first-response"));

    [Fact]
    public void Counts_down_each_second_and_turns_from_warning_to_breached()
    {
        var cut = Render(new SlaClockView(60, 50, 10, Time.GetUtcNow().AddMinutes(10), null, "Running"));
        cut.Find(".sla-remaining").TextContent.ShouldBe("0:10:00");
        cut.Find(".sla-timer").ClassList.ShouldContain("sla-warning"); // 10 of 60 minutes left
        cut.Find(".sla-timer").GetAttribute("role").ShouldBe("group");
        cut.Find(".sla-timer").GetAttribute("aria-label").ShouldBe("First response");

        Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => cut.Find(".sla-remaining").TextContent.ShouldBe("0:09:59"));

        Time.Advance(TimeSpan.FromMinutes(10));
        cut.WaitForAssertion(() =>
        {
            cut.Find(".sla-remaining").TextContent.ShouldBe("-0:00:01");
            cut.Find(".sla-timer").ClassList.ShouldContain("sla-breached");
            cut.Find(".sla-timer").GetAttribute("data-level").ShouldBe("Breached");
        });
        cut.Markup.ShouldContain("Breached");
    }

    [Fact]
    public void A_healthy_clock_is_on_track_and_a_met_one_stands_still()
    {
        var ok = Render(new SlaClockView(480, 60, 420, Time.GetUtcNow().AddMinutes(420), null, "Running"));
        ok.Find(".sla-timer").ClassList.ShouldContain("sla-ok");
        ok.Markup.ShouldContain("On track");

        var met = Render(new SlaClockView(60, 12, 48, null, Time.GetUtcNow(), "Met"));
        met.Find(".sla-timer").ClassList.ShouldContain("sla-met");
        var before = met.Markup;
        Time.Advance(TimeSpan.FromMinutes(5));
        met.Markup.ShouldBe(before);
        met.Markup.ShouldContain("Met");
    }

    [Fact]
    public void Outside_business_hours_the_timer_stands_still()
    {
        var cut = Render(new SlaClockView(480, 60, 420, Time.GetUtcNow().AddHours(20), null, "Running", Counting: false));
        Time.Advance(TimeSpan.FromMinutes(3));
        cut.Find(".sla-remaining").TextContent.ShouldBe("7:00:00");
        cut.Find("[data-testid='sla-outside-hours']").TextContent.ShouldContain("outside business hours");
        cut.Find(".sla-timer").ClassList.ShouldContain("sla-ok");
    }

    [Fact]
    public void A_paused_clock_says_so_and_does_not_count()
    {
        var cut = Render(new SlaClockView(60, 20, 40, null, null, "Paused"), paused: true);
        cut.Find(".sla-timer").ClassList.ShouldContain("sla-paused");
        Time.Advance(TimeSpan.FromMinutes(3));
        cut.Find(".sla-remaining").TextContent.ShouldBe("0:40:00");
    }

    [Fact]
    public void The_clocks_are_read_again_when_the_desk_opens_and_a_counting_clock_stands_still_once_it_closes()
    {
        var now = Time.GetUtcNow();
        var opens = now.AddMinutes(30);
        SlaView Closed(DateTimeOffset readAt) => new(Guid.Empty, Guid.Empty, false,
            new SlaClockView(60, 0, 60, readAt.AddHours(2), null, "Running", Counting: false, CountingChangesAt: opens),
            new SlaClockView(480, 0, 480, readAt.AddHours(9), null, "Running", Counting: false, CountingChangesAt: opens));
        var reads = 0;
        var cut = Render<TicketSla>(p => p.Add(t => t.Sla, Closed(now)).Add(t => t.ReadAt, now)
            .Add(t => t.OnCountingChange, () => reads++));
        Time.Advance(TimeSpan.FromMinutes(29));
        reads.ShouldBe(0);
        Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => reads.ShouldBe(1));

        // Read again: counting now, until the desk closes in ten minutes; twenty minutes on, ten were counted.
        var readAt = Time.GetUtcNow();
        var closes = readAt.AddMinutes(10);
        var open = new SlaView(Guid.Empty, Guid.Empty, false,
            new SlaClockView(60, 0, 60, readAt.AddHours(1), null, "Running", Counting: true, CountingChangesAt: closes),
            new SlaClockView(480, 0, 480, readAt.AddHours(8), null, "Running", Counting: true, CountingChangesAt: closes));
        cut.Render(p => p.Add(t => t.Sla, open).Add(t => t.ReadAt, readAt));
        Time.Advance(TimeSpan.FromMinutes(20));
        cut.WaitForAssertion(() => cut.Find("[data-testid='sla-first-response'] .sla-remaining").TextContent.ShouldBe("0:50:00"));
        cut.WaitForAssertion(() => reads.ShouldBe(2)); // and read again when it closed

        // A met clock and a paused ticket ask for no read.
        SlaCountdown.NextReread(open with { Paused = true }, readAt).ShouldBeNull();
        SlaCountdown.NextReread(open with { FirstResponse = open.FirstResponse with { State = "Met", StoppedAt = readAt }, Resolution = open.Resolution with { CountingChangesAt = null } }, readAt).ShouldBeNull();
    }
}
