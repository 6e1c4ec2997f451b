using System.Globalization;

namespace Platform.Projects.Domain;

/// <summary>A share of a member's time (percent) on a project from one date to another, both inclusive.</summary>
public sealed class Allocation : AggregateRoot
{
    private Allocation() { }

    public Guid Id { get; private init; }
    public Guid ProjectId { get; private init; }
    public string ProjectKey { get; private init; } = "";
    public string UserId { get; private init; } = "";
    public int Percent { get; private init; }
    public DateOnly From { get; private init; }
    public DateOnly To { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }

    public static Allocation Book(Project project, string userId, int percent, DateOnly from, DateOnly to, DateTimeOffset now)
    {
        if (percent is < 1 or > 100) throw new DomainException("invalid-percent", "An allocation is 1–100 %.");
        if (to < from) throw new DomainException("invalid-dates", "An allocation cannot end before it starts.");
        return new Allocation
        {
            Id = Guid.CreateVersion7(), ProjectId = project.Id, ProjectKey = project.Key, UserId = userId, Percent = percent,
            From = from, To = to, CreatedAt = now,
        };
    }

    /// <summary>
    /// Whether the allocation still holds time after <paramref name="lastDay"/>: one starting later is void (false, the
    /// caller removes it), one running past it now ends on it (true), one over by then stays as it is (true).
    /// </summary>
    public bool EndOn(DateOnly lastDay)
    {
        if (From > lastDay) return false;
        if (To > lastDay) To = lastDay;
        return true;
    }

    public void AnnounceOverAllocation(IReadOnlyList<OverAllocatedWeek> weeks, DateTimeOffset now) =>
        Raise(new ResourceOverAllocated(UserId, ProjectId, ProjectKey, Id, weeks, now));
}

/// <summary>One period's booking as the load computation sees it.</summary>
public readonly record struct Booking(string ProjectKey, int Percent, DateOnly From, DateOnly To);

/// <summary>
/// A person's load across projects. Within a day the load is the sum of the allocations covering it; a week's load
/// is its busiest day's, so back-to-back allocations in one week do not add up, overlapping ones do.
/// </summary>
public static class Workload
{
    public const int Capacity = 100;

    public static IReadOnlyList<OverAllocatedWeek> OverAllocatedWeeks(IReadOnlyCollection<Booking> bookings)
    {
        // Sweep the calendar between the dates where the set of active bookings changes. Day numbers, not dates: the
        // day after a booking ending on DateOnly.MaxValue, and the week after the last one, are past the calendar.
        var edges = bookings.SelectMany(b => new[] { b.From.DayNumber, b.To.DayNumber + 1 }).Distinct().Order().ToList();
        var weeks = new SortedDictionary<DateOnly, (int Percent, SortedSet<string> Projects)>();
        for (var i = 0; i < edges.Count - 1; i++)
        {
            var (start, end) = (DateOnly.FromDayNumber(edges[i]), DateOnly.FromDayNumber(edges[i + 1] - 1));
            var active = bookings.Where(b => b.From <= start && b.To >= end).ToList();
            var load = active.Sum(b => b.Percent);
            if (load <= Capacity) continue;
            for (var day = WeekStart(start).DayNumber; day <= end.DayNumber; day += 7)
            {
                var week = DateOnly.FromDayNumber(day);
                var entry = weeks.TryGetValue(week, out var existing) ? existing : (Percent: 0, Projects: new SortedSet<string>(StringComparer.Ordinal));
                entry.Percent = Math.Max(entry.Percent, load);
                foreach (var b in active) entry.Projects.Add(b.ProjectKey);
                weeks[week] = entry;
            }
        }

        return weeks.Select(w => new OverAllocatedWeek(ISOWeek.GetYear(w.Key.ToDateTime(TimeOnly.MinValue)),
            ISOWeek.GetWeekOfYear(w.Key.ToDateTime(TimeOnly.MinValue)), w.Key, w.Value.Percent, w.Value.Projects.ToList())).ToList();
    }

    /// <summary>Weeks over capacity after a change that were not (or were less) before it: what the change caused.</summary>
    public static IReadOnlyList<OverAllocatedWeek> NewlyOver(IReadOnlyList<OverAllocatedWeek> before, IReadOnlyList<OverAllocatedWeek> after)
    {
        var previous = before.ToDictionary(w => w.WeekStart, w => w.Percent);
        return after.Where(w => !previous.TryGetValue(w.WeekStart, out var p) || w.Percent > p).ToList();
    }

    /// <summary>The Monday starting the ISO week of <paramref name="day"/>.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
