using Platform.Portal.Api;

namespace Platform.Portal.Desk;

public enum SlaLevel { Ok, Warning, Breached, Met, Paused }

/// <summary>
/// What an SLA timer shows at one moment: the time left (negative once overdue), its level, whether it still counts
/// down, and whether it stands still because the desk is closed (outside the calendar's business hours).
/// </summary>
public readonly record struct SlaReading(TimeSpan Remaining, SlaLevel Level, bool Ticking, bool OutsideHours = false);

/// <summary>
/// An SLA clock as ticketing read it (business minutes left, its state, whether it counts now), counted down by the
/// time passed since that read while the desk is open, up to the moment the desk closes (ticketing's
/// CountingChangesAt). A clock outside business hours stands still until the next read (a page load, a live update,
/// or the page's own read when the desk opens or closes); a clock that stopped (met), is paused, or breached does
/// not tick on. A running clock warns once the policy's share of its target is used (ticketing's WarningPercent), as
/// it does with ticketing's own Warning state.
/// </summary>
public static class SlaCountdown
{
    /// <param name="readAt">When the clock was read: with the clock's CountingChangesAt, how long it may count from then.</param>
    public static SlaReading Read(SlaClockView clock, bool paused, TimeSpan sinceRead, DateTimeOffset? readAt = null)
    {
        var stopped = clock.StoppedAt is not null || clock.State is "Met";
        if (stopped) return new(TimeSpan.FromMinutes(clock.RemainingMinutes), clock.State == "Breached" ? SlaLevel.Breached : SlaLevel.Met, false);
        if (paused || clock.State == "Paused")
            return new(TimeSpan.FromMinutes(clock.RemainingMinutes), clock.State == "Breached" ? SlaLevel.Breached : SlaLevel.Paused, false);

        var passed = clock.Counting && sinceRead > TimeSpan.Zero ? sinceRead : TimeSpan.Zero;
        if (clock.Counting && readAt is { } read && clock.CountingChangesAt is { } closes && closes - read < passed)
            passed = closes > read ? closes - read : TimeSpan.Zero; // the desk closed since: the clock stood still from then
        var remaining = TimeSpan.FromMinutes(clock.RemainingMinutes) - passed;
        var warnWhenLeft = clock.TargetMinutes * (100 - Math.Clamp(clock.WarningPercent, 0, 100)) / 100.0;
        var level = clock.State == "Breached" || remaining <= TimeSpan.Zero ? SlaLevel.Breached
            : clock.State == "Warning" || remaining.TotalMinutes <= warnWhenLeft ? SlaLevel.Warning
            : SlaLevel.Ok;
        return new(remaining, level, clock.Counting, !clock.Counting);
    }

    /// <summary>
    /// When a page showing these clocks should read them again because one starts or stops counting (the desk opens
    /// or closes): the earliest CountingChangesAt of the running clocks that lies after <paramref name="readAt"/>, or null.
    /// </summary>
    public static DateTimeOffset? NextReread(SlaView sla, DateTimeOffset readAt) =>
        sla.Paused ? null
        : new[] { sla.FirstResponse, sla.Resolution }
            .Where(c => c.StoppedAt is null && c.State is not ("Met" or "Paused"))
            .Select(c => c.CountingChangesAt)
            .Where(at => at > readAt)
            .Min();

    /// <summary>h:mm:ss (d.hh:mm:ss past a day), with a minus sign once overdue.</summary>
    public static string Format(TimeSpan remaining)
    {
        var sign = remaining < TimeSpan.Zero ? "-" : "";
        var t = remaining.Duration();
        var text = t.TotalDays >= 1 ? $"{(int)t.TotalDays}d {t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}" : $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}";
        return sign + text;
    }
}
