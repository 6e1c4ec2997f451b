using Platform.Portal.Api;

namespace Platform.Portal.Desk;

public enum SlaLevel { Ok, Warning, Breached, Met, Paused }

/// <summary>What an SLA timer shows at one moment: the time left (negative once overdue), its level and whether it still runs.</summary>
public readonly record struct SlaReading(TimeSpan Remaining, SlaLevel Level, bool Ticking);

/// <summary>
/// An SLA clock as ticketing read it (business minutes left, its state), counted down by the time passed since that
/// read. Ticketing counts business time; between two reads the countdown assumes the desk is open, and the next read
/// (a page load, a live update) sets it right. A clock that stopped (met), is paused, or breached does not tick on;
/// a running clock in its last quarter shows the warning, as does ticketing's own Warning state.
/// </summary>
public static class SlaCountdown
{
    /// <summary>The share of the target left at which a running clock warns, when ticketing has not yet said so.</summary>
    public const double WarnAtShareLeft = 0.25;

    public static SlaReading Read(SlaClockView clock, bool paused, TimeSpan sinceRead)
    {
        var stopped = clock.StoppedAt is not null || clock.State is "Met";
        if (stopped) return new(TimeSpan.FromMinutes(clock.RemainingMinutes), clock.State == "Breached" ? SlaLevel.Breached : SlaLevel.Met, false);
        if (paused || clock.State == "Paused")
            return new(TimeSpan.FromMinutes(clock.RemainingMinutes), clock.State == "Breached" ? SlaLevel.Breached : SlaLevel.Paused, false);

        var remaining = TimeSpan.FromMinutes(clock.RemainingMinutes) - (sinceRead < TimeSpan.Zero ? TimeSpan.Zero : sinceRead);
        var level = clock.State == "Breached" || remaining <= TimeSpan.Zero ? SlaLevel.Breached
            : clock.State == "Warning" || remaining.TotalMinutes <= clock.TargetMinutes * WarnAtShareLeft ? SlaLevel.Warning
            : SlaLevel.Ok;
        return new(remaining, level, true);
    }

    /// <summary>h:mm:ss (d.hh:mm:ss past a day), with a minus sign once overdue.</summary>
    public static string Format(TimeSpan remaining)
    {
        var sign = remaining < TimeSpan.Zero ? "-" : "";
        var t = remaining.Duration();
        var text = t.TotalDays >= 1 ? $"{(int)t.TotalDays}d {t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}" : $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}";
        return sign + text;
    }
}
