using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Platform.ServiceDefaults;

/// <summary>
/// Where a service's start-up goes: wall time since the process began and CPU time used, at each step (host built,
/// database migrated, listening, bus ready). <see cref="Summary"/> is logged once when the service is ready, so that a
/// slow restart (the fault suite's kill → ready) says whether it waited for CPU, for the database or for the broker.
/// </summary>
public static class StartupTimeline
{
    private static readonly Lock Gate = new();
    private static readonly List<(string Step, TimeSpan Wall, TimeSpan Cpu, long Jitted, TimeSpan Jit)> Steps = [];

    /// <summary>Records that <paramref name="step"/> is done now (the first time only).</summary>
    public static void Mark(string step)
    {
        var wall = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var cpu = Environment.CpuUsage.TotalTime;
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        lock (Gate)
            if (!Steps.Exists(s => s.Step == step))
                Steps.Add((step, wall, cpu, jitted, jit));
    }

    /// <summary>"host built 0.41 s (CPU 0.30 s, JIT 2100 methods 0.12 s), …" (JIT: methods compiled at run time so far, not taken from ReadyToRun images, and the time spent compiling them) for the steps marked so far.</summary>
    public static string Summary()
    {
        var text = new StringBuilder();
        lock (Gate)
            foreach (var (step, wall, cpu, jitted, jit) in Steps)
                text.Append(CultureInfo.InvariantCulture,
                    $"{(text.Length > 0 ? ", " : "")}{step} {wall.TotalSeconds:F2} s (CPU {cpu.TotalSeconds:F2} s, JIT {jitted} methods {jit.TotalSeconds:F2} s)");
        return text.ToString();
    }
}
