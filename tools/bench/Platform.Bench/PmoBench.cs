using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Platform.Bench;

/// <summary>
/// The PMO analyst's portfolio page and the portfolio's risk heat map in a real browser (Debian's chromium through
/// Playwright). Seeds, through the API as a PMO analyst, projects named "PMO bench …" up to --projects (default 200)
/// with --risks-per-project risks each (default 10: 2,000 risks), probability and impact spread over the 5 × 5 grid;
/// kept for later runs. Then loads each page afresh --loads times (after 3 warm-ups) and prints, per page, the server's
/// answer (navigation timing: request → first byte, the prerendered page with its data) and navigation → the page's
/// content shown with its circuit rendered. Markdown table rows: count, p50, p95, max in milliseconds.
/// </summary>
public static class PmoBench
{
    private const string Prefix = "PMO bench";

    public static async Task<int> RunAsync(HttpClient http, string gateway, Options options)
    {
        var projects = int.Parse(options.Get("projects", "200"), CultureInfo.InvariantCulture);
        var risksPerProject = int.Parse(options.Get("risks-per-project", "10"), CultureInfo.InvariantCulture);
        var loads = int.Parse(options.Get("loads", "20"), CultureInfo.InvariantCulture);
        var user = options.Get("user", "carol");
        var token = await Tokens.SignInAsync(http, gateway, user);

        var (projectCount, riskCount) = await SeedAsync(http, gateway, token, user, projects, risksPerProject);
        Console.WriteLine($"<!-- {projectCount} bench projects, {riskCount} of their risks -->");

        await using var bench = await BenchBrowser.SignedInAsync(gateway, user, 120_000);
        return await bench.ShowingFailureAsync("pmo", async page =>
        {
            await MeasureAsync(page, gateway + "/pmo", "tr[data-project]", $"portfolio page ({projectCount}+ projects)", loads);
            await MeasureAsync(page, gateway + "/pmo/risks", "[data-testid='heatmap'] button[data-risk]",
                $"risk heat map, whole portfolio ({riskCount}+ risks)", loads);
            return 0;
        });
    }

    private static async Task MeasureAsync(IPage page, string url, string content, string label, int loads)
    {
        var firstByte = new List<double>();
        var shown = new List<double>();
        for (var i = 0; i < loads + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            await page.Locator(content).First.WaitForAsync();
            var contentShown = clock.Elapsed.TotalMilliseconds;
            var timing = await page.EvaluateAsync<double>("() => { const n = performance.getEntriesByType('navigation')[0]; return n.responseStart - n.requestStart; }");
            if (i < 3) continue;
            firstByte.Add(timing);
            shown.Add(contentShown);
        }

        BenchBrowser.Row($"{label}: request → first byte (server response, {loads} loads)", firstByte);
        BenchBrowser.Row($"{label}: navigation → content shown", shown);
    }

    /// <summary>Creates the missing bench projects and their risks (P and I 1–5 spread over the grid, a few over the threshold).</summary>
    private static async Task<(int Projects, int Risks)> SeedAsync(HttpClient http, string gateway, string token, string manager, int projects, int risksPerProject)
    {
        var existing = new List<(string Key, int Risks)>();
        string? cursor = null;
        do
        {
            var page = await SendAsync(http, HttpMethod.Get, $"{gateway}/api/portfolio?limit=200{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}", token, null);
            foreach (var s in page.GetProperty("items").EnumerateArray())
                if (s.GetProperty("name").GetString()!.StartsWith(Prefix, StringComparison.Ordinal))
                    existing.Add((s.GetProperty("projectKey").GetString()!, -1));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (cursor is not null);

        var clock = Stopwatch.StartNew();
        var created = 0;
        for (var n = existing.Count; n < projects; n++)
        {
            var project = await SendAsync(http, HttpMethod.Post, $"{gateway}/api/projects", token, new
            {
                name = $"{Prefix} {n + 1:000}", manager, description = "tools/bench/pmo.sh", phase = "Execution",
                startDate = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                endDate = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
            existing.Add((project.GetProperty("key").GetString()!, 0));
            created++;
        }

        var risks = 0;
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(existing.Select(async (p, index) =>
        {
            await gate.WaitAsync();
            try
            {
                var have = p.Risks >= 0 ? p.Risks
                    : (await SendAsync(http, HttpMethod.Get, $"{gateway}/api/projects/{p.Key}/risks?limit=100", token, null)).GetProperty("items").GetArrayLength();
                for (var r = have; r < risksPerProject; r++)
                {
                    // Spread over the grid; about one risk in eight at or over the threshold of 15.
                    var probability = 1 + (index * 7 + r * 3) % 5;
                    var impact = 1 + (index * 3 + r * 5) % 5;
                    if (probability * impact >= 15 && (index + r) % 3 != 0) impact = Math.Max(1, impact - 2);
                    await SendAsync(http, HttpMethod.Post, $"{gateway}/api/projects/{p.Key}/risks", token,
                        new { title = $"Bench risk {r + 1}", probability, impact });
                }
                Interlocked.Add(ref risks, Math.Max(have, risksPerProject));
            }
            finally
            {
                gate.Release();
            }
        }));
        if (created > 0) Console.Error.WriteLine($"seeded {created} projects and their risks in {clock.Elapsed.TotalSeconds:0} s");
        return (existing.Count, risks);
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string url, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {url} failed: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
