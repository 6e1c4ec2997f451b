using Platform.Contracts.People;

namespace Platform.Identity.Tests;

/// <summary>
/// A service whose copy of the directory is empty asks for it again (PeopleDirectorySyncRequested): identity publishes
/// every person once more at their current version — PersonJoined if active, PersonLeft if not.
/// </summary>
[Collection(DirectoryCollection.Name)]
public class DirectorySyncTests(DirectoryFixture fx)
{
    [Fact]
    public async Task A_sync_request_publishes_everyone_again_at_their_current_version()
    {
        var active = (await fx.CreateUserAsync(DirectoryFixture.NewName("stay"))).Str("id");
        var leaver = (await fx.CreateUserAsync(DirectoryFixture.NewName("gone"))).Str("id");
        using var admin = await fx.ClientAsync("admin");
        (await admin.PostAsync($"/api/users/{leaver}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var joined = await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == active);
        var left = await fx.Probe.WaitForAsync<PersonLeft>(p => p.UserId == leaver);

        var aliceBefore = fx.Probe.Messages<PersonJoined>().Count(p => p.UserId == "alice");
        await fx.Probe.PublishAsync(new PeopleDirectorySyncRequested("tests", DateTimeOffset.UtcNow), Guid.NewGuid());

        var again = await Eventually.GetAsync(() => Task.FromResult(fx.Probe.Messages<PersonJoined>().Where(p => p.UserId == active).ToList()),
            l => l.Count == 2, TimeSpan.FromSeconds(30));
        again.Count.ShouldBe(2);
        again[1].Version.ShouldBe(joined.Version);
        var leftAgain = await Eventually.GetAsync(() => Task.FromResult(fx.Probe.Messages<PersonLeft>().Where(p => p.UserId == leaver).ToList()),
            l => l.Count == 2, TimeSpan.FromSeconds(30));
        leftAgain.Count.ShouldBe(2);
        leftAgain[1].Version.ShouldBe(left.Version);
        // The seeded people too, so that no republication lands in a later test's count.
        await Eventually.GetAsync(() => Task.FromResult(fx.Probe.Messages<PersonJoined>().Count(p => p.UserId == "alice")),
            n => n == aliceBefore + 1, TimeSpan.FromSeconds(30));
    }
}
