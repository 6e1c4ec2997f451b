using System.Diagnostics;
using System.Net.Sockets;

namespace Platform.Processes;

/// <summary>
/// One service of the platform as a real OS process (<c>dotnet Service.dll --urls http://127.0.0.1:port</c>) with
/// its settings in environment variables (nothing inherited steers it elsewhere). Its stdout and stderr are kept in
/// memory (thread-safe, the last <c>keepLines</c>) and written to <c>{logDirectory}/{name}.log</c>, so failures can
/// show what it said. It can be killed (SIGKILL: no shutdown hooks run) and started again; with a pid directory its
/// pid is kept in <c>{name}.pid</c>, so that a script can clean up if the driver itself dies. Used by the end-to-end
/// tests and the fault suite's driver.
/// </summary>
/// <remarks>
/// With <c>arguments</c>, those are its command line after the dll instead of <c>--urls</c> (the all-in-one host, which
/// is told each application's URL itself); <c>port</c> is still where its /health/ready is asked.
/// </remarks>
public sealed class ServiceProcess(string name, string dll, int port, IReadOnlyDictionary<string, string?> environment,
    string logDirectory, string? pidDirectory = null, int keepLines = int.MaxValue, IReadOnlyList<string>? arguments = null) : IAsyncDisposable
{
    private static readonly HttpClient Health = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly HashSet<int> HandedOut = [];

    private readonly object _gate = new();
    private readonly Queue<string> _lines = new();
    private StreamWriter? _log;
    private Process? _process;
    private Stopwatch _sinceStart = new();
    private bool _disposed;

    public string Name { get; } = name;
    public int Port { get; } = port;
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}/");
    public string LogFile { get; } = Path.Combine(logDirectory, $"{name}.log");

    /// <summary>How many times it was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Time from the last start until /health/ready first answered 200 (null until then).</summary>
    public TimeSpan? ReadyAfter { get; private set; }

    /// <summary>
    /// Of <see cref="ReadyAfter"/>, the time the process was held back for lack of a CPU (null where Linux's schedstat is
    /// not readable). Sampled every 50 ms from /proc/PID/task/*/schedstat: per interval, the least of the run-queue
    /// delay its threads gathered and the part of the interval in which none of them ran. A process blocked on a lock,
    /// a back-off or the network gathers no run-queue delay, so that time is never counted here.
    /// </summary>
    public TimeSpan? CpuWaitBeforeReady { get; private set; }

    private CancellationTokenSource? _sampling;
    private long _starvedTicks = -1;

    /// <summary>CPU time and run-queue delay summed over a process's live threads (schedstat's first two fields); null off Linux or once it is gone.</summary>
    public static (TimeSpan Cpu, TimeSpan Waited)? Schedstat(int pid)
    {
        try
        {
            long cpu = 0, waited = 0;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                string text;
                try { text = File.ReadAllText(Path.Combine(task, "schedstat")); }
                catch (IOException) { continue; } // the thread ended meanwhile
                var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || !long.TryParse(fields[0], out var c) || !long.TryParse(fields[1], out var w)) return null;
                cpu += c;
                waited += w;
            }

            return (TimeSpan.FromTicks(cpu / 100), TimeSpan.FromTicks(waited / 100));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Adds up, until cancelled, the time the process was runnable but left without a CPU (see <see cref="CpuWaitBeforeReady"/>).</summary>
    private async Task SampleStarvationAsync(int pid, CancellationToken ct)
    {
        if (Schedstat(pid) is not { } last) return;
        Interlocked.Exchange(ref _starvedTicks, 0);
        var clock = Stopwatch.StartNew();
        var lastAt = TimeSpan.Zero;
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(50, ct); }
            catch (OperationCanceledException) { return; }
            if (Schedstat(pid) is not { } now) return;
            var at = clock.Elapsed;
            var ran = now.Cpu - last.Cpu;
            var waited = now.Waited - last.Waited;
            var idle = at - lastAt - (ran > TimeSpan.Zero ? ran : TimeSpan.Zero);
            if (waited > TimeSpan.Zero && idle > TimeSpan.Zero)
                Interlocked.Add(ref _starvedTicks, Math.Min(waited.Ticks, idle.Ticks));
            (last, lastAt) = (now, at);
        }
    }

    private void StopSampling()
    {
        _sampling?.Cancel();
        _sampling?.Dispose();
        _sampling = null;
    }

    public bool Running => _process is { HasExited: false };

    /// <summary>The running process's id (null when it is not running).</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;
    public bool HasExited => !Running;

    /// <summary>
    /// A port nothing listens on, never the same twice in this run: the kernel may offer a just-released port again,
    /// and two processes of one platform once got the same one (the gateway then proxied to itself).
    /// </summary>
    public static int FreePort()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port)) return port;
            }
        }
    }

    /// <summary>Creates and starts one.</summary>
    public static ServiceProcess Start(string name, string dll, int port, IReadOnlyDictionary<string, string?> environment, string logDirectory,
        IReadOnlyList<string>? arguments = null)
    {
        var service = new ServiceProcess(name, dll, port, environment, logDirectory, arguments: arguments);
        service.Start();
        return service;
    }

    /// <summary>Starts the process (again, after <see cref="Kill"/> or a crash); its output goes on in the same log.</summary>
    public void Start()
    {
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{Name}: build output {dll} is missing. Build the solution first.", dll);
        if (Running) throw new InvalidOperationException($"{Name} is already running.");

        // Each service in a session of its own (setsid), as deploy/local/up.sh starts them and as systemd or Kubernetes
        // give each service a cgroup of its own: the kernel's autogroup scheduling then shares the CPU fairly between
        // the services and whatever else runs (a build), not between threads, so a neighbour with twenty busy threads
        // does not leave a restarting service a twentieth of a core. setsid execs the host in the same process (a
        // child of ours is not a process group leader), so the pid and the pipes are the service's own.
        var setsid = File.Exists(Setsid) ? Setsid : null;
        var info = new ProcessStartInfo(setsid ?? DotnetHost())
        {
            // The content root is the working directory: appsettings.json lives next to the dll.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (setsid is not null) info.ArgumentList.Add(DotnetHost());
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments ?? ["--urls", BaseAddress.ToString().TrimEnd('/')])
            info.ArgumentList.Add(argument);
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "OTEL_EXPORTER_OTLP_ENDPOINT" })
            info.Environment.Remove(inherited);
        foreach (var (key, value) in environment)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        Directory.CreateDirectory(logDirectory);
        lock (_gate)
        {
            // A new log for a new ServiceProcess; restarts of the same one go on in it.
            _log ??= new StreamWriter(LogFile, append: false, Encoding.UTF8) { AutoFlush = true };
            _log.WriteLine($"# {DateTimeOffset.UtcNow:O} start: {info.FileName} {string.Join(' ', info.ArgumentList)} (cwd {info.WorkingDirectory})");
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Append(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Append("[stderr] " + e.Data); };
        process.Exited += (_, _) => Append($"# process exited ({ExitCode(process)})");
        if (!process.Start()) throw new InvalidOperationException($"{Name}: the process did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _sinceStart = Stopwatch.StartNew();
        ReadyAfter = null;
        CpuWaitBeforeReady = null;
        StopSampling();
        Interlocked.Exchange(ref _starvedTicks, -1);
        _sampling = new CancellationTokenSource();
        _ = SampleStarvationAsync(process.Id, _sampling.Token);
        Starts++;
        if (pidDirectory is not null) File.WriteAllText(Path.Combine(pidDirectory, $"{Name}.pid"), process.Id.ToString());
    }

    /// <summary>SIGKILL, then wait (up to 10 s) for the process to be gone.</summary>
    public void Kill()
    {
        StopSampling();
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>Whether /health/ready answers 200 right now.</summary>
    public async Task<bool> IsReadyAsync() => await ReadinessAsync() is null;

    /// <summary>Polls /health/ready until it answers 200; fails with the end of the output if the process dies or the time runs out.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < timeout)
        {
            if (_process is not { } process || process.HasExited)
            {
                // Let the output readers drain what the process wrote last: that is the interesting part.
                if (_process is not null)
                {
                    using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    try { await _process.WaitForExitAsync(drain.Token); } catch (OperationCanceledException) { /* show what we have */ }
                }
                throw new InvalidOperationException($"{Name} exited before it was ready ({ExitCode(_process)}); see {LogFile}.\n{Tail()}");
            }

            if (await ReadinessAsync() is not { } problem)
            {
                ReadyAfter = _sinceStart.Elapsed;
                StopSampling();
                CpuWaitBeforeReady = Interlocked.Read(ref _starvedTicks) is var starved and >= 0 ? TimeSpan.FromTicks(starved) : null;
                return;
            }

            last = problem;
            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s on {BaseAddress}health/ready (last: {last}); see {LogFile}.\n{Tail()}");
    }

    /// <summary>Null when /health/ready answers 200; otherwise what it answered.</summary>
    private async Task<string?> ReadinessAsync()
    {
        try
        {
            using var response = await Health.GetAsync(new Uri(BaseAddress, "health/ready"));
            return response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ex.Message;
        }
    }

    /// <summary>What the process printed (since it was created, at most the last <c>keepLines</c>), one entry per line.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate) return _lines.ToArray();
        }
    }

    /// <summary>The last lines the process printed, headed by its name and log file.</summary>
    public string Tail(int lines = 60)
    {
        string[] tail;
        lock (_gate) tail = _lines.Skip(Math.Max(0, _lines.Count - lines)).ToArray();
        return $"----- {Name} ({BaseAddress}, log {LogFile}): last {tail.Length} lines -----\n{string.Join('\n', tail)}";
    }

    private void Append(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > keepLines) _lines.Dequeue();
            if (!_disposed) _log?.WriteLine(line);
        }
    }

    private static string ExitCode(Process? process)
    {
        try { return process is null ? "never started" : $"exit code {process.ExitCode}"; }
        catch (InvalidOperationException) { return "exit code unknown"; }
    }

    private const string Setsid = "/usr/bin/setsid";

    private static string DotnetHost()
    {
        // Set by the dotnet CLI (dotnet test, dotnet run) to the muxer that runs us; else whatever 'dotnet' PATH finds.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    /// <summary>Kills the whole process tree and closes the log.</summary>
    public async ValueTask DisposeAsync()
    {
        StopSampling();
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                    try { await process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { /* gone or reported */ }
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
        }

        lock (_gate)
        {
            _disposed = true;
            _log?.Dispose();
        }
    }
}
