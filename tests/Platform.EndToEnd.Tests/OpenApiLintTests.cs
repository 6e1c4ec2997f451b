using System.Text.Json.Nodes;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The API reference holds up: the four OpenAPI documents the gateway serves pass Redocly CLI's recommended rules
/// with no error (tools/openapi-lint, pinned; installed with npm ci on first use), every operation has a summary and
/// a description, every tag a description. And the lint is a real check: a document that loses a summary fails it.
/// </summary>
public sealed class OpenApiLintTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    private static readonly string[] Services = ["ticketing", "projects", "assets", "notifications", "identity"];
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public async Task The_five_openapi_documents_pass_redocly_recommended_with_no_error()
    {
        var dir = Directory.CreateTempSubdirectory("openapi-lint-");
        try
        {
            var missing = new List<string>();
            foreach (var service in Services)
            {
                var text = await Http.GetStringAsync($"/openapi/{service}.json", TestContext.Current.CancellationToken);
                var document = JsonNode.Parse(text)!.AsObject();
                foreach (var (path, method, operation) in Operations(document))
                {
                    if (string.IsNullOrWhiteSpace((string?)operation["summary"])) missing.Add($"{service}: {method.ToUpperInvariant()} {path} has no summary");
                    if (string.IsNullOrWhiteSpace((string?)operation["description"])) missing.Add($"{service}: {method.ToUpperInvariant()} {path} has no description");
                }

                foreach (var tag in document["tags"]?.AsArray() ?? [])
                    if (string.IsNullOrWhiteSpace((string?)tag?["description"])) missing.Add($"{service}: tag '{tag?["name"]}' has no description");
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, $"{service}.json"), text, TestContext.Current.CancellationToken);
            }

            var (exitCode, report) = await Redocly.LintAsync(Services.Select(s => Path.Combine(dir.FullName, $"{s}.json")));
            Output.WriteLine(report);
            exitCode.ShouldBe(0, $"redocly lint found errors (the report is in the test output):\n{Redocly.Summary(report)}");
            missing.ShouldBeEmpty();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_operation_without_a_summary_fails_the_lint()
    {
        var dir = Directory.CreateTempSubdirectory("openapi-lint-");
        try
        {
            var document = JsonNode.Parse(await Http.GetStringAsync("/openapi/ticketing.json", TestContext.Current.CancellationToken))!.AsObject();
            var (path, method, operation) = Operations(document).First(o => o.Operation["summary"] is not null);
            operation.Remove("summary");
            var file = Path.Combine(dir.FullName, "ticketing-without-a-summary.json");
            await File.WriteAllTextAsync(file, document.ToJsonString(), TestContext.Current.CancellationToken);

            var (exitCode, report) = await Redocly.LintAsync([file]);
            Output.WriteLine(report);
            exitCode.ShouldNotBe(0, $"{method.ToUpperInvariant()} {path} has no summary, yet the lint passed");
            report.ShouldContain("operation-summary");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
            foreach (var (method, operation) in item?.AsObject() ?? [])
                if (Methods.Contains(method) && operation is JsonObject op)
                    yield return (path, method, op);
    }

    /// <summary>Redocly CLI from tools/openapi-lint (package.json + package-lock.json), installed with npm ci when absent.</summary>
    private static class Redocly
    {
        private static readonly SemaphoreSlim Install = new(1, 1);

        private static string Folder => Path.Combine(ServiceProcess.RepositoryRoot, "tools", "openapi-lint");

        private static string Cli => Path.Combine(Folder, "node_modules", "@redocly", "cli", "bin", "cli.js");

        public static async Task<(int ExitCode, string Output)> LintAsync(IEnumerable<string> files)
        {
            await EnsureInstalledAsync();
            return await RunAsync("node", [Cli, "lint", "--config", Path.Combine(Folder, "redocly.yaml"), .. files], TimeSpan.FromMinutes(3));
        }

        /// <summary>Where each problem is ("[n] file:line at #/pointer") and the result line of a report, for an assertion message.</summary>
        public static string Summary(string report) => string.Join('\n', report.Split('\n').Select(l => l.Trim())
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[\d+\] ") || l.Contains("rule.", StringComparison.Ordinal)
                || l.StartsWith("❌", StringComparison.Ordinal))
            .Take(60));

        private static async Task EnsureInstalledAsync()
        {
            await Install.WaitAsync();
            try
            {
                if (File.Exists(Cli)) return;
                var (exitCode, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                exitCode.ShouldBe(0, $"npm ci in {Folder} failed (Node.js 20.19+ or 22.12+ and npm are needed; deploy/local/test.sh installs them):\n{output}");
            }
            finally
            {
                Install.Release();
            }
        }

        private static Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout) =>
            ExternalProgram.RunAsync(program, arguments, Folder, timeout, "install Node.js 20.19+ or 22.12+ with npm (deploy/local/test.sh does)",
                environment: new Dictionary<string, string>
                {
                    ["REDOCLY_TELEMETRY"] = "off",
                    ["REDOCLY_SDK_TELEMETRY"] = "off",
                    ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
                    ["REDOCLY_SUPPRESS_NOTIFICATIONS"] = "true",
                    ["FORCE_COLOR"] = "0",
                });
    }
}
