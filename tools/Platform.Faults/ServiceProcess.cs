using System.Diagnostics;
using System.Net;

namespace Platform.Faults;

/// <summary>
/// One service as an OS process: <c>dotnet Service.dll --urls http://127.0.0.1:port</c> with its settings in
/// environment variables, output appended to a log file. <see cref="Kill"/> is a SIGKILL (no shutdown hooks run).
/// The pid is kept in a file so that faults/run.sh can clean up if this driver itself dies.
/// </summary>
public sealed class ServiceProcess(string name, string dll, int port, IReadOnlyDictionary<string, string> environment,
    string logDirectory, string pidDirectory)
{
    private static readonly HttpClient Health = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _process;

    public string Name { get; } = name;
    public int Port { get; } = port;
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}/");
    public int Starts { get; private set; }
    public bool Running => _process is { HasExited: false };

    /// <summary>Set while the fault scheduler has killed the process on purpose (the watchdog leaves it alone).</summary>
    public volatile bool Faulted;

    public void Start()
    {
        var log = Path.Combine(logDirectory, $"{Name}.log");
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
        };
        // exec: the pid we hold is the dotnet process itself, so Kill() is a SIGKILL of the service.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("echo \"# $(date -Is) start\" >>\"$0\"; exec dotnet \"$1\" --urls \"$2\" >>\"$0\" 2>&1 </dev/null");
        info.ArgumentList.Add(log);
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"http://127.0.0.1:{Port}");
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "OTEL_EXPORTER_OTLP_ENDPOINT" })
            info.Environment.Remove(inherited);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{Name} did not start");
        File.WriteAllText(Path.Combine(pidDirectory, $"{Name}.pid"), _process.Id.ToString());
        Starts++;
    }

    /// <summary>SIGKILL, then wait for the process to be gone.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Health.GetAsync(new Uri(BaseAddress, "health/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (!Running) throw new InvalidOperationException($"{Name} exited during start-up; see {Path.Combine(logDirectory, Name + ".log")}");
            if (await IsReadyAsync()) return;
            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} not ready after {timeout.TotalSeconds:F0} s; see {Path.Combine(logDirectory, Name + ".log")}");
    }
}
