namespace Platform.Projects.Tests;

/// <summary>
/// Earned value arithmetic on README's worked example: a budget of 100,000; "Design" (40,000, 4–14 January, done) and
/// "Build" (60,000, 14 January–13 February, 25 % done); 66,000 spent by 24 January.
/// </summary>
public class EarnedValueTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 24);

    private static EvTask Task(decimal? budget, string start, string due, int percent, decimal hours = 0, params (string On, int Percent)[] history) =>
        new(Guid.NewGuid(), budget, hours, DateOnly.Parse(start), DateOnly.Parse(due), percent,
            history.Select(h => (DateOnly.Parse(h.On), h.Percent)).ToList());

    private static readonly EvTask Design = Task(40_000, "2027-01-04", "2027-01-14", 100, 0, ("2027-01-10", 50), ("2027-01-14", 100));
    private static readonly EvTask Build = Task(60_000, "2027-01-14", "2027-02-13", 25, 0, ("2027-01-20", 10), ("2027-01-23", 25));

    [Fact]
    public void The_worked_example_gives_README_s_figures()
    {
        var f = EarnedValue.Compute([Design, Build], 100_000, [(new DateOnly(2027, 1, 20), 66_000m)], [], AsOf, null, null);

        f.Bac.ShouldBe(100_000m);
        f.Pv.ShouldBe(60_000m);   // Design planned 100 % (40,000) + Build 10 of 30 days (20,000)
        f.Ev.ShouldBe(55_000m);   // 40,000 + 25 % of 60,000
        f.Ac.ShouldBe(66_000m);
        f.Cv.ShouldBe(-11_000m);
        f.Sv.ShouldBe(-5_000m);
        f.Cpi.ShouldBe(0.833m);
        f.Spi.ShouldBe(0.917m);
        f.Eac.ShouldBe(120_000m);  // BAC / CPI
        f.Etc.ShouldBe(54_000m);
        f.Vac.ShouldBe(-20_000m);
        f.Tcpi.ShouldBe(1.324m);   // (100,000 − 55,000) / (100,000 − 66,000)
    }

    [Fact]
    public void The_weekly_curves_read_progress_as_it_stood_and_stop_earning_after_the_date()
    {
        var f = EarnedValue.Compute([Design, Build], 100_000, [(new DateOnly(2027, 1, 5), 10_000m), (new DateOnly(2027, 1, 20), 56_000m)], [],
            AsOf, null, null);

        f.Weeks.Select(w => w.WeekEnd).ShouldBe([new DateOnly(2027, 1, 10), new(2027, 1, 17), new(2027, 1, 24), new(2027, 1, 31), new(2027, 2, 7), new(2027, 2, 14)]);
        var first = f.Weeks[0];
        first.Pv.ShouldBe(24_000m);   // Design 6 of 10 days
        first.Ev.ShouldBe(20_000m);   // 50 % recorded on the 10th
        first.Ac.ShouldBe(10_000m);
        f.Weeks[1].Ev.ShouldBe(40_000m); // Design done, Build not started
        f.Weeks[2].Ev.ShouldBe(55_000m);
        f.Weeks[2].Ac.ShouldBe(66_000m);
        f.Weeks[3].Ev.ShouldBeNull();
        f.Weeks[3].Ac.ShouldBeNull();
        f.Weeks[^1].Pv.ShouldBe(100_000m);
    }

    [Fact]
    public void The_week_holding_the_date_shows_the_headline_figures()
    {
        var wednesday = new DateOnly(2027, 1, 20);
        var f = EarnedValue.Compute([Design, Build], 100_000, [(new DateOnly(2027, 1, 18), 30_000m)], [], wednesday, null, null);
        var week = f.Weeks.Single(w => w.WeekEnd == new DateOnly(2027, 1, 24));
        (week.Pv, week.Ev, week.Ac).ShouldBe((f.Pv, f.Ev, f.Ac));
        f.Pv.ShouldBe(52_000m); // Design 40,000 + Build 6 of 30 days (12,000)
    }

    [Fact]
    public void Tasks_without_a_budget_share_what_the_budgeted_ones_leave_by_estimate()
    {
        var a = Task(30_000, "2027-01-04", "2027-01-08", 0);
        var b = Task(null, "2027-01-04", "2027-01-08", 0, hours: 30);
        var c = Task(null, "2027-01-04", "2027-01-08", 0, hours: 10);
        var budgets = EarnedValue.TaskBudgets([a, b, c], 70_000);
        budgets[a.Id].ShouldBe(30_000m);
        budgets[b.Id].ShouldBe(30_000m);
        budgets[c.Id].ShouldBe(10_000m);
        EarnedValue.TaskBudgets([a, b], 20_000)[b.Id].ShouldBe(0m); // nothing left over
    }

    [Fact]
    public void Budget_at_completion_is_the_lines_else_the_project_figure_else_the_tasks()
    {
        var line = new BudgetLine { Period = new DateOnly(2027, 1, 1), Category = CostCategory.Hardware, Amount = 5_000 };
        EarnedValue.BudgetAtCompletion([line], 9_000, [Design]).ShouldBe(5_000m);
        EarnedValue.BudgetAtCompletion([], 9_000, [Design]).ShouldBe(9_000m);
        EarnedValue.BudgetAtCompletion([], null, [Design, Build]).ShouldBe(100_000m);
    }

    [Fact]
    public void Labour_is_working_days_times_eight_hours_times_percent_times_the_rate()
    {
        EarnedValue.WorkingDays(new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 17)).ShouldBe(10); // Monday to the second Sunday
        EarnedValue.WorkingDays(new DateOnly(2027, 1, 9), new DateOnly(2027, 1, 10)).ShouldBe(0);  // a weekend
        EarnedValue.WorkingDays(new DateOnly(2027, 1, 8), new DateOnly(2027, 1, 4)).ShouldBe(0);
        var (cost, uncosted) = EarnedValue.Labour(
            [new EvAllocation("dev", "engineer", 50, new DateOnly(2027, 1, 4), new DateOnly(2027, 3, 31), 8_000m),
             new EvAllocation("ops", "operator", 100, new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 12), null)],
            new DateOnly(2027, 1, 8));
        cost.ShouldBe(5 * 8 * 0.5m * 8_000m); // five days so far, half time
        uncosted.ShouldBe(0m);               // the operator starts later
        EarnedValue.Labour([new EvAllocation("ops", "operator", 100, new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 12), null)], AsOf).UncostedHours.ShouldBe(16m);
    }

    [Fact]
    public void Nothing_spent_forecasts_the_budget_and_has_no_indices()
    {
        var f = EarnedValue.Compute([Design, Build], 100_000, [], [], AsOf, null, null);
        f.Cpi.ShouldBeNull();
        f.Eac.ShouldBe(100_000m); // nothing spent yet: the budget is the forecast
        EarnedValue.Compute([], 0, [], [], AsOf, null, null).Weeks.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0.80", "Red")]
    [InlineData("0.90", "Amber")]
    [InlineData("1.10", "Green")]
    public void Health_turns_on_the_cost_performance_index(string cpi, string health)
    {
        var inputs = new HealthInputs(0, 0, [], 12, 0, 0, 0, 0, 0, decimal.Parse(cpi, System.Globalization.CultureInfo.InvariantCulture), null);
        var result = HealthRules.Assess(inputs);
        result.Health.ToString().ShouldBe(health);
        if (health != "Green") result.Reasons.ShouldContain(r => r.Area == "cost");
    }

    [Theory]
    [InlineData("2027-04", true)]
    [InlineData("2027-13", false)]
    [InlineData("1999-12", false)]
    [InlineData("2027-4", false)]
    [InlineData("２０２７-04", false)]
    public void Periods_are_months_as_yyyy_MM(string text, bool valid) => (Money.ParsePeriod(text) is not null).ShouldBe(valid);
}
