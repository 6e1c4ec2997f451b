using System.Diagnostics;

namespace Platform.Testing;

/// <summary>Runs a program the tests check with (kubectl, node, npm, bash, servers.sh …) to its end, within a time limit.</summary>
public static class ExternalProgram
{
    /// <summary>
    /// The exit code and output (stdout then stderr; stdout alone when <paramref name="stdoutOnly"/> and it succeeded).
    /// <paramref name="installHint"/> says what installs the program when it cannot be started; <paramref name="environment"/>
    /// adds to the inherited environment (NO_COLOR=1 always).
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan timeout, string installHint, bool stdoutOnly = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["NO_COLOR"] = "1" },
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' cannot be started ({e.Message}): {installHint}.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}.");
            }

            // E.g. kustomize v5 warns on stderr about the v2-compatible fields (bases, patchesStrategicMerge): the YAML is stdout.
            return process.ExitCode == 0 && stdoutOnly ? (0, await stdout) : (process.ExitCode, await stdout + await stderr);
        }
    }
}
