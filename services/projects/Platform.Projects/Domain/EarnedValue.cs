namespace Platform.Projects.Domain;

/// <summary>A task as earned value sees it: its share of the budget, its dates, and its percent done through time.</summary>
public sealed record EvTask(Guid Id, decimal? Budget, decimal EstimateHours, DateOnly? Start, DateOnly? Due, int PercentDone,
    IReadOnlyList<(DateOnly On, int Percent)> History);

/// <summary>Time booked on the project: a share of a member's working days, costed at their role's hourly rate (null: no rate).</summary>
public sealed record EvAllocation(string UserId, string Role, int Percent, DateOnly From, DateOnly To, decimal? HourlyRate);

/// <summary>The money side of a project at a date, and week by week.</summary>
public sealed record EvFigures(
    decimal Bac, decimal Pv, decimal Ev, decimal Ac, decimal Cv, decimal Sv, decimal? Cpi, decimal? Spi, decimal Eac, decimal Etc,
    decimal Vac, decimal? Tcpi, decimal LabourActual, decimal UncostedLabourHours, IReadOnlyList<EvWeek> Weeks);

/// <summary>One week of the curves, at its Sunday: planned value always, earned value and actual cost up to the date asked.</summary>
public sealed record EvWeek(DateOnly WeekEnd, decimal Pv, decimal? Ev, decimal? Ac);

/// <summary>
/// Earned value management over the schedule. Budget at completion (BAC) is the project's budget: its budget lines when
/// it has any, else its single budget figure, else the sum of its tasks' budgets. A task with a budget of its own keeps
/// it; the rest of BAC is spread over the other tasks by their estimates (equally when none has one). Planned value
/// (PV) at a date is each task's budget × the percent the plan expects by then (linear between start and due, as
/// <see cref="Schedule.PlannedPercent"/>); earned value (EV) is budget × the percent done as it stood that day; actual
/// cost (AC) is every cost dated up to then plus labour: working days (Monday–Friday) of each allocation × 8 h × its
/// percent × its role's hourly rate. CPI = EV/AC, SPI = EV/PV, EAC = BAC/CPI (BAC while nothing is spent, AC + BAC when
/// money is spent and nothing earned), ETC = EAC − AC, VAC = BAC − EAC, TCPI = (BAC − EV)/(BAC − AC).
/// </summary>
public static class EarnedValue
{
    public const int HoursPerDay = 8;

    /// <summary>The curves are kept to this many weeks (the last ones) so that a decades-long project stays answerable.</summary>
    public const int MaxWeeks = 260;

    public static decimal BudgetAtCompletion(IReadOnlyCollection<BudgetLine> lines, decimal? projectBudget, IReadOnlyCollection<EvTask> tasks) =>
        lines.Count > 0 ? lines.Sum(l => l.Amount) : projectBudget ?? tasks.Sum(t => t.Budget ?? 0);

    /// <summary>Each task's budget: its own, or its share (by estimate) of what BAC leaves over for the unbudgeted ones.</summary>
    public static IReadOnlyDictionary<Guid, decimal> TaskBudgets(IReadOnlyCollection<EvTask> tasks, decimal bac)
    {
        var result = tasks.Where(t => t.Budget is not null).ToDictionary(t => t.Id, t => t.Budget!.Value);
        var rest = tasks.Where(t => t.Budget is null).ToList();
        var left = bac - result.Values.Sum();
        if (rest.Count == 0) return result;
        var hours = rest.Sum(t => t.EstimateHours);
        foreach (var t in rest)
            result[t.Id] = left <= 0 ? 0 : left * (hours > 0 ? t.EstimateHours / hours : 1m / rest.Count);
        return result;
    }

    public static EvFigures Compute(
        IReadOnlyCollection<EvTask> tasks, decimal bac, IReadOnlyCollection<(DateOnly Date, decimal Amount)> costs,
        IReadOnlyCollection<EvAllocation> allocations, DateOnly asOf, DateOnly? projectStart, DateOnly? projectEnd)
    {
        var budgets = TaskBudgets(tasks, bac);
        decimal Pv(DateOnly d) => tasks.Sum(t => budgets[t.Id] * PlannedPercent(t, d) / 100m);
        decimal Ev(DateOnly d) => tasks.Sum(t => budgets[t.Id] * PercentOn(t, d, asOf) / 100m);
        decimal Ac(DateOnly d) => costs.Where(c => c.Date <= d).Sum(c => c.Amount) + Labour(allocations, d).Cost;

        var (pv, ev, ac) = (Pv(asOf), Ev(asOf), Ac(asOf));
        var labour = Labour(allocations, asOf);
        decimal? cpi = ac > 0 ? ev / ac : null;
        decimal? spi = pv > 0 ? ev / pv : null;
        var eac = cpi is > 0 ? bac / cpi.Value : ac == 0 ? bac : ac + bac;
        decimal? tcpi = bac > ac ? (bac - ev) / (bac - ac) : null;

        return new EvFigures(Money.Round(bac), Money.Round(pv), Money.Round(ev), Money.Round(ac), Money.Round(ev - ac), Money.Round(ev - pv),
            Index(cpi), Index(spi), Money.Round(eac), Money.Round(eac - ac), Money.Round(bac - eac), Index(tcpi),
            Money.Round(labour.Cost), Math.Round(labour.UncostedHours, 2), Weeks(tasks, costs, allocations, asOf, projectStart, projectEnd, Pv, Ev, Ac));
    }

