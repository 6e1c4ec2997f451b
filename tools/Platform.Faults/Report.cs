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

    /// <summary>A request in here is attributed to this fault (with a little grace after recovery).</summary>
    public bool Contains(DateTimeOffset at) => at >= Start && at <= (End ?? DateTimeOffset.MaxValue) + Grace;
}

public sealed class Report
{
    private readonly List<(DateTimeOffset At, string Kind, string What)> _findings = [];

    public int Lost => _findings.Count(f => f.Kind == "lost");
    public int DuplicateEvents => _findings.Count(f => f.Kind == "event");
    public int DuplicateEffects => _findings.Count(f => f.Kind == "effect");
    public long Delivered { get; set; }
    public long PublishRetries { get; set; }
    public int InboxRaces { get; set; }

    public void AddLost(DateTimeOffset at, string what) => _findings.Add((at, "lost", what));
    public void AddDuplicateEvent(DateTimeOffset at, string what) => _findings.Add((at, "event", what));
    public void AddDuplicateEffect(DateTimeOffset at, string what) => _findings.Add((at, "effect", what));

    public void Print(List<FaultWindow> windows, Load load, TimeSpan? brokerDrain, TimeSpan? settle, DateTimeOffset loadEnd,
        bool shortRun, int seed)
    {
        var accepted = load.Accepted.ToList();
        var failed = load.Failed.Where(f => f.Op != "read").ToList(); // writes; the resolver's reads are reported apart
        var failedReads = load.Failed.Count(f => f.Op == "read");
        FaultWindow? WindowOf(DateTimeOffset at) => windows.FirstOrDefault(w => w.Contains(at));

        Console.WriteLine();
        Console.WriteLine($"Fault suite ({(shortRun ? "short" : "full")} run, seed {seed}): {accepted.Count(w => w.Op == "create")} tickets created, " +
                          $"{accepted.Count(w => w.Op == "promote")} promoted, {accepted.Count(w => w.Op == "resolve")} resolved in projects; " +
                          $"{Delivered} cross-service events checked end to end; {PublishRetries} outbox rows needed more than one publish attempt, " +
                          $"{InboxRaces} concurrent redeliveries were absorbed by the inbox; {failedReads} reads failed (resolver polling while a service was down)");
        Console.WriteLine();
        Console.WriteLine("| scenario | accepted writes | failed write requests | events lost | events duplicated | side effects duplicated | backlog drained |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
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
            Console.WriteLine($"| {label} (down {down.Average():F1} s avg) | {writesText} | {Failures(failures)} | {Count("lost", In)} | {Count("event", In)} | {Count("effect", In)} | " +
                              (ws[0].Target == "rabbitmq" ? (ws[0].Drain is { } d ? $"{d.TotalSeconds:F1} s" : "NOT within 120 s") : "—") + " |");
        }

        bool Between(DateTimeOffset at) => WindowOf(at) is null && at <= loadEnd;
        Console.WriteLine($"| between faults | {accepted.Count(w => Between(w.At))} | {Failures(failed.Where(f => Between(f.At)).ToList())} | " +
                          $"{Count("lost", Between)} | {Count("event", Between)} | {Count("effect", Between)} | — |");
        var inWindows = failed.Count(f => WindowOf(f.At) is not null);
        Console.WriteLine($"| **whole run** | {accepted.Count} | {inWindows} while down, {failed.Count - inWindows} otherwise | **{Lost}** | **{DuplicateEvents}** | **{DuplicateEffects}** | " +
                          (settle is { } s ? $"settled {s.TotalSeconds:F1} s after load" : "NOT settled") + " |");
        Console.WriteLine();
        foreach (var f in _findings.Take(30)) Console.WriteLine($"  {f.Kind}: {f.What}");
        if (_findings.Count > 30) Console.WriteLine($"  … {_findings.Count - 30} more");
        Console.WriteLine(Lost + DuplicateEvents + DuplicateEffects == 0
            ? $"RESULT: 0 lost, 0 duplicated; RabbitMQ backlog drained in {(brokerDrain is { } b ? $"{b.TotalSeconds:F1} s" : "n/a")}"
            : $"RESULT: FAILED — {Lost} lost, {DuplicateEvents} events duplicated, {DuplicateEffects} side effects duplicated");

        int Count(string kind, Func<DateTimeOffset, bool> where) => _findings.Count(f => f.Kind == kind && where(f.At));
    }

    private static string Failures(List<FailedRequest> failures) =>
        failures.Count == 0
            ? "0"
            : $"{failures.Count} ({string.Join(", ", failures.GroupBy(f => $"{f.What} {f.Op}").OrderByDescending(g => g.Count()).Select(g => $"{g.Count()}×{g.Key}"))})";
}
