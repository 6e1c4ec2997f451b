namespace Platform.EndToEnd.Tests;

/// <summary>One span as the OpenTelemetry console exporter printed it.</summary>
public sealed record ConsoleSpan(
    string TraceId, string SpanId, string? ParentSpanId, string DisplayName, string Kind, string? Source,
    IReadOnlyDictionary<string, string> Tags)
{
    public override string ToString() =>
        $"{Source}: '{DisplayName}' ({Kind}) trace {TraceId} span {SpanId} parent {ParentSpanId ?? "-"}";
}

/// <summary>
/// Reads the blocks the console exporter (OpenTelemetry.Exporter.Console 1.x) writes for each finished activity:
/// <code>
/// Activity.TraceId:            4bf92f3577b34da6a3ce929d0e0e4736
/// Activity.SpanId:             00f067aa0ba902b7
/// Activity.TraceFlags:         Recorded
/// Activity.ParentSpanId:       …
/// Activity.DisplayName:        ticketing-project-issue-created process
/// Activity.Kind:               Consumer
/// Activity.StartTime:          …
/// Activity.Duration:           …
/// Activity.Tags:
///     messaging.system: rabbitmq
/// Instrumentation scope (ActivitySource):
///     Name: MassTransit
/// Resource associated with Activity:
///     service.name: ticketing
/// </code>
/// Each block is written under the exporter's lock, but log lines of the same process may still come between
/// its lines, so a block is read line by line and only lines it recognises are taken.
/// </summary>
public static class ConsoleSpans
{
    private const string TraceIdPrefix = "Activity.TraceId:";

    public static IReadOnlyList<ConsoleSpan> Parse(IEnumerable<string> lines)
    {
        var spans = new List<ConsoleSpan>();
        Builder? current = null;
        var section = "";
        foreach (var line in lines)
        {
            if (line.StartsWith(TraceIdPrefix, StringComparison.Ordinal))
            {
                if (current is not null) spans.Add(current.Build());
                current = new Builder { TraceId = Value(line) };
                section = "";
                continue;
            }

            if (current is null) continue;
            if (line.StartsWith("Activity.", StringComparison.Ordinal))
            {
                section = "";
                var colon = line.IndexOf(':');
                if (colon < 0) continue;
                var field = line[..colon];
                switch (field)
                {
                    case "Activity.SpanId": current.SpanId = Value(line); break;
                    case "Activity.ParentSpanId": current.ParentSpanId = Value(line); break;
                    case "Activity.DisplayName": current.DisplayName = Value(line); break;
                    case "Activity.Kind": current.Kind = Value(line); break;
                    case "Activity.Tags": section = "tags"; break;
                }
            }
            else if (line.StartsWith("Instrumentation scope", StringComparison.Ordinal))
            {
                section = "scope";
            }
            else if (line.StartsWith("Resource associated with Activity", StringComparison.Ordinal))
            {
                section = "resource";
            }
            else if (line.StartsWith("    ", StringComparison.Ordinal) && !line.StartsWith("      ", StringComparison.Ordinal))
            {
                var colon = line.IndexOf(':');
                if (colon < 0) continue;
                var key = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (section == "tags") current.Tags[key] = value;
                else if (section == "scope" && key == "Name") current.Source ??= value;
            }
        }

        if (current is not null) spans.Add(current.Build());
        return spans;
    }

    private static string Value(string line) => line[(line.IndexOf(':') + 1)..].Trim();

    private sealed class Builder
    {
        public string TraceId = "";
        public string SpanId = "";
        public string? ParentSpanId;
        public string DisplayName = "";
        public string Kind = "";
        public string? Source;
        public readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal);

        public ConsoleSpan Build() => new(TraceId, SpanId, ParentSpanId, DisplayName, Kind, Source, Tags);
    }
}

/// <summary>A span and the process that printed it.</summary>
public sealed record SpanHop(string Service, ConsoleSpan Span)
{
    public override string ToString() => $"{Service}: {Span}";
}

/// <summary>Follows a trace across the processes' printed spans (TraceTests, the portal's PortalPlumbingTests).</summary>
public static class SpanChains
{
    /// <summary>
    /// Walks from a span through ParentSpanId across every process's output until the parent is
    /// <paramref name="stopAtParent"/> (the caller's own span) or, when that is null, the trace's root; a parent no
    /// process printed fails with the chain so far and every span of the trace.
    /// </summary>
    public static List<SpanHop> Chain(IEnumerable<ServiceProcess> processes, ConsoleSpan from, string traceId, string? stopAtParent = null)
    {
        var all = processes.ToList();
        var bySpan = all
            .SelectMany(p => ConsoleSpans.Parse(p.Lines).Where(s => s.TraceId == traceId).Select(s => new SpanHop(p.Name, s)))
            .GroupBy(h => h.Span.SpanId)
            .ToDictionary(g => g.Key, g => g.First());
        var chain = new List<SpanHop>();
        var current = bySpan[from.SpanId];
        while (true)
        {
            chain.Add(current);
            var parent = current.Span.ParentSpanId;
            if (stopAtParent is not null ? parent == stopAtParent : parent is null) return chain;
            if (parent is null || !bySpan.TryGetValue(parent, out var next) || chain.Count > 100)
                throw new Shouldly.ShouldAssertException(
                    $"The chain of parents breaks after {current}: its parent {parent ?? "(none)"} is no span any process printed.\n" +
                    $"Chain so far:\n  {string.Join("\n  ", chain)}\nAll spans of the trace:\n{AllSpans(all, traceId)}");
            current = next;
        }
    }

    /// <summary>Every span of the trace, one line each with its process.</summary>
    public static string AllSpans(IEnumerable<ServiceProcess> processes, string traceId) => string.Join("\n", processes.SelectMany(p =>
        ConsoleSpans.Parse(p.Lines).Where(s => s.TraceId == traceId).Select(s => $"  {p.Name}: {s}")));
}