    private static decimal? Index(decimal? value) => value is null ? null : Math.Round(value.Value, 3, MidpointRounding.AwayFromZero);

    private static List<EvWeek> Weeks(IReadOnlyCollection<EvTask> tasks, IReadOnlyCollection<(DateOnly Date, decimal Amount)> costs,
        IReadOnlyCollection<EvAllocation> allocations, DateOnly asOf, DateOnly? projectStart, DateOnly? projectEnd,
        Func<DateOnly, decimal> pv, Func<DateOnly, decimal> ev, Func<DateOnly, decimal> ac)
    {
        var starts = tasks.Select(t => t.Start ?? t.Due).Concat(costs.Select(c => (DateOnly?)c.Date)).Concat(allocations.Select(a => (DateOnly?)a.From))
            .Append(projectStart).OfType<DateOnly>().ToList();
        var ends = tasks.Select(t => t.Due).Append(projectEnd).Append(asOf).OfType<DateOnly>().ToList();
        if (starts.Count == 0) return [];
        var first = Sunday(starts.Min());
        var last = Sunday(ends.Max());
        if ((last.DayNumber - first.DayNumber) / 7 >= MaxWeeks) first = last.AddDays(-7 * (MaxWeeks - 1));
        var weeks = new List<EvWeek>();
        for (var d = first; d <= last; d = d.AddDays(7))
        {
            // The week holding asOf is shown as of asOf (all three figures, as the headline); later weeks have a plan only.
            var at = d > asOf ? (d.AddDays(-6) <= asOf ? asOf : (DateOnly?)null) : d;
            weeks.Add(new EvWeek(d, Money.Round(pv(at ?? d)), at is { } x ? Money.Round(ev(x)) : null, at is { } y ? Money.Round(ac(y)) : null));
        }

        return weeks;
    }

    /// <summary>The Sunday ending the week (Monday to Sunday) that holds <paramref name="d"/>.</summary>
    public static DateOnly Sunday(DateOnly d) => d.AddDays((7 - (int)d.DayOfWeek) % 7);

    /// <summary>Where the plan expects a task on a date: as <see cref="Schedule.PlannedPercent(ProjectTask, DateOnly)"/>.</summary>
    public static decimal PlannedPercent(EvTask t, DateOnly d) => Schedule.PlannedPercent(t.Start, t.Due, t.PercentDone, d);

    /// <summary>The percent done at the end of a day: today's figure from <paramref name="asOf"/> on, else the last one recorded by then.</summary>
    public static int PercentOn(EvTask t, DateOnly d, DateOnly asOf)
    {
        if (d >= asOf) return t.PercentDone;
        var percent = 0;
        foreach (var (on, p) in t.History)
        {
            if (on > d) break;
            percent = p;
        }

        return percent;
    }

    /// <summary>Labour up to and including <paramref name="d"/>: its cost at the roles' rates, and the hours of roles without a rate.</summary>
    public static (decimal Cost, decimal UncostedHours) Labour(IReadOnlyCollection<EvAllocation> allocations, DateOnly d)
    {
        decimal cost = 0, uncosted = 0;
        foreach (var a in allocations)
        {
            var to = a.To < d ? a.To : d;
            if (to < a.From) continue;
            var hours = WorkingDays(a.From, to) * HoursPerDay * a.Percent / 100m;
            if (a.HourlyRate is { } rate) cost += hours * rate;
            else uncosted += hours;
        }

        return (cost, uncosted);
    }

    /// <summary>Monday-to-Friday days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static int WorkingDays(DateOnly from, DateOnly to)
    {
        if (to < from) return 0;
        var days = to.DayNumber - from.DayNumber + 1;
        var weeks = days / 7;
        var count = weeks * 5;
        for (var d = from.AddDays(weeks * 7); d <= to; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) count++;
        return count;
    }
}
