using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// What every page of a journey gets: a screenshot kept under .data/test/results/screenshots/&lt;language&gt;/ for
/// review, and an axe check that finds no serious or critical violation.
/// </summary>
public sealed class Visit(string language, ITestOutputHelper output, string journey = "journey")
{
    private int _count;

    public static string ScreenshotRoot { get; } =
        Environment.GetEnvironmentVariable("PLATFORM_TEST_SCREENSHOTS") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Repository.Root, ".data", "test", "results", "screenshots");

    public List<string> Screenshots { get; } = [];

    /// <summary>Screenshot and accessibility check of the page as it is now (call once what the step waits for shows).</summary>
    public async Task PageAsync(IPage page, string name)
    {
        var directory = Path.Combine(ScreenshotRoot, language);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{journey}-{++_count:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Screenshots.Add(file);
        output.WriteLine($"{name}: {page.Url} → {file}");

        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var minor in result.Violations.Except(blocking))
            output.WriteLine($"  axe ({minor.Impact}) {minor.Id}: {minor.Help} ×{minor.Nodes.Length}");
        blocking.ShouldBeEmpty($"{name} ({page.Url}) has serious or critical accessibility violations:\n" + Describe(blocking));
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"- {v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target}: {n.Html}"))));
}
