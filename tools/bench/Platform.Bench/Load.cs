using System.Diagnostics;

namespace Platform.Bench;

/// <summary>What one fixed-rate run measured.</summary>
public sealed record LoadResult(
    string Label, double TargetRate, double AchievedRate, int Ok, int Failed, double P50, double P90, double P95, double P99, double Max,
    double ClientCpuPercent, TimeSpan Duration, IReadOnlyDictionary<string, int> Failures)
{
    public bool Held(double p99LimitMs) => Failed <= Ok / 100 && AchievedRate >= TargetRate * 0.95 && P99 <= p99LimitMs;
}

/// <summary>
/// Open-loop load at a fixed arrival rate: request i is due at i / rate seconds, and its latency is measured from
/// when it was due, not from when it was sent, so a slow server cannot hide its queueing by slowing the client down
/// (no coordinated omission). The client's own CPU use is measured over the run.
/// </summary>
public static class Load
{
    public static Task<LoadResult> RunAsync(string label, double rate, TimeSpan duration, Func<int, Task<string?>> operation) =>
        RunAsync(label, rate, Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds)), operation);

    /// <summary><paramref name="total"/> requests, one every 1/<paramref name="rate"/> seconds.</summary>
    public static async Task<LoadResult> RunAsync(string label, double rate, int total, Func<int, Task<string?>> operation)
    {
        var latencies = new double[total];
        var errors = new string?[total];
        var tasks = new Task[total];
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                string? error;
                try
                {
                    error = await operation(index);
                }
                catch (Exception e)
                {
                    error = e.GetType().Name;
                }

                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                errors[index] = error;
            });
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds / elapsed.TotalMilliseconds / Environment.ProcessorCount * 100;
        var okLatencies = latencies.Where((_, i) => errors[i] is null).Order().ToArray();
        var failures = errors.OfType<string>().GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
        return new LoadResult(label, rate, total / elapsed.TotalSeconds, okLatencies.Length, total - okLatencies.Length,
            Percentile(okLatencies, 50), Percentile(okLatencies, 90), Percentile(okLatencies, 95), Percentile(okLatencies, 99),
            okLatencies.Length == 0 ? double.NaN : okLatencies[^1], cpu, elapsed, failures);
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
