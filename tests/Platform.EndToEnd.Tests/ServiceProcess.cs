using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// One service of the platform as a real OS process (<c>dotnet Service.dll --urls http://127.0.0.1:port</c>),
/// started from the build output of the configuration the tests were built with. Its stdout and stderr are
/// kept in memory (thread-safe) and written to a log file, so that failures can show what the process said.
/// Disposing kills the whole process tree.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly StreamWriter _log;
    private readonly Process _process;
    private readonly Stopwatch _sinceStart;
    private bool _disposed;

    private ServiceProcess(string name, int port, string logFile, Process process, StreamWriter log)
    {
        Name = name;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        LogFile = logFile;
        _process = process;
        _log = log;
        _sinceStart = Stopwatch.StartNew();
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string LogFile { get; }

    /// <summary>Time from start until /health/ready first answered 200 (null until then).</summary>
    public TimeSpan? ReadyAfter { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>The build configuration this test assembly was built with (Debug, Release…); services are taken from the same.</summary>
    public static string Configuration { get; } =
        typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c
            ? c
#if DEBUG
            : "Debug";
#else
            : "Release";
#endif

    /// <summary>The directory holding Platform.sln, found by walking up from the test's output directory.</summary>
    public static string RepositoryRoot => Platform.Testing.Repository.Root;

    /// <summary>A TCP port nobody listens on right now.</summary>
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port nothing listens on, never the same twice in this test run: the kernel may offer a just-released port
    /// again, and two processes of one platform once got the same one (the gateway then proxied to itself).
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

    /// <summary>The build output of a project: &lt;repo&gt;/&lt;projectDir&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;assembly&gt;.dll.</summary>
    public static string BuildOutput(string projectDirectory, string assemblyName) =>
        Path.Combine(RepositoryRoot, projectDirectory, "bin", Configuration, "net10.0", assemblyName + ".dll");

    /// <summary>Starts <paramref name="dll"/> listening on 127.0.0.1:<paramref name="port"/> with the given environment.</summary>
    public static ServiceProcess Start(
        string name, string dll, int port, IReadOnlyDictionary<string, string?> environment, string logDirectory)
    {
        if (!File.Exists(dll))
            throw new FileNotFoundException(
                $"{name}: build output {dll} is missing. Build the solution in {Configuration} (the E2E project references the services so that they build first).", dll);

        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo(DotnetHost())
        {
            // The content root is the working directory: appsettings.json lives next to the dll.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);

        // Nothing from the test runner's own environment should steer the service elsewhere.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "OTEL_EXPORTER_OTLP_ENDPOINT" })
            info.Environment.Remove(inherited);
        foreach (var (key, value) in environment)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        Directory.CreateDirectory(logDirectory);
        var logFile = Path.Combine(logDirectory, $"{name}.log");
        var log = new StreamWriter(logFile, append: false, Encoding.UTF8) { AutoFlush = true };
        log.WriteLine($"# {DateTimeOffset.UtcNow:O} {info.FileName} {string.Join(' ', info.ArgumentList)} (cwd {info.WorkingDirectory})");

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, port, logFile, process, log);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) service.Append(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) service.Append("[stderr] " + e.Data); };
        process.Exited += (_, _) => service.Append($"# process exited ({SafeExitCode(process)})");
        if (!process.Start()) throw new InvalidOperationException($"{name}: the process did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Polls /health/ready until it answers 200; fails with the end of the log if the process dies or the time runs out.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string last = "no answer yet";
        while (deadline.Elapsed < timeout)
        {
            if (HasExited)
            {
                // Let the output readers drain what the process wrote last: that is the interesting part.
                using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try { await _process.WaitForExitAsync(drain.Token); } catch (OperationCanceledException) { /* show what we have */ }
                throw new InvalidOperationException($"{Name} exited before it was ready ({SafeExitCode(_process)}).\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ReadyAfter = _sinceStart.Elapsed;
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(
            $"{Name} was not ready within {timeout.TotalSeconds} s on {BaseAddress}health/ready (last: {last}).\n{Tail()}");
    }

    /// <summary>Everything the process printed so far, one entry per line.</summary>
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
            _lines.Add(line);
            if (!_disposed) _log.WriteLine(line);
        }
    }

    private static string SafeExitCode(Process process)
    {
        try { return $"exit code {process.ExitCode}"; }
        catch (InvalidOperationException) { return "exit code unknown"; }
    }

    private static string DotnetHost()
    {
        // Set by the dotnet CLI (dotnet test) to the muxer that runs us; else whatever 'dotnet' PATH finds.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try { await _process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { /* reported below */ }
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }

        lock (_gate)
        {
            _disposed = true;
            _log.Dispose();
        }

        _process.Dispose();
    }
}
