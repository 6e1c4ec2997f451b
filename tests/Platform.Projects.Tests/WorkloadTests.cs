namespace Platform.Projects.Tests;

public class WorkloadTests
{
    // 2026-11-23 is the Monday of ISO week 48.
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static Booking B(string project, int percent, int fromDay, int toDay) => new(project, percent, Monday.AddDays(fromDay), Monday.AddDays(toDay));

    [Fact]
    public void Overlapping_periods_over_100_percent_are_flagged_per_ISO_week_with_the_projects()
    {
        var weeks = Workload.OverAllocatedWeeks([B("PRJ-1", 60, 0, 20), B("PRJ-2", 50, 10, 30)]);
        // Overlap: days 10–20 (Thursday 3 to Sunday 13 December) → the weeks starting on days 7 and 14.
        weeks.Select(w => (w.IsoYear, w.IsoWeek, w.Percent)).ShouldBe([(2026, 49, 110), (2026, 50, 110)]);
        weeks[0].WeekStart.ShouldBe(Monday.AddDays(7));
        weeks.ShouldAllBe(w => w.ProjectKeys.SequenceEqual(new[] { "PRJ-1", "PRJ-2" }));
    }

    [Fact]
    public void Exactly_100_percent_and_back_to_back_periods_in_one_week_are_fine()
    {
        Workload.OverAllocatedWeeks([B("PRJ-1", 50, 0, 6), B("PRJ-2", 50, 0, 6)]).ShouldBeEmpty();
        Workload.OverAllocatedWeeks([B("PRJ-1", 100, 0, 2), B("PRJ-2", 100, 3, 6)]).ShouldBeEmpty();
        Workload.OverAllocatedWeeks([]).ShouldBeEmpty();
    }

    [Fact]
    public void The_week_takes_its_busiest_day_and_counts_a_single_overlapping_day()
    {
        var weeks = Workload.OverAllocatedWeeks([B("PRJ-1", 40, 0, 6), B("PRJ-2", 40, 2, 2), B("PRJ-3", 30, 2, 4), B("PRJ-3", 10, 6, 6)]);
        weeks.Count.ShouldBe(1);
        weeks[0].Percent.ShouldBe(110);
        weeks[0].ProjectKeys.ShouldBe(["PRJ-1", "PRJ-2", "PRJ-3"]);
    }

    [Fact]
    public void A_year_boundary_uses_ISO_week_years()
    {
        var weeks = Workload.OverAllocatedWeeks([new("PRJ-1", 80, new(2026, 12, 28), new(2027, 1, 8)), new("PRJ-2", 30, new(2027, 1, 1), new(2027, 1, 1))]);
        weeks.Select(w => (w.IsoYear, w.IsoWeek)).ShouldBe([(2026, 53)]);
    }

    [Fact]
    public void Bookings_at_the_edges_of_the_calendar_do_not_run_off_it()
    {
        // The day after DateOnly.MaxValue and the week after 9999-12-27 do not exist; the sweep must not ask for them.
        var last = Workload.OverAllocatedWeeks([new("PRJ-1", 60, new(9999, 12, 1), DateOnly.MaxValue), new("PRJ-2", 50, new(9999, 12, 20), DateOnly.MaxValue)]);
        last.Select(w => (w.IsoYear, w.IsoWeek, w.WeekStart)).ShouldBe([(9999, 51, new DateOnly(9999, 12, 20)), (9999, 52, new DateOnly(9999, 12, 27))]);
        var first = Workload.OverAllocatedWeeks([new("PRJ-1", 60, DateOnly.MinValue, new(1, 1, 10)), new("PRJ-2", 50, DateOnly.MinValue, new(1, 1, 3))]);
        first.Single().WeekStart.ShouldBe(DateOnly.MinValue);

        // The end of the range the API accepts (2999-12-31 is a Tuesday of ISO week 3000-W01).
        var far = Workload.OverAllocatedWeeks([new("PRJ-1", 60, new(2999, 12, 1), new(2999, 12, 31)), new("PRJ-2", 50, new(2999, 12, 1), new(2999, 12, 31))]);
        far.Select(w => (w.IsoYear, w.IsoWeek)).ShouldBe([(2999, 48), (2999, 49), (2999, 50), (2999, 51), (2999, 52), (3000, 1)]);
    }

    [Fact]
    public void Newly_over_is_what_a_change_made_worse()
    {
        var before = Workload.OverAllocatedWeeks([B("PRJ-1", 60, 0, 13), B("PRJ-2", 50, 0, 6)]);
        var after = Workload.OverAllocatedWeeks([B("PRJ-1", 60, 0, 13), B("PRJ-2", 50, 0, 6), B("PRJ-3", 50, 7, 7)]);
        Workload.NewlyOver(before, after).Select(w => w.IsoWeek).ShouldBe([49]);
        Workload.NewlyOver(after, after).ShouldBeEmpty();
    }
}
