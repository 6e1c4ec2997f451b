namespace Platform.EndToEnd.Tests;

/// <summary>Projects through the gateway: create, list, get by key and by id.</summary>
public class ProjectApiTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    [Fact]
    public async Task A_created_project_is_listed_and_found_by_key_and_id()
    {
        Output.WriteLine(Fx.StartupReport);
        var response = await Http.PostJsonAsync("/api/projects",
            new { name = "Data centre move", manager = "pm.jones", description = "Move racks to the new site." });
        await ShouldBeAsync(response, HttpStatusCode.Created);
        var created = await response.ReadJsonAsync();
        var key = created.Str("key");
        key.ShouldMatch(@"^PRJ-\d+$");
        var id = created.GetProperty("id").GetGuid();
        created.Str("name").ShouldBe("Data centre move");
        created.Str("manager").ShouldBe("pm.jones");
        created.Str("description").ShouldBe("Move racks to the new site.");
        response.Headers.Location?.ToString().ShouldBe($"/api/projects/{key}");

        // The list pages through everything; this project is on some page.
        var found = false;
        string? cursor = null;
        do
        {
            var page = await (await Http.GetAsync($"/api/projects?limit=200{(cursor is null ? "" : $"&cursor={cursor}")}")).ReadJsonAsync();
            found |= page.GetProperty("items").EnumerateArray().Any(p => p.Str("key") == key && p.GetProperty("id").GetGuid() == id);
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.Str("nextCursor") : null;
        } while (!found && cursor is not null);
        found.ShouldBeTrue($"{key} is not in GET /api/projects");

        foreach (var reference in new[] { key, id.ToString(), key.ToLowerInvariant() })
        {
            var get = await Http.GetAsync($"/api/projects/{reference}");
            await ShouldBeAsync(get, HttpStatusCode.OK);
            var project = await get.ReadJsonAsync();
            project.Str("key").ShouldBe(key);
            project.GetProperty("id").GetGuid().ShouldBe(id);
            project.Str("name").ShouldBe("Data centre move");
        }
    }
}
