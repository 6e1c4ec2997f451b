using System.Globalization;

namespace Platform.Architecture.Tests;

/// <summary>
/// deploy/local/up.sh runs the services from copies of their build outputs in which a file several of them have is one
/// file with several links (<c>stage_apps</c> in common.sh), so that the kernel keeps one copy of its pages for all
/// the processes that map it (README "Speed", memory). Run here on two small folders: what is the same is linked,
/// what differs is not, nothing is linked to the build output itself, and every file arrives whole.
/// </summary>
public sealed class StageAppsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("stage-apps-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Files_the_same_in_several_outputs_become_one_file_and_nothing_links_to_the_outputs()
    {
        var shared = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        Write("out/a/Shared.dll", shared);
        Write("out/b/Shared.dll", shared);
        Write("out/a/sub/Same.resources.dll", [1, 2, 3]);
        Write("out/b/sub/Same.resources.dll", [1, 2, 3]);
        Write("out/a/Own.dll", [1, 2, 3, 4]);
        Write("out/b/Own.dll", [1, 2, 3, 5]);
        var dest = Path.Combine(_root, "apps");
        Write("apps/leftover.dll", [9]); // an earlier run's copy: gone

        var (exitCode, output) = await ExternalProgram.RunAsync("bash",
            ["-c", "source deploy/local/common.sh && stage_apps \"$@\"", "stage_apps", dest,
             $"a={Path.Combine(_root, "out", "a")}", $"b={Path.Combine(_root, "out", "b")}"],
            Repository.Root, TimeSpan.FromMinutes(1), "bash and util-linux come with Debian");
        exitCode.ShouldBe(0, output);

        File.Exists(Path.Combine(dest, "leftover.dll")).ShouldBeFalse();
        File.ReadAllBytes(Path.Combine(dest, "a", "Shared.dll")).ShouldBe(shared);
        File.ReadAllBytes(Path.Combine(dest, "b", "Own.dll")).ShouldBe(new byte[] { 1, 2, 3, 5 });
        var a = await StatAsync("apps/a/Shared.dll");
        var b = await StatAsync("apps/b/Shared.dll");
        b.Inode.ShouldBe(a.Inode, "the same file in two outputs is one file");
        a.Links.ShouldBe(2);
        (await StatAsync("apps/b/sub/Same.resources.dll")).Inode.ShouldBe((await StatAsync("apps/a/sub/Same.resources.dll")).Inode);
        (await StatAsync("apps/b/Own.dll")).Inode.ShouldNotBe((await StatAsync("apps/a/Own.dll")).Inode, "files that differ stay apart");
        (await StatAsync("out/a/Shared.dll")).Links.ShouldBe(1, "a build output is copied, never linked to");
        (await StatAsync("out/b/Shared.dll")).Links.ShouldBe(1);
    }

    private void Write(string path, byte[] content)
    {
        var file = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
    }

    private async Task<(long Inode, int Links)> StatAsync(string path)
    {
        var (exitCode, output) = await ExternalProgram.RunAsync("stat", ["-c", "%i %h", Path.Combine(_root, path)], _root, TimeSpan.FromSeconds(30),
            "stat comes with Debian (coreutils)");
        exitCode.ShouldBe(0, output);
        var parts = output.Trim().Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
