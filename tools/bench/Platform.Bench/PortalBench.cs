using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;

namespace Platform.Bench;

/// <summary>
/// The agent's queue page in a real browser (Debian's chromium through Playwright): how long the portal takes to answer
/// the page (the prerendered document: navigation timing, request start → first byte and → last byte), how long until
/// the page is interactive (navigation start → the queue's rows shown and the circuit's first render batch received over
/// its WebSocket), and a live update's delay (a ticket created through the API → its title on the open queue page,
/// no reload). Prints Markdown table rows.
/// </summary>
public static class PortalBench
{
    public static async Task<int> RunAsync(HttpClient http, string gateway, Options options)
    {
        var loads = int.Parse(options.Get("loads", "20"), CultureInfo.InvariantCulture);
        var lives = int.Parse(options.Get("live", "10"), CultureInfo.InvariantCulture);
        await using var bench = await BenchBrowser.SignedInAsync(gateway, options.Get("user", "bob"), 60_000);
        return await bench.ShowingFailureAsync("portal", page => MeasureAsync(http, gateway, options, page, loads, lives));
    }

    private static async Task<int> MeasureAsync(HttpClient http, string gateway, Options options, IPage page, int loads, int lives)
    {
        // 1. The queue page, loaded afresh each time (3 warm-ups first).
        var firstByte = new List<double>();
        var document = new List<double>();
        var interactive = new List<double>();
        for (var i = 0; i < loads + 3; i++)
        {
            var rendered = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            void OnSocket(object? sender, IWebSocket socket)
            {
                if (!socket.Url.Contains("/_blazor", StringComparison.Ordinal)) return;
                socket.FrameReceived += (_, frame) =>
                {
                    var text = frame.Text ?? (frame.Binary is { } bytes ? Encoding.UTF8.GetString(bytes) : "");
                    if (text.Contains("RenderBatch", StringComparison.Ordinal)) rendered.TrySetResult(clock.Elapsed.TotalMilliseconds);
                };
            }

            page.WebSocket += OnSocket;
            await page.GotoAsync(gateway + "/queue", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            await page.Locator("table tbody tr").First.WaitForAsync();
            var rowsShown = clock.Elapsed.TotalMilliseconds;
            var circuit = await rendered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            page.WebSocket -= OnSocket;
            var timing = await page.EvaluateAsync<double[]>(
                "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart - n.requestStart, n.responseEnd - n.requestStart]; }");
            if (i < 3) continue;
            firstByte.Add(timing[0]);
            document.Add(timing[1]);
            interactive.Add(Math.Max(rowsShown, circuit));
        }

        BenchBrowser.Row($"queue page: request → first byte (server response, {loads} loads)", firstByte);
        BenchBrowser.Row("queue page: request → whole document", document);
        BenchBrowser.Row("queue page: navigation → interactive (rows shown, circuit rendered)", interactive);

        // 2. Live: the queue page stays open; each new ticket must appear on it without a reload.
        var requesterToken = await Tokens.SignInAsync(http, gateway, options.Get("requester", "alice"));
        await page.GotoAsync(gateway + "/queue");
        await page.Locator("table tbody tr").First.WaitForAsync();
        var delays = new List<double>();
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < lives + 1; i++)
        {
            var title = $"Live bench {run} {i:00}";
            using var request = new HttpRequestMessage(HttpMethod.Post, gateway + "/api/tickets")
            {
                Content = JsonContent.Create(new { title, description = "tools/bench/portal.sh: a live update's delay.", category = "hardware", impact = "Medium", urgency = "Medium" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", requesterToken);
            using var response = await http.SendAsync(request);
            var clock = Stopwatch.StartNew();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Creating a ticket failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await page.GetByText(title, new PageGetByTextOptions { Exact = true }).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            if (i > 0) delays.Add(clock.Elapsed.TotalMilliseconds); // the first one warms up
        }

        BenchBrowser.Row($"live update: ticket created (API answered) → shown on the open queue page ({lives} tickets)", delays);
        return 0;
    }
}
