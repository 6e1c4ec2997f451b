namespace Platform.EndToEnd.Tests;

/// <summary>
/// A platform of the fuzz suite's own: nothing else writes to it, no rate limit stops the suite, and the clocks that
/// write by themselves (SLA checker, overdue milestones, expiry warnings) are slowed down so that a row that appears
/// while a refused request is answered can only come from that request.
/// </summary>
public sealed class FuzzPlatformFixture : PlatformFixture
{
    protected override string Prefix => "fuzz";

    protected override void Adjust(string process, Dictionary<string, string?> settings)
    {
        switch (process)
        {
            case "gateway":
                settings["Gateway:RateLimit:PermitsPerSecond"] = "1000000";
                settings["Gateway:RateLimit:Burst"] = "1000000";
                break;
            case "ticketing":
                settings["Sla:Checker:CheckInterval"] = "01:00:00";
                break;
            case "projects":
                settings["Projects:OverdueCheckerEnabled"] = "false";
                break;
            case "assets":
                settings["Assets:ExpiryCheckInterval"] = "01:00:00";
                break;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzPlatformFixture>
{
    public const string Name = "fuzz";
}

/// <summary>
/// The project's fuzz suite: reads the OpenAPI documents of the five services through the gateway and, for every
/// POST/PUT/PATCH operation and every path parameter (DELETE's too), sends what a careless or hostile client would.
/// Every answer must come in time, be below 500, and be a ProblemDetails when it is an error; a request that is refused
/// must leave every table of the service's database as it was. See <see cref="Fuzzer"/> for the cases.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzTests(FuzzPlatformFixture fx, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_write_operation_answers_bad_input_with_a_problem_and_writes_nothing()
    {
        var fuzzer = new Fuzzer(fx, await fx.ClientForAsync("admin"));
        var report = await fuzzer.RunAsync(TestContext.Current.CancellationToken);

        var file = Path.Combine(AppContext.BaseDirectory, "e2e-logs", fx.Servers.Name, "fuzz-report.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, report.Full);
        output.WriteLine(report.Summary);
        output.WriteLine($"full report: {file}");

        report.Failures.ShouldBeEmpty(string.Join("\n", report.Failures.Take(40)) + (report.Failures.Count > 40 ? $"\n… and {report.Failures.Count - 40} more" : ""));
        // The suite must have found the platform's write operations, and reached most of them with real resources:
        // a suite that walked nothing would pass every time.
        report.Operations.ShouldBeGreaterThanOrEqualTo(80, report.Summary);
        report.Services.ShouldBe(["assets", "identity", "notifications", "projects", "ticketing"], ignoreOrder: true);
        report.Cases.ShouldBeGreaterThan(3_000, report.Summary);
        report.Reached.ShouldBeGreaterThanOrEqualTo(report.Operations * 3 / 4, report.Summary);
    }
}
