using System.Globalization;

namespace Platform.Architecture.Tests;

/// <summary>
/// deploy/k8s holds up without a cluster: every overlay renders with <c>kubectl kustomize</c>, and every rendered object
/// passes tools/k8s-validate (kubernetes-models' schemas with unknown fields refused, the operators' resources checked
/// by hand, the platform's own rules; npm ci there on first use). And the check is a real one: a broken manifest, or an
/// overlay that does not render, fails it.
/// </summary>
public sealed class KubernetesManifestTests(ITestOutputHelper output)
{
    private static readonly string Overlays = Path.Combine(Repository.Root, "deploy", "k8s", "overlays");
    private static readonly string Validator = Path.Combine(Repository.Root, "tools", "k8s-validate");
    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>Each overlay with what it must at least run: replicas of each Deployment, broker nodes, PostgreSQL instances.</summary>
    public static TheoryData<string, int, int, int> OverlayMinimums() => new()
    {
        { "dev", 1, 1, 1 },
        { "production", 2, 3, 3 },
    };

    [Fact]
    public void Every_overlay_is_tested()
    {
        var overlays = Directory.GetDirectories(Overlays).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        overlays.ShouldBe(OverlayMinimums().Select(row => (string)row.Data.Item1).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(OverlayMinimums))]
    public async Task The_overlay_renders_and_every_object_validates(string overlay, int minReplicas, int brokerNodes, int pgInstances)
    {
        var rendered = await RenderAsync(Path.Combine(Overlays, overlay));
        var (exitCode, report) = await ValidateAsync(rendered, minReplicas, brokerNodes, pgInstances);
        output.WriteLine(report);
        exitCode.ShouldBe(0, $"tools/k8s-validate found problems in overlays/{overlay}:\n{report}");
        report.ShouldContain(" 0 problem(s)");
    }

    [Fact]
    public async Task A_broken_manifest_fails_the_check()
    {
        var rendered = await RenderAsync(Path.Combine(Overlays, "production"));
        var broken = Replace(rendered, "readinessProbe:", "readinesProbe:");     // a misspelt field
        broken = Replace(broken, "containerPort: 8080", "containerPort: http"); // a wrong type
        broken = Replace(broken, "instances: 3", "instances: 1");               // fewer PostgreSQL instances than production wants

        var (exitCode, report) = await ValidateAsync(broken, minReplicas: 2, brokerNodes: 3, pgInstances: 3);
        output.WriteLine(report);
        exitCode.ShouldBe(1);
        report.ShouldContain("readinesProbe is not a field of the API");
        report.ShouldContain("containerPort must be integer");
        report.ShouldContain("spec.instances is 1, want at least 3");
    }

    [Fact]
    public async Task An_overlay_that_does_not_render_fails_the_check()
    {
        var dir = Directory.CreateTempSubdirectory("k8s-overlay-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "kustomization.yaml"), $"""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                bases:
                  - {Path.GetRelativePath(dir.FullName, Path.Combine(Repository.Root, "deploy", "k8s", "base"))}
                patchesStrategicMerge:
                  - missing-patch.yaml
                """, TestContext.Current.CancellationToken);
            var (exitCode, text) = await RunAsync("kubectl", ["kustomize", dir.FullName], Repository.Root, TimeSpan.FromMinutes(2));
            output.WriteLine(text);
            exitCode.ShouldNotBe(0);
            text.ShouldContain("missing-patch.yaml");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Replace(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"'{what}' is not in the rendered manifests");
        return string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }

    /// <summary><c>kubectl kustomize</c> (deploy/local/test.sh installs kubectl when missing); the rendered YAML.</summary>
    private static async Task<string> RenderAsync(string overlay)
    {
        var (exitCode, text) = await RunAsync("kubectl", ["kustomize", overlay], Repository.Root, TimeSpan.FromMinutes(2), stdoutOnly: true);
        exitCode.ShouldBe(0, $"kubectl kustomize {Path.GetRelativePath(Repository.Root, overlay)} failed:\n{text}");
        text.ShouldContain("kind: Deployment");
        return text;
    }

    private static async Task<(int ExitCode, string Report)> ValidateAsync(string rendered, int minReplicas, int brokerNodes, int pgInstances)
    {
        await EnsureInstalledAsync();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, rendered);
            return await RunAsync("node", [
                Path.Combine(Validator, "validate.mjs"),
                "--min-replicas", minReplicas.ToString(CultureInfo.InvariantCulture),
                "--broker-nodes", brokerNodes.ToString(CultureInfo.InvariantCulture),
                "--pg-instances", pgInstances.ToString(CultureInfo.InvariantCulture),
                "--documented", Path.Combine(Repository.Root, "README.md"),
                file,
            ], Validator, TimeSpan.FromMinutes(2));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Validator, "node_modules", "kubernetes-models", "package.json"))) return;
            var (exitCode, text) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Validator, TimeSpan.FromMinutes(5));
            exitCode.ShouldBe(0, $"npm ci in {Validator} failed (Node.js and npm are needed; deploy/local/test.sh installs them):\n{text}");
        }
        finally
        {
            Install.Release();
        }
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan timeout, bool stdoutOnly = false) =>
        ExternalProgram.RunAsync(program, arguments, workingDirectory, timeout, "deploy/local/test.sh installs kubectl, Node.js and npm", stdoutOnly);
}
