using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.Portal.BrowserTests;

/// <summary>How the journeys work MudBlazor's widgets: one copy for every test class.</summary>
public static class Ui
{
    /// <summary>Waiting for a URL ends when the navigation commits (an in-app navigation fires no load event).</summary>
    public static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>The text box of a MudTextField marked with a test id (on the box itself, or on an element around it).</summary>
    public static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    public static ILocator Field(IPage page, string testId) => Field(page.Locator("body"), testId);

    /// <summary>The box of a MudCheckBox or MudSwitch marked with a test id (on the input itself, or around it).</summary>
    public static ILocator CheckBox(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    /// <summary>
    /// Opens a MudSelect and picks an option (its whole name, or with <paramref name="exact"/> false the first option
    /// containing it); waits until the list closes and the select shows the choice. A click that landed while the
    /// circuit redrew the list is not taken: then it opens the list and chooses again, up to three times.
    /// </summary>
    public static async Task ChooseAsync(IPage page, ILocator select, string option, bool exact = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            await select.ClickAsync();
            var item = exact
                ? page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true })
                : page.GetByRole(AriaRole.Option).Filter(new() { HasText = option }).First;
            await item.ClickAsync();
            await Expect(item).ToBeHiddenAsync();
            if (await ShowsAsync(select, option) || attempt == 3) return;
        }
    }

    /// <summary>Whether the select shows the option (as the chosen item's content or its input's value), waiting up to 5 s.</summary>
    private static async Task<bool> ShowsAsync(ILocator select, string option)
    {
        const string shown = """
            el => {
                const root = el.closest('.mud-select') ?? el;
                return root.innerText + ' ' + [...root.querySelectorAll('input')].map(i => i.value).join(' ');
            }
            """;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            if ((await select.EvaluateAsync<string>(shown)).Contains(option, StringComparison.Ordinal)) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
    }

    public static Task ChooseAsync(IPage page, string testId, string option, bool exact = true) =>
        ChooseAsync(page, page.GetByTestId(testId), option, exact);

    /// <summary>
    /// Types into a people picker (a MudAutocomplete) and chooses the option, again if the list was redrawn under the
    /// click, until the box shows the choice (or, for a picker that collects people, <paramref name="shown"/> names them).
    /// </summary>
    public static async Task PickAsync(IPage page, ILocator picker, string typed, string option, ILocator? shown = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await picker.FillAsync(typed);
            await page.GetByRole(AriaRole.Option, new() { Name = option }).ClickAsync();
            try
            {
                if (shown is null)
                    await Expect(picker).ToHaveValueAsync(option, new() { Timeout = 3_000 });
                else
                    await Expect(shown).ToContainTextAsync(option[..option.IndexOf(" (", StringComparison.Ordinal)], new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>
    /// Clicks a button that adds something and waits until <paramref name="added"/> is on the page. A click that the
    /// circuit did not take (it landed while the page redrew) is clicked again, up to three times in all, but only while
    /// <paramref name="before"/> still counts what was there before the click, so a slow answer is never added twice.
    /// </summary>
    public static async Task ClickToAddAsync(ILocator button, ILocator added, ILocator before)
    {
        var count = await before.CountAsync();
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await Expect(added).ToBeAttachedAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                if (await before.CountAsync() != count) throw;
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 200 ms until it holds; fails after 60 s naming <paramref name="what"/>.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 60 s for {what}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Sets a mark in the page's window: a reload (or a new page) loses it.</summary>
    public static Task MarkAsync(IPage page) => page.EvaluateAsync("() => { window.__notReloaded = true; }");

    /// <summary>The mark of <see cref="MarkAsync"/> is still there: the page changed without a reload.</summary>
    public static async Task ExpectNotReloadedAsync(IPage page) =>
        (await page.EvaluateAsync<bool>("() => window.__notReloaded === true")).ShouldBeTrue($"{page.Url} was reloaded");

    /// <summary>Nothing on the page is wider than the window: no horizontal scrolling (a phone's width).</summary>
    public static async Task ExpectFitsWidthAsync(IPage page, string what)
    {
        // The page's width, and the innermost elements that reach past the window's right edge (what to mend).
        var found = await page.EvaluateAsync<string>("""
            () => {
              const width = window.innerWidth, page = document.documentElement.scrollWidth;
              if (page <= width) return '';
              // Elements past the right edge that no scrolling or clipping box holds: these widen the page.
              const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                  if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true; return false; };
              const name = e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}${e.id ? '#' + e.id : ''}`;
              const over = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5 && !clipped(e))
                .slice(0, 6)
                .map(e => `${name(e)} right=${Math.round(e.getBoundingClientRect().right)} pos=${getComputedStyle(e).position} parent=${e.parentElement ? name(e.parentElement) : ''}`);
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let t = walker.nextNode(); t && over.length < 8; t = walker.nextNode()) {
                const range = document.createRange(); range.selectNodeContents(t);
                const right = range.getBoundingClientRect().right;
                if (right > width + 0.5 && !clipped(t)) over.push(`text "${t.textContent.trim().slice(0, 40)}" right=${Math.round(right)} in ${name(t.parentElement)}`);
              }
              // Which element, hidden, brings the page back to the window's width (descending to the innermost).
              let culprit = null;
              for (let box = document.body; box; ) {
                let next = null;
                for (const child of box.children) {
                  const before = child.style.display; child.style.display = 'none';
                  const fits = document.documentElement.scrollWidth <= width;
                  child.style.display = before;
                  if (fits) { next = child; break; }
                }
                if (next) culprit = next;
                box = next;
              }
              if (culprit) over.push(`hiding ${name(culprit)} (w=${Math.round(culprit.getBoundingClientRect().width)}, ${getComputedStyle(culprit).position}) fits it`);
              return `${page} px wide at ${width}: ${over.join('; ')}`;
            }
            """);
        found.ShouldBeEmpty($"{what}: wider than the screen ({page.Url})");
    }

    /// <summary>Whether the keyboard focus is on <paramref name="target"/> or inside it.</summary>
    public static Task<bool> HasFocusAsync(ILocator target) =>
        target.EvaluateAsync<bool>("el => el === document.activeElement || el.contains(document.activeElement)");

    /// <summary>
    /// Presses Tab (Shift+Tab with <paramref name="backwards"/>) until the focus is on <paramref name="target"/> or
    /// inside it, as a keyboard user would; fails after <paramref name="most"/> presses.
    /// </summary>
    public static async Task TabToAsync(IPage page, ILocator target, bool backwards = false, int most = 40)
    {
        for (var pressed = 0; !await HasFocusAsync(target); pressed++)
        {
            if (pressed == most)
                throw new TimeoutException($"{most} × {(backwards ? "Shift+Tab" : "Tab")} never reached {target}; focus is on "
                    + await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 200) ?? 'nothing'"));
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
    }
}
