using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>What the gateway adds: one API reference for every service, and the correlation id.</summary>
public class GatewayTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    [Fact]
    public async Task The_api_reference_is_served()
    {
        var response = await Http.GetAsync("/scalar"); // redirects to /scalar/
        await ShouldBeAsync(response, HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<html", Case.Insensitive);
        html.ShouldContain("Platform API");

        // The page's scripts are there…
        var page = response.RequestMessage!.RequestUri!;
        foreach (var script in Regex.Matches(html, "<script[^>]+src=\"([^\"]+)\"").Select(m => m.Groups[1].Value))
            await ShouldBeAsync(await Http.GetAsync(new Uri(page, script)), HttpStatusCode.OK);

        // …and every document it lists is served by the gateway. Scalar's script resolves a relative source URL
        // against the base path the page is mounted under (here the root).
        var sources = Regex.Matches(html, "\"url\":\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        sources.Select(s => "/" + s.TrimStart('/')).ShouldBe(["/openapi/ticketing.json", "/openapi/projects.json", "/openapi/assets.json", "/openapi/notifications.json"], ignoreOrder: true);
        foreach (var source in sources)
        {
            var document = await Http.GetAsync("/" + source.TrimStart('/'));
            await ShouldBeAsync(document, HttpStatusCode.OK);
            (await document.ReadJsonAsync()).TryGetProperty("paths", out _).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("ticketing", "/api/tickets")]
    [InlineData("projects", "/api/projects")]
    public async Task Each_service_openapi_document_is_proxied(string service, string pathPrefix)
    {
        var response = await Http.GetAsync($"/openapi/{service}.json");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var document = await response.ReadJsonAsync();
        document.GetProperty("openapi").GetString().ShouldNotBeNullOrWhiteSpace();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain(p => p.StartsWith(pathPrefix, StringComparison.Ordinal), $"paths: {string.Join(", ", paths)}");
    }

    [Fact]
    public async Task The_correlation_id_is_echoed()
    {
        foreach (var path in new[] { "/api/projects", "/api/tickets/HD-987654321", "/openapi/projects.json", "/scalar/", "/api/nothing-here" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Correlation-Id", "abc-123");
            using var response = await Http.SendAsync(request);
            response.Headers.TryGetValues("X-Correlation-Id", out var values).ShouldBeTrue($"{path}: no X-Correlation-Id in the response");
            values!.ShouldAllBe(v => v == "abc-123", $"{path}: X-Correlation-Id");
        }

        // Without one, the platform makes one up (the trace id) and says which
        using var plain = await Http.GetAsync("/api/projects");
        plain.Headers.TryGetValues("X-Correlation-Id", out var made).ShouldBeTrue();
        made!.ShouldAllBe(v => Regex.IsMatch(v, "^[0-9a-f]{32}$"));
    }

    [Fact]
    public async Task The_correlation_id_is_echoed_once()
    {
        foreach (var path in new[] { "/api/projects", "/scalar/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Correlation-Id", "abc-123");
            using var response = await Http.SendAsync(request);
            var values = response.Headers.GetValues("X-Correlation-Id").ToList();
            values.ShouldBe(["abc-123"], $"{path}: X-Correlation-Id");
        }
    }
}
