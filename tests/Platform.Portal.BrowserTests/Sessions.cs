using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The browsers of one test: each person signs in through identity's real form in a browser context of their own (own
/// cookies, language, time zone). When the test failed, every open page is screenshotted under
/// <c>failures/&lt;prefix&gt;-…png</c> and the portal's and services' log tails are written to the test output.
/// </summary>
public sealed class Sessions(PortalFixture fx, ITestOutputHelper output, string prefix) : IAsyncDisposable
{
    public static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>
    /// A fresh browser context signed in as <paramref name="user"/>; <paramref name="onSignInForm"/> sees identity's
    /// sign-in page before it is filled (e.g. for its screenshot).
    /// </summary>
    public async Task<IPage> SignInAsync(string user, Texts text, ViewportSize? viewport = null, Func<IPage, Task>? onSignInForm = null)
    {
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = text.Locale,
            TimezoneId = text.TimeZone,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(fx.BaseUrl);
        // Not signed in: the portal sends the browser to identity's sign-in page, through the gateway.
        await page.WaitForURLAsync(new Regex("/account/login"), Committed);
        if (onSignInForm is not null) await onSignInForm(page);
        await page.Locator("input[name='userName']").FillAsync(user);
        await page.Locator("input[name='password']").FillAsync(PortalFixture.Password);
        await page.Locator("button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(fx.BaseUrl, Committed);
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result is TestResult.Failed;
        foreach (var context in _contexts)
        {
            if (failed)
                foreach (var page in context.Pages)
                {
                    var file = Path.Combine(Visit.ScreenshotRoot, "failures", $"{prefix}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid():N}.png");
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    try { await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true }); output.WriteLine($"failure screenshot {page.Url}: {file}"); }
                    catch (PlaywrightException) { /* page gone */ }
                }
            await context.DisposeAsync();
        }
        if (failed) output.WriteLine(fx.PortalTail() + "\n" + fx.Tails(30));
    }
}
