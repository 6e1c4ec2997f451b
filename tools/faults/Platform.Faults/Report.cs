namespace Platform.Faults;

/// <summary>One fault as it happened: from the moment it was injected until everything answered again.</summary>
public sealed class FaultWindow(string name, string target, DateTimeOffset start)
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public string Name { get; } = name;
    public string Target { get; } = target;
    public DateTimeOffset Start { get; } = start;
    public DateTimeOffset? End { get; set; }

    /// <summary>For the broker: when it was really down (stopped … started again).</summary>
    public DateTimeOffset? DownFrom { get; set; }
    public DateTimeOffset? DownUntil { get; set; }
    public TimeSpan? Drain { get; set; }

    /// <summary>For the broker: outbox rows unpublished when it returned, and how long until the last was published.</summary>
    public long? Backlog { get; set; }

    /// <summary>Promotions accepted before the broker returned and not yet linked back on their ticket when it did.</summary>
    public long? Flows { get; set; }
    public TimeSpan? BacklogDrain { get; set; }

    /// <summary>For the broker: its return → the first backlog row published (reconnection), so that the drain rate
    /// can also be read once publishing had begun.</summary>
    public TimeSpan? BacklogFirst { get; set; }

    /// <summary>For the broker: how long after its return every queue consumed before the kill had a consumer again.</summary>
    public TimeSpan? ConsumersBack { get; set; }

    /// <summary>For a SIGKILLed service: kill → /health/ready, and ready → its first published event (or why none).</summary>
    public TimeSpan? ReadyAfter { get; set; }
    /// <summary>Of <see cref="ReadyAfter"/>, the part after the new process was started (the rest is the driver's
    /// 0.2–1.5 s pause before it restarts the service, as a supervisor would).</summary>
    public TimeSpan? StartedToReady { get; set; }

    /// <summary>Of <see cref="StartedToReady"/>, the time the new process was runnable but held back for lack of a CPU
    /// (ServiceProcess.CpuWaitBeforeReady, from Linux's schedstat): the machine's share of a slow start, not the service's.</summary>
    public TimeSpan? CpuWait { get; set; }

    /// <summary>Kill → ready without the time the new process waited for a CPU: what the timing limit judges.</summary>
    public TimeSpan? ReadyOwn => ReadyAfter - (CpuWait ?? TimeSpan.Zero);
    public TimeSpan? PublishAfterReady { get; set; }
    public string? PublishNote { get; set; }

    public bool IsKill => Name.StartsWith("SIGKILL ", StringComparison.Ordinal);

    /// <summary>A request in here is attributed to this fault (with a little grace after recovery).</summary>
    public bool Contains(DateTimeOffset at) => at >= Start && at <= (End ?? DateTimeOffset.MaxValue) + Grace;
}

public sealed class Report
{
    private readonly List<(DateTimeOffset At, string Kind, string What)> _findings = [];
    private readonly List<(IntendedWrite Write, long Landed)> _intended = [];

    public int Lost => _findings.Count(f => f.Kind == "lost");
    public int DuplicateEvents => _findings.Count(f => f.Kind == "event");
    public int DuplicateEffects => _findings.Count(f => f.Kind == "effect");
    public long Delivered { get; set; }
    public long PublishRetries { get; set; }
    public int IntendedMissing => _intended.Count(i => i.Landed == 0);
    public int IntendedDuplicated => _intended.Count(i => i.Landed > 1);

    /// <summary>An intended write and how many times it is in the databases (1 is right).</summary>
    public void AddIntended(IntendedWrite write, long landed) => _intended.Add((write, landed));

    /// <summary>SIGKILLed services over the limit: not ready in time, or no event published in time although some waited.</summary>
    public static int SlowRestarts(IEnumerable<FaultWindow> windows, TimeSpan limit) =>
        windows.Count(w => w.IsKill && (w.ReadyOwn is not { } r || r > limit || w.PublishAfterReady > limit
                                        || (w.PublishAfterReady is null && w.PublishNote is not ("no outbox" or "nothing to publish"))));

    public void AddLost(DateTimeOffset at, string what) => _findings.Add((at, "lost", what));
    public void AddDuplicateEvent(DateTimeOffset at, string what) => _findings.Add((at, "event", what));
    public void AddDuplicateEffect(DateTimeOffset at, string what) => _findings.Add((at, "effect", what));

