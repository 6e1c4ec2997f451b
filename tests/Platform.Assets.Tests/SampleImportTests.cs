namespace Platform.Assets.Tests;

/// <summary>README's sample CSV (samples/assets-import.csv) imports as it says: every documented column, one row each way.</summary>
public class SampleImportTests(AssetsFixture fx) : IClassFixture<AssetsFixture>
{
    [Fact]
    public async Task The_sample_file_in_the_repository_imports_cleanly()
    {
        await fx.KnownAsync("erin"); // the sample's holder
        var csv = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "samples", "assets-import.csv"));

        var response = await fx.Http.PostAsync("/api/assets/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var imported = await response.ReadJsonAsync();
        imported.GetProperty("imported").GetInt32().ShouldBe(4);
        var tags = imported.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
        var monitor = await (await fx.Http.GetAsync($"/api/assets/{tags[2]}")).ReadJsonAsync();
        monitor.Str("model").ShouldBe("Dell P2725H, 27\"");
        (await (await fx.Http.GetAsync($"/api/assets/{tags[1]}")).ReadJsonAsync()).Str("assignedTo").ShouldBe("erin");
    }
}
