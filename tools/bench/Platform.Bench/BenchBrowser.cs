using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Bench;

/// <summary>
/// Debian's chromium through Playwright, signed in through identity as one demo user (the portal's benchmarks), and
/// the Markdown row they print per figure.
/// </summary>
public sealed class BenchBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BenchBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>A headless chromium (en-GB, 1280 × 800) whose page has signed in as <paramref name="user"/> (demo password).</summary>
    public static async Task<BenchBrowser> SignedInAsync(string gateway, string user, float timeoutMs)
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(timeoutMs);
        var bench = new BenchBrowser(playwright, browser, page);
        await page.GotoAsync(gateway + "/");
        await page.WaitForURLAsync(new Regex("/account/login"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("input[name='userName']").FillAsync(user);
        await page.Locator("input[name='password']").FillAsync("Passw0rd!");
        await page.Locator("button[type='submit']").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();
        return bench;
    }

    /// <summary>Runs the measurement; when it fails, saves the page as it was (a screenshot in the temp directory) and says where.</summary>
    public async Task<T> ShowingFailureAsync<T>(string name, Func<IPage, Task<T>> measure)
    {
        try
        {
            return await measure(Page);
        }
        catch
        {
            var shot = Path.Combine(Path.GetTempPath(), $"{name}-bench-failure.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            Console.Error.WriteLine($"The page when it failed: {shot} ({Page.Url})");
            throw;
        }
    }

    /// <summary>One Markdown row: label, count, p50, p95 and max in milliseconds.</summary>
    public static void Row(string label, List<double> values)
    {
        var sorted = values.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {sorted.Length} | {Load.Percentile(sorted, 50):0} | {Load.Percentile(sorted, 95):0} | {sorted[^1]:0} |"));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
