using System.Text.RegularExpressions;

namespace Platform.EndToEnd.Tests;

/// <summary>What the gateway adds: one API reference for every service (the trace context: TraceContextTests).</summary>
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
        sources.Select(s => "/" + s.TrimStart('/')).ShouldBe(["/openapi/ticketing.json", "/openapi/projects.json", "/openapi/assets.json", "/openapi/notifications.json", "/openapi/identity.json"], ignoreOrder: true);
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
}
