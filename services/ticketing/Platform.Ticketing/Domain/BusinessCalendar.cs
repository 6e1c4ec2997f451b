namespace Platform.Ticketing.Domain;

/// <summary>One stretch of working time on a weekday, in the calendar's local time. End may be 24:00.</summary>
public sealed record WorkingPeriod(DayOfWeek Day, TimeSpan Start, TimeSpan End);

/// <summary>
/// Business time: working periods per weekday in one IANA time zone, minus holidays. Pure and immutable: it turns
/// a start and a business duration into a due instant, and two instants into the business time between them.
/// Daylight saving: periods are local wall-clock times, so a 24-hour day is 23 or 25 hours long on the days the
/// clocks change; a period starting in the spring-forward gap starts when the gap ends; an ambiguous local time
/// (the repeated hour in autumn) is read as its first occurrence.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far ahead a due time is searched for (a calendar that is all holidays has no due time).</summary>
    public const int HorizonDays = 5 * 366;

    private static readonly TimeSpan FullDay = TimeSpan.FromHours(24);

    // The days whose working periods are instants in any zone (±14 h): the calendar's own first and last day are not.
    private static readonly DateOnly FirstDay = DateOnly.MinValue.AddDays(1);
    private static readonly DateOnly LastDay = DateOnly.MaxValue.AddDays(-1);
    private readonly Dictionary<DayOfWeek, WorkingPeriod[]> _week;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessCalendar(TimeZoneInfo zone, IEnumerable<WorkingPeriod> periods, IEnumerable<DateOnly>? holidays = null)
    {
        Zone = zone;
        var list = periods.ToList();
        if (Problems(list) is { Count: > 0 } problems) throw new ArgumentException(string.Join(" ", problems), nameof(periods));
        _week = list.GroupBy(p => p.Day).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Start).ToArray());
        _holidays = [.. holidays ?? []];
    }

    public TimeZoneInfo Zone { get; }

    public IReadOnlyCollection<DateOnly> Holidays => _holidays;

    /// <summary>Open round the clock, every day, no holidays.</summary>
    public static BusinessCalendar AlwaysOpen(TimeZoneInfo? zone = null) =>
        new(zone ?? TimeZoneInfo.Utc, Enum.GetValues<DayOfWeek>().Select(d => new WorkingPeriod(d, TimeSpan.Zero, FullDay)));

    /// <summary>What is wrong with these periods (empty when they make a calendar).</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<WorkingPeriod> periods)
    {
        var problems = new List<string>();
        if (periods.Count == 0) problems.Add("A calendar needs at least one working period.");
        foreach (var p in periods)
        {
            if (!Enum.IsDefined(p.Day)) problems.Add($"Unknown day {p.Day}.");
            if (p.Start < TimeSpan.Zero || p.End > FullDay || p.Start >= p.End)
                problems.Add($"{p.Day} {p.Start:hh\\:mm}-{p.End:hh\\:mm}: a period runs forward within one day (00:00 to 24:00).");
        }

        foreach (var day in periods.GroupBy(p => p.Day))
        {
            var sorted = day.OrderBy(p => p.Start).ToList();
            for (var i = 1; i < sorted.Count; i++)
                if (sorted[i].Start < sorted[i - 1].End) problems.Add($"{day.Key}: working periods overlap.");
        }

        return problems;
    }

    /// <summary>Whether the instant falls in working time.</summary>
    public bool IsWorkingTime(DateTimeOffset instant) =>
        Intervals(instant).FirstOrDefault() is var (start, _) && start == instant;

    /// <summary>
    /// When working time next begins or ends after <paramref name="instant"/>: the end of the working stretch it is in
    /// (periods that meet count as one), or the start of the next one when it is outside. Null when nothing changes
    /// within <paramref name="within"/> (a desk open round the clock) or the calendar has no working time left.
    /// </summary>
    public DateTimeOffset? NextChange(DateTimeOffset instant, TimeSpan within)
    {
        instant = instant.ToUniversalTime();
        var limit = instant + within;
        DateTimeOffset? stretchEnd = null;
        foreach (var (start, end) in Intervals(instant))
        {
            if (stretchEnd is null)
            {
                if (start > instant) return start <= limit ? start : null; // closed now: it opens then
                stretchEnd = end;
            }
            else if (start == stretchEnd) stretchEnd = end; // the next period carries on without a break
            else break;

            if (stretchEnd > limit) return null;
        }

        return stretchEnd is { } close && close <= limit ? close : null;
    }

    /// <summary>The instant at which <paramref name="duration"/> of business time has passed since <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration) => TryAdd(start, duration, out var at)
        ? at
        : throw new InvalidOperationException(
            $"No working time within {HorizonDays} days of {start:O} (nor before the end of year 9999): the calendar cannot give a due time.");

    /// <summary>
    /// As <see cref="Add"/>, for SLA clocks: a target the calendar cannot reach within <see cref="HorizonDays"/> (one
    /// working minute a week and a target of a year, say) falls due at the end of that horizon — far ahead, never a
    /// crash when a ticket opens and never "due now".
    /// </summary>
    public DateTimeOffset AddWithinHorizon(DateTimeOffset start, TimeSpan duration)
    {
        if (TryAdd(start, duration, out var at)) return at;
        var last = new DateTimeOffset(LastDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (last - start).TotalDays > HorizonDays ? start.ToUniversalTime().AddDays(HorizonDays) : last;
    }

    private bool TryAdd(DateTimeOffset start, TimeSpan duration, out DateTimeOffset at)
    {
        at = start;
        if (duration <= TimeSpan.Zero) return true;
        var left = duration;
        foreach (var (from, to) in Intervals(start))
        {
            var length = to - from;
            if (left <= length)
            {
                at = from + left;
                return true;
            }

            left -= length;
        }

        return false;
    }

    /// <summary>Business time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        if (to <= from) return total;
        foreach (var (start, end) in Intervals(from))
        {
            if (start >= to) break;
            total += (end < to ? end : to) - start;
        }

        return total;
    }

    /// <summary>Working intervals (UTC) from <paramref name="from"/> on, the first one clipped to start there.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Intervals(DateTimeOffset from)
    {
        from = from.ToUniversalTime();
        // Start a day early: yesterday's period may still be running (in another offset) at 'from'. Stay within the
        // days that are instants: near year 1 or 9999 the sequence ends rather than overflows.
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Zone).DateTime);
        var day = local > FirstDay ? local.AddDays(-1) : FirstDay;
        for (var i = 0; i <= HorizonDays && day <= LastDay; i++, day = day.AddDays(1))
        {
            if (_holidays.Contains(day) || !_week.TryGetValue(day.DayOfWeek, out var periods)) continue;
            foreach (var period in periods)
            {
                var start = ToInstant(day, period.Start);
                var end = ToInstant(day, period.End);
                if (end <= from || end <= start) continue;
                yield return (start < from ? from : start, end);
            }
        }
    }

    /// <summary>The UTC instant of a local wall-clock time on a day (see the class remarks for DST gaps and overlaps).</summary>
    private DateTimeOffset ToInstant(DateOnly day, TimeSpan time)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + time;
        for (var guard = 0; Zone.IsInvalidTime(local) && guard < 24 * 60; guard++) local = local.AddMinutes(1);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
