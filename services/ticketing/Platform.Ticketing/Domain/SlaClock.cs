namespace Platform.Ticketing.Domain;

public enum SlaState { Running, Warning, Paused, Met, Breached }

public enum SlaClockKind { FirstResponse, Resolution }

/// <summary>
/// One SLA target on one ticket (first response, or resolution), counted in business time. It runs, pauses
/// (Pending: the requester has the ball) and stops (answered, resolved); a reopened ticket restarts its resolution
/// clock where it stopped. While it runs, <see cref="DueAt"/> and <see cref="WarnAt"/> say when it will breach and
/// warn if nothing changes, which is what the breach checker looks for.
/// </summary>
public sealed class SlaClock
{
    /// <summary>Business time allowed.</summary>
    public TimeSpan Target { get; private set; }

    /// <summary>Share of the target (percent) at which a warning is raised.</summary>
    public int WarningPercent { get; private set; } = 80;

    /// <summary>Business time counted in earlier running stretches (up to the last pause or stop).</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>When the current running stretch began (null: paused, stopped or not started).</summary>
    public DateTimeOffset? RunningSince { get; private set; }

    public DateTimeOffset? StoppedAt { get; private set; }

    /// <summary>When the clock breaches if it keeps running (kept after a breach; meaningful while running).</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset? WarnAt { get; private set; }

    public bool IsRunning => RunningSince is not null;

    public bool IsStopped => StoppedAt is not null;

    internal void Configure(TimeSpan target, int warningPercent)
    {
        Target = target;
        WarningPercent = warningPercent;
    }

    /// <summary>Business time counted so far.</summary>
    public TimeSpan ElapsedAt(DateTimeOffset now, BusinessCalendar calendar) =>
        Elapsed + (RunningSince is { } since ? calendar.Between(since, now) : TimeSpan.Zero);

    public TimeSpan WarningThreshold => TimeSpan.FromTicks(Target.Ticks * WarningPercent / 100);

    public SlaState StateAt(DateTimeOffset now, BusinessCalendar calendar)
    {
        var elapsed = ElapsedAt(now, calendar);
        if (IsStopped) return elapsed <= Target ? SlaState.Met : SlaState.Breached;
        if (elapsed >= Target) return SlaState.Breached;
        if (!IsRunning) return SlaState.Paused;
        return elapsed >= WarningThreshold ? SlaState.Warning : SlaState.Running;
    }

    internal void Run(DateTimeOffset now, BusinessCalendar calendar)
    {
        if (IsRunning || IsStopped) return;
        RunningSince = now;
        var left = Target - Elapsed;
        // Once breached, the due time stays the moment it was breached.
        if (left > TimeSpan.Zero || DueAt is null) DueAt = calendar.AddWithinHorizon(now, left);
        var warnLeft = WarningThreshold - Elapsed;
        if (warnLeft > TimeSpan.Zero || WarnAt is null) WarnAt = calendar.AddWithinHorizon(now, warnLeft);
    }

    internal void Pause(DateTimeOffset now, BusinessCalendar calendar)
    {
        if (RunningSince is not { } since) return;
        Elapsed += calendar.Between(since, now < since ? since : now);
        RunningSince = null;
    }

    internal void Stop(DateTimeOffset at, BusinessCalendar calendar)
    {
        if (IsStopped) return;
        Pause(at, calendar);
        StoppedAt = at;
    }

    /// <summary>A stopped clock counts again from where it stopped (a reopened ticket).</summary>
    internal void Restart() => StoppedAt = null;
}
