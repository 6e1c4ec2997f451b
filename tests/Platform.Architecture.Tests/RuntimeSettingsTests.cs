using System.Text.Json;

namespace Platform.Architecture.Tests;

/// <summary>
/// The runtime settings that README's start-up and speed figures rest on reach every service's and the gateway's
/// runtimeconfig.json as built (Directory.Build.props): dynamic PGO off (a fresh process otherwise recompiles its hot
/// methods twice and runs instrumented code for half a minute, starving a service restarted beside it) and no spinning
/// of idle thread-pool workers.
/// </summary>
public sealed class RuntimeSettingsTests
{
    public static TheoryData<string> Hosts() => new()
    {
        "services/identity/Platform.Identity", "services/ticketing/Platform.Ticketing", "services/projects/Platform.Projects",
        "services/assets/Platform.Assets", "services/notifications/Platform.Notifications", "services/portal/Platform.Portal",
        "gateway/Platform.Gateway",
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Built_runtimeconfig_turns_off_dynamic_PGO_and_thread_pool_spinning(string project)
    {
        // The configuration this test was built in (bin/<configuration>/net10.0/): the solution is built as one.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var name = Path.GetFileName(project);
        var file = Path.Combine(Repository.Root, project, "bin", configuration, "net10.0", $"{name}.runtimeconfig.json");
        File.Exists(file).ShouldBeTrue($"{file} is missing: build Platform.sln -c {configuration} first");

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        properties.TryGetProperty("System.Runtime.TieredPGO", out var pgo).ShouldBeTrue($"{name}: System.Runtime.TieredPGO is not set");
        pgo.ValueKind.ShouldBe(JsonValueKind.False, $"{name}: dynamic PGO must be off");
        properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spin).ShouldBeTrue(
            $"{name}: System.Threading.ThreadPool.UnfairSemaphoreSpinLimit is not set");
        spin.GetInt32().ShouldBe(0, $"{name}: idle thread-pool workers must not spin");
    }
}
