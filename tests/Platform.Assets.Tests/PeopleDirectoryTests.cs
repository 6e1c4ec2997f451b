using Microsoft.EntityFrameworkCore;
using Platform.Contracts.People;
using Platform.Contracts.Projects;

namespace Platform.Assets.Tests;

/// <summary>
/// Issue 16 in assets: every person named is one the directory knows (422 unknown-person otherwise); a leaver's seats
/// are reclaimed and their hardware goes on one return request, listed for PSO until it is back; a joiner gets their
/// department's kit.
/// </summary>
public class PeopleDirectoryTests(AssetsFixture fx) : IClassFixture<AssetsFixture>
{
    private HttpClient Http => fx.Http;

    private static string NewUser(string prefix = "p") => $"{prefix}-{Guid.NewGuid():N}"[..14];

    private static async Task ShouldBeUnknownPersonAsync(HttpResponseMessage response, string field)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        var problem = await response.ReadJsonAsync();
        problem.Str("code").ShouldBe("unknown-person");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    private async Task<List<JsonElement>> RequestsOfAsync(string user, string kind) =>
        (await fx.GetAsync($"/api/kitting?userId={user}&kind={kind}")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Every_person_named_must_be_known_and_active_and_nothing_is_written_otherwise()
    {
        var ghost = NewUser("ghost");
        var gone = await fx.JoinAsync(NewUser("gone"), ["requester"]);
        await fx.LeaveAsync(gone);
        var serial = Guid.NewGuid().ToString("N");

        await ShouldBeUnknownPersonAsync(await Http.PostJsonAsync("/api/assets",
            new { kind = "Laptop", model = "X1", serial, status = "Assigned", assignedTo = ghost }), "assignedTo");
        (await fx.WithDbAsync(db => db.Assets.CountAsync(a => a.Serial == serial))).ShouldBe(0);

        var tag = (await fx.PostAsync("/api/assets", new { kind = "Laptop", model = "X1" })).Str("tag");
        await ShouldBeUnknownPersonAsync(await Http.PostJsonAsync($"/api/assets/{tag}/assign", new { userId = ghost }), "userId");
        await ShouldBeUnknownPersonAsync(await Http.PostJsonAsync($"/api/assets/{tag}/assign", new { userId = gone }), "userId");
        (await fx.GetAsync($"/api/assets/{tag}")).Str("status").ShouldBe("InStock");

        var key = (await fx.PostAsync("/api/licences", new { product = "Miro", seats = 2 })).Str("key");
        await ShouldBeUnknownPersonAsync(await Http.PostJsonAsync($"/api/licences/{key}/seats", new { userId = ghost }), "userId");
        (await fx.GetAsync($"/api/licences/{key}")).GetProperty("seatsAssigned").GetInt32().ShouldBe(0);

        await ShouldBeUnknownPersonAsync(await Http.PostJsonAsync("/api/kitting", new { kind = "Return", userId = ghost }), "userId");
        await ShouldBeUnknownPersonAsync(await Http.PostJsonAsync("/api/kitting", new { userId = gone }), "userId");
        (await fx.WithDbAsync(db => db.KittingRequests.CountAsync(r => r.UserId == ghost || r.UserId == gone))).ShouldBe(0);

        // The import names its unknown holders row by row, and imports nothing.
        var import = await Http.PostAsync("/api/assets/import",
            new StringContent($"kind,model,serial,status,assignedTo\nLaptop,X1,{serial}-1,,\nPhone,Pixel 9,{serial}-2,Assigned,{ghost}\n", Encoding.UTF8, "text/csv"));
        import.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var rowError = (await import.ReadJsonAsync()).GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        (rowError.GetProperty("row").GetInt32(), rowError.Str("column")).ShouldBe((3, "assignedTo"));
        (await fx.WithDbAsync(db => db.Assets.CountAsync(a => a.Serial!.StartsWith(serial)))).ShouldBe(0);

        // Someone who signed in once is known from their token (People:LearnFromTokens, on in this fixture).
        var newcomer = NewUser("tok");
        (await fx.As(newcomer, "requester").GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await fx.PostAsync($"/api/assets/{tag}/assign", new { userId = newcomer }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_leaver_gets_one_return_request_for_laptop_and_seat_the_seat_is_reclaimed_and_PSO_sees_them_until_returned()
    {
        var user = await fx.JoinAsync(NewUser("leaver"), ["requester"], department: "Finance");
        var laptop = (await fx.PostAsync("/api/assets", new { kind = "Laptop", model = "Latitude 7450" })).Str("tag");
        await fx.PostAsync($"/api/assets/{laptop}/assign", new { userId = user }, HttpStatusCode.OK);
        var licence = (await fx.PostAsync("/api/licences", new { product = "Adobe Acrobat", seats = 3 })).Str("key");
        await fx.PostAsync($"/api/licences/{licence}/seats", new { userId = user });

        await fx.LeaveAsync(user, "Finance");

        var requested = await fx.Bus.WaitForAsync<ReturnRequested>(e => e.UserId == user);
        requested.AssetTags.ShouldBe([laptop]);
        requested.LicenceKeys.ShouldBe([licence]);
        (requested.ProjectId, requested.ProjectKey).ShouldBe((Guid.Empty, ""));
        var request = (await RequestsOfAsync(user, "Return")).ShouldHaveSingleItem();
        request.Str("key").ShouldBe(requested.RequestKey);
        var items = request.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => (i.GetProperty("assetTag").GetString(), i.GetProperty("licenceKey").GetString(), i.GetProperty("done").GetBoolean()))
            .ShouldBe([(laptop, null, false), (null, licence, true)]);
        (await fx.GetAsync($"/api/licences/{licence}")).GetProperty("seatsAssigned").GetInt32().ShouldBe(0);
        (await fx.GetAsync($"/api/assets/{laptop}")).Str("assignedTo").ShouldBe(user); // hardware is collected by hand

        // PSO's offboarding list shows the leaver with the laptop still out; others may not read it.
        var listed = (await fx.GetAsync("/api/offboarding?limit=200")).GetProperty("items").EnumerateArray().Single(p => p.Str("userId") == user);
        listed.Str("department").ShouldBe("Finance");
        listed.GetProperty("settled").GetBoolean().ShouldBeFalse();
        listed.GetProperty("assets").EnumerateArray().Select(a => a.Str("tag")).ShouldBe([laptop]);
        listed.GetProperty("seats").GetArrayLength().ShouldBe(0);
        listed.GetProperty("returnRequests").EnumerateArray().Select(r => r.Str("key")).ShouldBe([requested.RequestKey]);
        (await fx.As("agnes", "agent").GetAsync("/api/offboarding")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Http.GetAsync($"/api/offboarding/{NewUser()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/offboarding?cursor=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The same fact again (older version, new message id) changes nothing.
        var stale = Guid.NewGuid();
        await fx.Bus.PublishAsync(new PersonLeft(user, user, "Old name", "Finance", DateOnly.FromDateTime(DateTime.UtcNow), 1, DateTimeOffset.UtcNow), stale);
        await fx.ProcessedAsync(stale);
        (await RequestsOfAsync(user, "Return")).Count.ShouldBe(1);
        (await fx.WithDbAsync(db => db.Set<Platform.Data.People.DirectoryPerson>().SingleAsync(p => p.UserId == user))).DisplayName.ShouldNotBe("Old name");

        // Once the laptop is back and the request completed, the leaver leaves the list (but not the settled one).
        await fx.PostAsync($"/api/kitting/{requested.RequestKey}/items/1/complete", new { assetTag = laptop }, HttpStatusCode.OK);
        await fx.PostAsync($"/api/kitting/{requested.RequestKey}/complete", new { }, HttpStatusCode.OK);
        (await fx.GetAsync("/api/offboarding?limit=200")).GetProperty("items").EnumerateArray().ShouldNotContain(p => p.Str("userId") == user);
        var settled = await fx.GetAsync($"/api/offboarding/{user}");
        settled.GetProperty("settled").GetBoolean().ShouldBeTrue();
        (await fx.GetAsync("/api/offboarding?includeSettled=true&limit=200")).GetProperty("items").EnumerateArray().ShouldContain(p => p.Str("userId") == user);
        await fx.LeaveAsync(await fx.JoinAsync(NewUser("other"), ["requester"])); // a second leaver, for a second page
        var first = await fx.GetAsync("/api/offboarding?includeSettled=true&limit=1");
        var cursor = first.Str("nextCursor");
        var second = await fx.GetAsync($"/api/offboarding?includeSettled=true&limit=1&cursor={Uri.EscapeDataString(cursor)}");
        second.GetProperty("items").EnumerateArray().Single().Str("userId").ShouldNotBe(first.GetProperty("items")[0].Str("userId"));
    }

    [Fact]
    public async Task A_leaver_already_asked_to_return_a_laptop_by_a_project_gets_no_second_request_for_it()
    {
        var user = await fx.JoinAsync(NewUser("pm"), ["requester"]);
        var (projectId, projectKey) = (Guid.NewGuid(), $"PRJ-{Random.Shared.Next(100000, 999999)}");
        var laptop = (await fx.PostAsync("/api/assets", new { kind = "Laptop", model = "MacBook Pro" })).Str("tag");
        await fx.PostAsync($"/api/assets/{laptop}/assign", new { userId = user, projectId, projectKey }, HttpStatusCode.OK);
        var monitor = (await fx.PostAsync("/api/assets", new { kind = "Monitor", model = "U2723QE" })).Str("tag");
        await fx.PostAsync($"/api/assets/{monitor}/assign", new { userId = user }, HttpStatusCode.OK);

        await fx.Bus.PublishAsync(new ProjectMemberRemoved(projectId, projectKey, user, DateTimeOffset.UtcNow), Guid.NewGuid());
        var fromProject = await fx.Bus.WaitForAsync<ReturnRequested>(e => e.UserId == user);
        fromProject.AssetTags.ShouldBe([laptop]);

        await fx.LeaveAsync(user);

        // Still one request: the laptop once, and the monitor (held outside the project) added to it.
        var request = (await RequestsOfAsync(user, "Return")).ShouldHaveSingleItem();
        request.Str("key").ShouldBe(fromProject.RequestKey);
        request.GetProperty("items").EnumerateArray().Select(i => i.Str("assetTag")).Where(t => t is not null).ShouldBe([laptop, monitor]);

        // Leaving another project afterwards asks for nothing new either.
        var late = Guid.NewGuid();
        await fx.Bus.PublishAsync(new ProjectMemberRemoved(Guid.NewGuid(), "PRJ-LATE", user, DateTimeOffset.UtcNow), late);
        await fx.ProcessedAsync(late);
        (await RequestsOfAsync(user, "Return")).Count.ShouldBe(1);
        var offboarding = await fx.GetAsync($"/api/offboarding/{user}");
        offboarding.GetProperty("assets").EnumerateArray().Select(a => a.Str("tag")).ShouldBe([laptop, monitor]);
    }

    [Fact]
    public async Task A_joiner_gets_the_kit_of_their_departments_profile_once_and_a_mover_or_a_department_without_one_gets_nothing()
    {
        var department = $"Dept-{Guid.NewGuid():N}"[..12];
        var bare = $"Bare-{Guid.NewGuid():N}"[..12];
        (await Http.PostJsonAsync("/api/kit-profiles", new { name = NewUser("bad"), department, projectKey = "PRJ-1", items = new[] { new { kind = "Other", description = "x" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var profile = await fx.PostAsync("/api/kit-profiles", new
        {
            name = $"{department} starter", department,
            items = new object[] { new { kind = "Hardware", description = "Laptop", assetKind = "Laptop" }, new { kind = "Account", description = "ERP account" } },
        });
        profile.Str("department").ShouldBe(department);

        var joiner = await fx.JoinAsync(NewUser("new"), ["requester"], department: department.ToUpperInvariant());
        var kit = (await RequestsOfAsync(joiner, "Onboarding")).ShouldHaveSingleItem();
        (kit.Str("kitProfile"), kit.Str("department"), kit.Str("projectKey")).ShouldBe(($"{department} starter", department.ToUpperInvariant(), ""));
        kit.GetProperty("items").EnumerateArray().Select(i => i.Str("description")).ShouldBe(["Laptop", "ERP account"]);
        var announced = await fx.Bus.WaitForAsync<KittingRequested>(e => e.UserId == joiner);
        announced.KitProfile.ShouldBe($"{department} starter");
        // Handing the laptop over records no project (the request is for no project).
        var laptop = (await fx.PostAsync("/api/assets", new { kind = "Laptop", model = "ThinkPad E14" })).Str("tag");
        await fx.PostAsync($"/api/kitting/{kit.Str("key")}/items/1/complete", new { assetTag = laptop }, HttpStatusCode.OK);
        var handed = await fx.GetAsync($"/api/assets/{laptop}");
        (handed.Str("assignedTo"), handed.GetProperty("projectKey").ValueKind).ShouldBe((joiner, JsonValueKind.Null));

        // Redelivered (same message id) or stale (an older version) joins open nothing more.
        var other = NewUser("dup");
        var joined = new PersonJoined(other, other, "Dup", null, department, null, ["requester"], 5, DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        await fx.Bus.PublishAsync(joined, messageId);
        await fx.Bus.PublishAsync(joined, messageId);
        var again = Guid.NewGuid();
        await fx.Bus.PublishAsync(joined with { Version = 4, OccurredAt = DateTimeOffset.UtcNow.AddSeconds(1) }, again);
        await fx.ProcessedAsync(messageId);
        await fx.ProcessedAsync(again);
        (await RequestsOfAsync(other, "Onboarding")).Count.ShouldBe(1);

        // A mover is not re-kitted; a department without a profile kits nobody.
        await fx.ChangeAsync(joiner, ["requester"], department: bare);
        (await RequestsOfAsync(joiner, "Onboarding")).Count.ShouldBe(1);
        var plain = await fx.JoinAsync(NewUser("plain"), ["requester"], department: bare);
        (await RequestsOfAsync(plain, "Onboarding")).ShouldBeEmpty();

        // PSO may still open one by hand: from a profile named, else the department's (none here).
        var noProfile = await Http.PostJsonAsync("/api/kitting", new { userId = plain });
        noProfile.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noProfile.ReadJsonAsync()).Str("code").ShouldBe("no-kit-profile");
        var byHand = await fx.PostAsync("/api/kitting", new { userId = plain, profileId = profile.Str("id") });
        byHand.Str("kitProfile").ShouldBe($"{department} starter");
        (await Http.PostJsonAsync("/api/kitting", new { userId = plain, profileId = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_return_by_hand_lists_what_the_person_holds_once()
    {
        var user = await fx.JoinAsync(NewUser("hand"), ["requester"]);
        var phone = (await fx.PostAsync("/api/assets", new { kind = "Phone", model = "iPhone 16", status = "Assigned", assignedTo = user })).Str("tag");
        var opened = await fx.PostAsync("/api/kitting", new { kind = "Return", userId = user });
        opened.Str("kind").ShouldBe("Return");
        opened.GetProperty("items").EnumerateArray().Select(i => i.Str("assetTag")).ShouldBe([phone]);
        var twice = await Http.PostJsonAsync("/api/kitting", new { kind = "Return", userId = user });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.ReadJsonAsync()).Str("code").ShouldBe("request-open");
        (await Http.PostJsonAsync("/api/kitting", new { kind = "Return", userId = user, profileId = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
