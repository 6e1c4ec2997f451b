using System.Globalization;
using Platform.Assets;
using Platform.Gateway;
using Platform.Identity;
using Platform.Notifications;
using Platform.Portal;
using Platform.Projects;
using Platform.Ticketing;

namespace Platform.AllInOne;

/// <summary>
/// Runs several of the platform's applications in this one process (decision 0016):
/// <c>dotnet Platform.AllInOne.dll --run identity http://127.0.0.1:5103 DIR --run ticketing URL DIR … [settings]</c>.
/// </summary>
/// <remarks>
/// Each <c>--run NAME URLS CONTENT-ROOT</c> starts that application's own web host, exactly as its Program.cs does,
/// listening on URLS and reading its appsettings*.json from CONTENT-ROOT (its own build output), under its own
/// application name. Everything after the <c>--run</c> triples (and the environment) is given to every one of them.
/// When one of them fails, the process exits 1: a platform with a part missing is not left running half-alive.
/// </remarks>
public static class AllInOneHost
{
    /// <summary>The applications this host can run: name → (assembly, the service's own RunAsync).</summary>
    public static readonly IReadOnlyDictionary<string, (string Assembly, Func<string[], Task> Run)> Applications =
        new Dictionary<string, (string, Func<string[], Task>)>(StringComparer.Ordinal)
        {
            ["identity"] = ("Platform.Identity", IdentityService.RunAsync),
            ["ticketing"] = ("Platform.Ticketing", TicketingService.RunAsync),
            ["projects"] = ("Platform.Projects", ProjectsService.RunAsync),
            ["assets"] = ("Platform.Assets", AssetsService.RunAsync),
            ["notifications"] = ("Platform.Notifications", NotificationsService.RunAsync),
            ["portal"] = ("Platform.Portal", PortalService.RunAsync),
            ["gateway"] = ("Platform.Gateway", GatewayApp.RunAsync),
        };

    public static async Task<int> Main(string[] args)
    {
        if (!TryParse(args, out var runs, out var shared, out var error))
        {
            await Console.Error.WriteLineAsync($"Platform.AllInOne: {error}");
            await Console.Error.WriteLineAsync($"usage: dotnet Platform.AllInOne.dll --run NAME URLS CONTENT-ROOT [--run …] [settings]; NAME one of {string.Join(", ", Applications.Keys)}");
            return 2;
        }

        var running = new List<(string Name, Task Task)>();
        foreach (var run in runs)
        {
            var (assembly, start) = Applications[run.Name];
            var own = ArgumentsOf(run, assembly, shared, first: running.Count == 0);
            running.Add((run.Name, Task.Run(() => start(own))));
        }

        // Every host stops on SIGTERM/Ctrl-C by itself; one that ends on its own (it failed) ends the process.
        var first = await Task.WhenAny(running.Select(r => r.Task));
        var name = running.First(r => r.Task == first).Name;
        if (first.IsFaulted)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Platform.AllInOne: {name} failed, stopping the process: {first.Exception!.GetBaseException()}"));
            return 1;
        }

        try
        {
            await Task.WhenAll(running.Select(r => r.Task)).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"Platform.AllInOne: stopping: {e.GetBaseException().Message}");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// One application's arguments: its URLs, content root and name, then the shared settings; its console lines name
    /// it; and only the first one gives memory back when idle (the trimmer looks at the whole process's heap, so one is
    /// enough, and several would collect the same heap one after another).
    /// </summary>
    public static string[] ArgumentsOf((string Name, string Urls, string ContentRoot) run, string assembly, IReadOnlyList<string> shared, bool first) =>
    [
        "--urls", run.Urls, "--contentRoot", run.ContentRoot, "--applicationName", assembly,
        $"--Logging:Console:FormatterName={ServiceDefaults.ServiceLogFormatter.FormatterName}",
        .. shared,
        .. first ? Array.Empty<string>() : ["--Memory:IdleTrim=false"],
    ];

    /// <summary>Reads the <c>--run NAME URLS CONTENT-ROOT</c> triples; the other arguments are the shared settings.</summary>
    public static bool TryParse(string[] args, out List<(string Name, string Urls, string ContentRoot)> runs,
        out List<string> shared, out string error)
    {
        runs = [];
        shared = [];
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--run")
            {
                shared.Add(args[i]);
                continue;
            }

            if (i + 3 >= args.Length)
            {
                error = "--run needs three values: NAME URLS CONTENT-ROOT";
                return false;
            }

            var (name, urls, root) = (args[i + 1], args[i + 2], args[i + 3]);
            i += 3;
            if (!Applications.ContainsKey(name))
            {
                error = $"unknown application '{name}'";
                return false;
            }

            if (runs.Exists(r => r.Name == name))
            {
                error = $"'{name}' is named twice";
                return false;
            }

            if (!Directory.Exists(root))
            {
                error = $"content root of {name} not found: {root}";
                return false;
            }

            runs.Add((name, urls, Path.GetFullPath(root)));
        }

        if (runs.Count == 0) error = "nothing to run (no --run)";
        return runs.Count > 0;
    }
}