    public void Print(List<FaultWindow> windows, Load load, TimeSpan? brokerDrain, TimeSpan? settle, DateTimeOffset loadEnd,
        bool shortRun, int seed, TimeSpan timingLimit, bool strictTimings)
    {
        var accepted = load.Accepted.ToList();
        var failed = load.Failed.Where(f => f.Op != "read").ToList(); // writes; the resolver's reads are reported apart
        var failedReads = load.Failed.Count(f => f.Op == "read");
        FaultWindow? WindowOf(DateTimeOffset at) => windows.FirstOrDefault(w => w.Contains(at));

        Console.WriteLine();
        Console.WriteLine($"Fault suite ({(shortRun ? "short" : "full")} run, seed {seed}): {accepted.Count(w => w.Op == "create")} tickets created, " +
                          $"{accepted.Count(w => w.Op == "promote")} promoted, {accepted.Count(w => w.Op == "resolve")} resolved in projects; " +
                          $"{Delivered} cross-service events checked end to end; {PublishRetries} outbox rows needed more than one publish attempt, " +
                          $"{failedReads} reads failed (resolver polling while a service was down)");
        var intended = _intended;
        Console.WriteLine($"Intended writes (each with its own Idempotency-Key, retried with it until accepted): {intended.Count} " +
                          $"({string.Join(", ", intended.GroupBy(i => i.Write.Op).Select(g => $"{g.Count()} {g.Key}"))}); " +
                          $"{intended.Count(i => i.Write.Attempts > 1)} needed more than one attempt, {load.Replays} retried attempts were answered by a replay " +
                          $"(the first attempt had committed), {intended.Count(i => i.Write.Outcome == "gave up")} gave up, " +
                          $"{intended.Count(i => i.Write.Outcome == "refused 4xx")} refused; landed once {intended.Count(i => i.Landed == 1)}, " +
                          $"missing {IntendedMissing}, more than once {IntendedDuplicated}");
        Console.WriteLine();
        Console.WriteLine("| scenario | accepted writes | failed write requests | intended writes landed once | events lost | events duplicated | side effects duplicated " +
                          "| ready after kill | first publish after ready | backlog drained | drain rate |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in windows.GroupBy(w => w.Name))
        {
            var ws = group.ToList();
            bool In(DateTimeOffset at) => ws.Contains(WindowOf(at)!);
            var label = ws.Count > 1 ? $"{group.Key} ×{ws.Count}" : group.Key;
            var writes = accepted.Count(w => In(w.At));
            var writesText = writes.ToString();
            if (ws[0].DownFrom is { } from && ws[0].DownUntil is { } until)
                writesText = $"{writes} ({accepted.Count(w => w.At >= from && w.At <= until)} while down)";
            var failures = failed.Where(f => In(f.At)).ToList();
            var down = ws.Where(w => w.End is not null).Select(w => (w.End!.Value - w.Start).TotalSeconds).DefaultIfEmpty(0);
            var broker = ws[0].Target == "rabbitmq";
            Console.WriteLine($"| {label} (down {down.Average():F1} s avg) | {writesText} | {Failures(failures)} | {Landed(i => In(i.At))} | {Count("lost", In)} | {Count("event", In)} | {Count("effect", In)} | " +
                              $"{Ready(ws, timingLimit)} | {Publish(ws, timingLimit)} | " +
                              (broker ? (ws[0].Drain is { } d ? $"{d.TotalSeconds:F1} s" : "NOT within 120 s") : "—") + $" | {(broker ? Rate(ws[0]) : "—")} |");
        }

        bool Between(DateTimeOffset at) => WindowOf(at) is null && at <= loadEnd;
        Console.WriteLine($"| between faults | {accepted.Count(w => Between(w.At))} | {Failures(failed.Where(f => Between(f.At)).ToList())} | " +
                          $"{Landed(i => Between(i.At))} | {Count("lost", Between)} | {Count("event", Between)} | {Count("effect", Between)} | — | — | — | — |");
        var inWindows = failed.Count(f => WindowOf(f.At) is not null);
        var kills = windows.Where(w => w.IsKill).ToList();
        var broker0 = windows.FirstOrDefault(w => w.Target == "rabbitmq");
        Console.WriteLine($"| **whole run** | {accepted.Count} | {inWindows} while down, {failed.Count - inWindows} otherwise | **{Landed(_ => true)}** | **{Lost}** | **{DuplicateEvents}** | **{DuplicateEffects}** | " +
                          $"max {Max(kills.Select(w => w.ReadyAfter))} | max {Max(kills.Select(w => w.PublishAfterReady))} | " +
                          (settle is { } s ? $"settled {s.TotalSeconds:F1} s after load" : "NOT settled") + $" | {(broker0 is null ? "—" : Rate(broker0))} |");
        Console.WriteLine();
        foreach (var f in _findings.Take(30)) Console.WriteLine($"  {f.Kind}: {f.What}");
        if (_findings.Count > 30) Console.WriteLine($"  … {_findings.Count - 30} more");
        var wrong = intended.Where(i => i.Landed != 1).ToList();
        foreach (var (w, n) in wrong.Take(30))
            Console.WriteLine($"  intended {w.Op} {(n == 0 ? "missing" : $"landed {n} times")}: {w.TicketKey ?? w.Marker}{(w.IssueKey is null ? "" : $" {w.IssueKey}")} " +
                              $"(key {w.Key}, {w.Attempts} attempts, {w.Outcome ?? "unanswered"}, first sent {w.At:HH:mm:ss.f})");
        if (wrong.Count > 30) Console.WriteLine($"  … {wrong.Count - 30} more");

        var slow = SlowRestarts(windows, timingLimit);
        Console.WriteLine($"Restart timings: limit {timingLimit.TotalSeconds:0.#} s for kill → ready (less the time the new process was " +
                          "runnable but without a CPU: a busy machine's share, not the service's) and ready → first publish (bold above: over it; " +
                          "0.0 s: it published before /health/ready answered the driver's poll); " +
                          $"{slow} of {windows.Count(w => w.IsKill)} restarts over it; " +
                          (strictTimings ? "over it fails the run" : "reported only (FAULTS_STRICT_TIMINGS=0, or replicas mode)"));
        Console.WriteLine(Lost + DuplicateEvents + DuplicateEffects + IntendedMissing + IntendedDuplicated == 0
            ? $"RESULT: 0 lost, 0 duplicated, {intended.Count}/{intended.Count} intended writes landed once; RabbitMQ backlog drained in {(brokerDrain is { } b ? $"{b.TotalSeconds:F1} s" : "n/a")}" +
              (strictTimings && slow > 0 ? $"; FAILED on timings: {slow} restarts over {timingLimit.TotalSeconds:0.#} s" : "")
            : $"RESULT: FAILED — {Lost} lost, {DuplicateEvents} events duplicated, {DuplicateEffects} side effects duplicated, " +
              $"{IntendedMissing} intended writes missing, {IntendedDuplicated} landed more than once");

        int Count(string kind, Func<DateTimeOffset, bool> where) => _findings.Count(f => f.Kind == kind && where(f.At));

        string Landed(Func<IntendedWrite, bool> where)
        {
            var these = intended.Where(i => where(i.Write)).ToList();
            var missing = these.Count(i => i.Landed == 0);
            var twice = these.Count(i => i.Landed > 1);
            return $"{these.Count(i => i.Landed == 1)}/{these.Count}" +
                   (missing + twice == 0 ? "" : $" ({missing} missing, {twice} more than once)");
        }
    }

    /// <summary>The figure, bold when it (or what the limit judges of it, <paramref name="judged"/>) is over the limit.</summary>
    private static string Seconds(TimeSpan t, TimeSpan limit, TimeSpan? judged = null) =>
        (judged ?? t) > limit ? $"**{t.TotalSeconds:F1} s**" : $"{t.TotalSeconds:F1} s";

    private static string Max(IEnumerable<TimeSpan?> values) =>
        values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty().Max() is var m && m > TimeSpan.Zero ? $"{m.TotalSeconds:F1} s" : "—";

    private static string Ready(List<FaultWindow> ws, TimeSpan limit) =>
        !ws[0].IsKill ? "—" : string.Join(", ", ws.Select(w => w.ReadyAfter is { } r
            ? Seconds(r, limit, w.ReadyOwn)
              + (w.StartedToReady is { } s ? $" ({s.TotalSeconds:F1} s from start" + (w.CpuWait is { } c ? $", {c.TotalSeconds:F1} s of it without a CPU)" : ")") : "")
            : "**not ready**"));

    private static string Publish(List<FaultWindow> ws, TimeSpan limit) =>
        !ws[0].IsKill ? "—" : string.Join(", ", ws.Select(w => w.PublishAfterReady is { } p ? Seconds(p, limit) : w.PublishNote is { } n ? (n.StartsWith("none", StringComparison.Ordinal) ? $"**{n}**" : n) : "—"));

    private static string Rate(FaultWindow w) =>
        w.Backlog switch
        {
            null => "n/a",
            0 => "no backlog",
            { } n when w.BacklogDrain is { } d && d > TimeSpan.Zero => $"{n / d.TotalSeconds:F0} msg/s ({n} in {d.TotalSeconds:F1} s)" +
                (w.BacklogFirst is { } first && d - first > TimeSpan.Zero
                    ? $", {n / (d - first).TotalSeconds:F0} msg/s once publishing ({first.TotalSeconds:F1} s to the first)" : "") +
                (w.Flows is > 0 and { } f && w.Drain is { } all && all > TimeSpan.Zero ? $"; {f / all.TotalSeconds:F0} promotions/s linked back ({f} in {all.TotalSeconds:F1} s)" : ""),
            { } n => $"{n} msgs, not drained",
        };

    private static string Failures(List<FailedRequest> failures) =>
        failures.Count == 0
            ? "0"
            : $"{failures.Count} ({string.Join(", ", failures.GroupBy(f => $"{f.What} {f.Op}").OrderByDescending(g => g.Count()).Select(g => $"{g.Count()}×{g.Key}"))})";
}
