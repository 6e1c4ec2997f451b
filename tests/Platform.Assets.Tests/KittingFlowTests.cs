using Platform.Contracts.Projects;

namespace Platform.Assets.Tests;

/// <summary>PSO onboarding (DESIGN.md §5.4): ProjectMemberAdded → kitting request → checklist → KittingCompleted, once per membership.</summary>
public class KittingFlowTests(AssetsFixture fx) : IClassFixture<AssetsFixture>
{
    private HttpClient Http => fx.Http;

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_member_joining_gets_one_kitting_request_and_one_completion_however_often_the_event_arrives()
    {
        var projectKey = $"PRJ-{Random.Shared.Next(1000, 9999)}";
        await fx.PostAsync("/api/kit-profiles", new
        {
            name = $"{projectKey} developers", projectKey, role = "developer",
            items = new object[]
            {
                new { kind = "Hardware", description = "Laptop, 32 GB", assetKind = "Laptop", model = "ThinkPad P14s" },
                new { kind = "Software", description = "IDE seat", product = "Rider" },
                new { kind = "Account", description = "Git and CI accounts" },
            },
        });
        var laptop = await fx.PostAsync("/api/assets", new { kind = "Laptop", model = "ThinkPad P14s", serial = Guid.NewGuid().ToString("N"), location = "HQ store" });
        var licence = await fx.PostAsync("/api/licences", new { product = "Rider", vendor = "JetBrains", seats = 5, expiresOn = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd") });

        var user = NewUser();
        var joined = new ProjectMemberAdded(Guid.NewGuid(), projectKey, user, "developer", DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        await fx.Bus.PublishAsync(joined, messageId);
        await fx.Bus.PublishAsync(joined, messageId);             // a redelivery
        await fx.Bus.PublishAsync(joined, Guid.NewGuid());        // the same fact under another message id

        var requested = await fx.Bus.WaitForAsync<KittingRequested>(e => e.UserId == user);
        requested.KitProfile.ShouldBe($"{projectKey} developers");
        requested.Checklist.ShouldBe(["Laptop, 32 GB", "IDE seat", "Git and CI accounts"]);
        await Task.Delay(1500);
        fx.Bus.Messages<KittingRequested>().Count(e => e.UserId == user).ShouldBe(1);
        var list = await fx.GetAsync($"/api/kitting?userId={user}");
        var request = list.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        var key = request.Str("key");
        request.Str("status").ShouldBe("Open");
        request.Str("projectKey").ShouldBe(projectKey);

        // The newcomer follows their own request; another requester does not see it.
        (await fx.As(user, "requester").GetAsync($"/api/kitting/{key}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fx.As("someone-else", "requester").GetAsync($"/api/kitting/{key}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fx.As(user, "requester").PostJsonAsync($"/api/kitting/{key}/complete", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Not done yet.
        var early = await Http.PostJsonAsync($"/api/kitting/{key}/complete", new { });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.ReadJsonAsync()).Str("code").ShouldBe("checklist-incomplete");

        await fx.PostAsync($"/api/kitting/{key}/items/1/complete", new { assetTag = laptop.Str("tag"), note = "imaged" }, HttpStatusCode.OK);
        await fx.PostAsync($"/api/kitting/{key}/items/2/complete", new { licence = licence.Str("key") }, HttpStatusCode.OK);
        (await Http.PostJsonAsync($"/api/kitting/{key}/items/9/complete", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await fx.PostAsync($"/api/kitting/{key}/items/3/complete", new { }, HttpStatusCode.OK);
        var done = await fx.PostAsync($"/api/kitting/{key}/complete", new { note = "Handed over at the desk" }, HttpStatusCode.OK);
        done.Str("status").ShouldBe("Completed");
        done.GetProperty("itemsDone").GetInt32().ShouldBe(3);
        (await Http.PostJsonAsync($"/api/kitting/{key}/complete", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var completed = await fx.Bus.WaitForAsync<KittingCompleted>(e => e.UserId == user);
        completed.AssetTags.ShouldBe([laptop.Str("tag")]);
        completed.LicenceKeys.ShouldBe([licence.Str("key")]);
        completed.CompletedBy.ShouldBe("dave");
        await Task.Delay(1000);
        fx.Bus.Messages<KittingCompleted>().Count(e => e.UserId == user).ShouldBe(1);

        var asset = await fx.GetAsync($"/api/assets/{laptop.Str("tag")}");
        asset.Str("status").ShouldBe("Assigned");
        asset.Str("assignedTo").ShouldBe(user);
        asset.Str("projectKey").ShouldBe(projectKey);
        (await fx.GetAsync($"/api/licences/{licence.Str("key")}")).GetProperty("seatsAssigned").GetInt32().ShouldBe(1);
        // The holder now sees the laptop (and only that) in their inventory.
        var mine = await fx.GetAsync("/api/assets", fx.As(user, "requester"));
        mine.GetProperty("items").EnumerateArray().Select(a => a.Str("tag")).ShouldBe([laptop.Str("tag")]);
    }

    [Fact]
    public async Task Without_a_profile_the_built_in_kit_is_used_and_a_leaver_gets_a_return_request_for_what_they_hold()
    {
        var projectId = Guid.NewGuid();
        var projectKey = $"PRJ-{Random.Shared.Next(10000, 99999)}";
        var user = NewUser();
        var laptop = await fx.PostAsync("/api/assets", new { kind = "Laptop", model = "Latitude 7450", serial = Guid.NewGuid().ToString("N") });
        var licence = await fx.PostAsync("/api/licences", new { product = "Office 365", seats = 10 });

        await fx.Bus.PublishAsync(new ProjectMemberAdded(projectId, projectKey, user, "tester", DateTimeOffset.UtcNow), Guid.NewGuid());
        var requested = await fx.Bus.WaitForAsync<KittingRequested>(e => e.UserId == user);
        requested.KitProfile.ShouldBe("built-in");
        var key = requested.RequestKey;
        await fx.PostAsync($"/api/kitting/{key}/items/1/complete", new { assetTag = laptop.Str("tag") }, HttpStatusCode.OK);
        await fx.PostAsync($"/api/kitting/{key}/items/2/complete", new { licence = licence.Str("key") }, HttpStatusCode.OK);
        await fx.PostAsync($"/api/kitting/{key}/items/3/complete", new { }, HttpStatusCode.OK);
        await fx.PostAsync($"/api/kitting/{key}/complete", new { }, HttpStatusCode.OK);

        await fx.Bus.PublishAsync(new ProjectMemberRemoved(projectId, projectKey, user, DateTimeOffset.UtcNow), Guid.NewGuid());
        var returning = await fx.Bus.WaitForAsync<ReturnRequested>(e => e.UserId == user);
        returning.AssetTags.ShouldBe([laptop.Str("tag")]);
        returning.LicenceKeys.ShouldBe([licence.Str("key")]);
        var request = await fx.GetAsync($"/api/kitting/{returning.RequestKey}");
        request.Str("kind").ShouldBe("Return");
        request.GetProperty("items").GetArrayLength().ShouldBe(3);

        // Returning something the leaver does not hold is a conflict, and changes nothing.
        var other = await fx.PostAsync("/api/assets", new { kind = "Phone", model = "Pixel 9" });
        var wrong = await Http.PostJsonAsync($"/api/kitting/{returning.RequestKey}/items/1/complete", new { assetTag = other.Str("tag") });
        wrong.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await fx.PostAsync($"/api/kitting/{returning.RequestKey}/items/1/complete", new { assetTag = laptop.Str("tag") }, HttpStatusCode.OK);
        await fx.PostAsync($"/api/kitting/{returning.RequestKey}/items/2/complete", new { licence = licence.Str("key") }, HttpStatusCode.OK);
        await fx.PostAsync($"/api/kitting/{returning.RequestKey}/items/3/complete", new { }, HttpStatusCode.OK);
        await fx.PostAsync($"/api/kitting/{returning.RequestKey}/complete", new { }, HttpStatusCode.OK);
        await fx.Bus.WaitForAsync<ReturnCompleted>(e => e.UserId == user);

        (await fx.GetAsync($"/api/assets/{laptop.Str("tag")}")).Str("status").ShouldBe("InStock");
        (await fx.GetAsync($"/api/licences/{licence.Str("key")}")).GetProperty("seatsAssigned").GetInt32().ShouldBe(0);
        var history = await fx.GetAsync($"/api/assets/{laptop.Str("tag")}/history");
        history.EnumerateArray().Select(h => h.Str("action")).ShouldBe(["registered", "assigned", "returned"]);
    }
}
