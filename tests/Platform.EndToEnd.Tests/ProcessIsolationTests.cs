using System.Globalization;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Each service runs in a session of its own, as deploy/local/up.sh starts them: with the kernel's autogroup
/// scheduling the CPU is then shared between services (and a build beside them) rather than between threads, the way
/// systemd units and Kubernetes pods each get a cgroup of their own. Without it a restarted service beside a busy
/// neighbour got a small share of a core and took tens of seconds to be ready (issue 13).
/// </summary>
public class ProcessIsolationTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    [Fact]
    public void Every_service_is_its_own_process_in_a_session_of_its_own()
    {
        var mySession = Session(Environment.ProcessId);
        foreach (var service in Fx.All)
        {
            var pid = service.ProcessId.ShouldNotBeNull($"{service.Name} is not running");
            // The pid is the service itself (setsid exec'd the host), not a launcher around it.
            File.ReadAllText($"/proc/{pid}/cmdline").ShouldContain(".dll", customMessage: $"{service.Name}'s pid {pid}");
            var session = Session(pid);
            session.ShouldBe(pid, $"{service.Name} leads a session of its own");
            session.ShouldNotBe(mySession);
            Output.WriteLine($"{service.Name}: pid {pid}, session {session}, {ReadAutogroup(pid)}");
        }
    }

    /// <summary>The session id: the fourth field after the command name in /proc/{pid}/stat.</summary>
    private static int Session(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3], CultureInfo.InvariantCulture);
    }

    private static string ReadAutogroup(int pid) =>
        File.Exists($"/proc/{pid}/autogroup") ? File.ReadAllText($"/proc/{pid}/autogroup").Trim() : "no autogroup";
}
