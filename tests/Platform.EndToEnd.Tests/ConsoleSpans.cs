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
