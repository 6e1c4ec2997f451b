using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>
/// An alert storm: a monitoring tool posts signed alerts to /hooks/{source} at a fixed rate, every one of them about one
/// of a few distinct alerts (round robin), most of them repeats saying nothing new and a share (--news) with a changed
/// description. Afterwards it checks what a help desk needs from a storm: exactly one ticket per distinct alert, and
/// every accepted delivery counted on its ticket (GET /api/tickets/{key} → alert.deliveries).
/// </summary>
public static class StormBench
{
    public static async Task<int> RunAsync(HttpClient http, string gateway, string token, Options options)
    {
        var rate = double.Parse(options.Get("rate", "5000"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.Get("seconds", "30"), CultureInfo.InvariantCulture);
        var alerts = int.Parse(options.Get("alerts", "500"), CultureInfo.InvariantCulture);
        var news = double.Parse(options.Get("news", "0.1"), CultureInfo.InvariantCulture);
        var source = options.Get("source", "monitoring");
        var secret = Encoding.UTF8.GetBytes(options.Get("secret", "local-development-only-monitoring-secret"));
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var total = (int)Math.Round(rate * seconds);
        var tickets = new string?[total];
        var newsEvery = news <= 0 ? int.MaxValue : (int)Math.Round(1 / news);

        async Task<string?> Deliver(int i)
        {
            var alert = i % alerts;
            // Every newsEvery-th delivery of an alert reports a new value; the others repeat the last one.
            var round = i / alerts;
            var value = 90 + round / newsEvery;
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                alertId = $"storm-{run}-{alert}",
                status = "firing",
                title = $"Storm {run}: disk filling on host {alert}",
                description = $"disk {value}% used",
                severity = "major",
                category = "monitoring",
                delivery = i, // what makes each delivery's signature its own (a real tool sends a fingerprint or time)
            });
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var message = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{gateway}/hooks/{source}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Signature-Timestamp", timestamp);
            request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, message)));
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            tickets[i] = JsonDocument.Parse(text).RootElement.GetProperty("ticketKey").GetString();
            return null;
        }

        var result = await Load.RunAsync($"POST /hooks/{source}: {alerts} alerts, {news:P0} news @{rate}/s", rate, total, Deliver);
        Report.Row(result);

        // Every accepted delivery counted once on its alert's ticket, one ticket per alert.
        var byTicket = tickets.Select((key, i) => (key, alert: i % alerts)).Where(t => t.key is not null).GroupBy(t => t.key!).ToList();
        var alertsPerTicket = byTicket.Max(g => g.Select(t => t.alert).Distinct().Count());
        var ticketsPerAlert = byTicket.SelectMany(g => g.Select(t => (t.alert, g.Key))).Distinct().GroupBy(t => t.alert).Max(g => g.Count());
        var counted = 0L;
        foreach (var group in byTicket)
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{gateway}/api/tickets/{group.Key}");
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)); // the gateway's per-client limit
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {group.Key}: {(int)response.StatusCode} {text}");
                counted += JsonDocument.Parse(text).RootElement.GetProperty("alert").GetProperty("deliveries").GetInt32();
                break;
            }
        }

        // A delivery the client gave up on (its timeout, or a 502 from the gateway) may still have been taken by the
        // platform, so it may be counted too; an accepted one must be, and none twice.
        var oneTicketEach = byTicket.Count == alerts && alertsPerTicket == 1 && ticketsPerAlert == 1;
        var exact = oneTicketEach && counted >= result.Ok && counted <= result.Ok + result.Failed;
        var verdict = !exact ? "MISMATCH"
            : counted == result.Ok ? "exactly one ticket per alert, every accepted delivery counted"
            : $"exactly one ticket per alert, every accepted delivery counted, and {counted - result.Ok} of the {result.Failed} the client gave up on (taken all the same)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT storm: {result.Ok} deliveries accepted of {total} ({result.AchievedRate:0}/s sent), {byTicket.Count} tickets for {alerts} alerts, {counted} deliveries counted on them; p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms; {verdict}"));
        return exact ? 0 : 1;
    }
}
