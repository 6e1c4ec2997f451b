namespace Platform.Identity.Tests;

[Collection(DirectoryCollection.Name)]
public class OpenApiTests(DirectoryFixture fx)
{
    [Fact]
    public async Task Every_operation_of_the_identity_document_has_a_summary_and_the_directory_is_in_it()
    {
        var response = await fx.Service.Http.GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await response.ReadJsonAsync();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _))
                .Select(o => (Route: $"{o.Name.ToUpperInvariant()} {path.Name}", Operation: o.Value)))
            .ToList();
        operations.Select(o => o.Route).ShouldContain("POST /api/users");
        operations.Select(o => o.Route).ShouldContain("GET /api/people");
        operations.Select(o => o.Route).ShouldContain("PATCH /scim/v2/Users/{id}");
        foreach (var (route, operation) in operations)
            (operation.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }).ShouldBeTrue($"{route} has no summary");
    }
}
