using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Portal.BrowserTests.Ui;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// PSO's kit profiles on screen (issue 18), in English and in Japanese. dave (PSO) opens the kit profiles from the
/// navigation drawer and creates, with the "New profile" form, a profile for a new project (carol's, through the API):
/// a laptop of a model, a piece of software, an account. Reloaded, the profile shows those three items; saved without
/// a name, the error shows beside the name. carol adds erin to the project (API): the kitting request that opens for her has
/// exactly those three items. dave removes the account item and saves; he deletes another profile after confirming.
/// alice, a requester, gets "not found". Every page is screenshotted and checked with axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class KitProfileJourneyTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Sessions _sessions = new(fx, output, "kitp");

    static KitProfileJourneyTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task Pso_staff_define_a_project_kit_profile_that_a_new_member_request_follows(string language)
    {
        var text = Texts.For(language);
        var ja = language == "ja";
        var visit = new Visit(language, output, "kit-profiles");
        var word = "Kp" + Guid.NewGuid().ToString("N")[..6];
        var model = $"ThinkPad T14 {word}";
        var product = $"Figma {word}";
        var daveApi = await fx.ClientForAsync("dave");
        var carolApi = await fx.ClientForAsync("carol");
        var project = await (await carolApi.PostJsonAsync("/api/projects", new { name = $"Kit profile {language} {word}", manager = "carol" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var projectKey = project.Str("key");
        // Another profile, to delete (for a project that does not exist: it never applies to anyone).
        var other = await (await daveApi.PostJsonAsync("/api/kit-profiles", new
        {
            name = $"Old kit {word}", projectKey = $"GONE{word}".ToUpperInvariant()[..10],
            items = new object[] { new { kind = "Other", description = "Welcome pack" } },
        })).ReadJsonAsync(HttpStatusCode.Created);
        var otherId = other.Str("id");

        // The kit profiles, from the drawer's PSO group (its last link).
        var dave = await _sessions.SignInAsync("dave", text);
        var nav = dave.GetByTestId("pso-assets-nav");
        await Expect(nav).ToBeVisibleAsync();
        await nav.GetByRole(AriaRole.Link).Last.ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/kit-profiles$"), Committed);
        await Expect(dave.Locator($"tr[data-profile='{otherId}']")).ToHaveCountAsync(1);

        // The new profile: a laptop of a model, the software, an account.
        var form = dave.GetByTestId("new-profile");
        await Field(form, "profile-name").FillAsync($"Kit {word}");
        await Field(form, "profile-project").FillAsync(projectKey);
        var rows = form.Locator("[data-item-row]");
        await Expect(rows).ToHaveCountAsync(1);
        await Field(rows.Nth(0), "item-description").FillAsync("Laptop");
        await ChooseAsync(dave, rows.Nth(0).GetByTestId("item-asset-kind"), ja ? "ノートPC" : "Laptop");
        await Field(rows.Nth(0), "item-model").FillAsync(model);
        await form.GetByTestId("item-add").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await ChooseAsync(dave, rows.Nth(1).GetByTestId("item-kind"), ja ? "ソフトウェア" : "Software");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-kind", "Software");
        await Field(rows.Nth(1), "item-description").FillAsync("Design tool");
        await Field(rows.Nth(1), "item-product").FillAsync(product);
        await form.GetByTestId("item-add").ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await ChooseAsync(dave, rows.Nth(2).GetByTestId("item-kind"), ja ? "アカウント" : "Account");
        await Expect(rows.Nth(2)).ToHaveAttributeAsync("data-kind", "Account");
        await Expect(rows.Nth(2).GetByTestId("item-model")).ToHaveCountAsync(0);
        await Field(rows.Nth(2), "item-description").FillAsync("Directory account");
        await visit.PageAsync(dave, "kit-profiles-new");
        await form.GetByTestId("create-profile").ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/kit-profiles/[0-9a-f-]{36}$"), Committed);
        var profileUrl = dave.Url;
        var profileId = profileUrl[(profileUrl.LastIndexOf('/') + 1)..];

        // Reloaded, the profile shows what was saved.
        await dave.ReloadAsync();
        await Expect(dave.GetByTestId("profile-title")).ToHaveTextAsync($"Kit {word}");
        await Expect(Field(dave, "profile-name")).ToHaveValueAsync($"Kit {word}");
        await Expect(Field(dave, "profile-project")).ToHaveValueAsync(projectKey);
        var saved = dave.GetByTestId("edit-profile").Locator("[data-item-row]");
        await Expect(saved).ToHaveCountAsync(3);
        await Expect(saved.Nth(0)).ToHaveAttributeAsync("data-kind", "Hardware");
        await Expect(saved.Nth(0).GetByTestId("item-asset-kind")).ToContainTextAsync(ja ? "ノートPC" : "Laptop");
        await Expect(Field(saved.Nth(0), "item-model")).ToHaveValueAsync(model);
        await Expect(saved.Nth(1)).ToHaveAttributeAsync("data-kind", "Software");
        await Expect(Field(saved.Nth(1), "item-product")).ToHaveValueAsync(product);
        await Expect(saved.Nth(2)).ToHaveAttributeAsync("data-kind", "Account");
        await Expect(Field(saved.Nth(2), "item-description")).ToHaveValueAsync("Directory account");
        await visit.PageAsync(dave, "kit-profile");

        // Saved without a name: the error shows beside the name.
        await Field(dave, "profile-name").FillAsync("");
        await dave.GetByTestId("save-profile").ClickAsync();
        var nameError = dave.Locator(".mud-input-control:has([data-testid='profile-name'])").Locator(".mud-input-error");
        await Expect(nameError.First).ToBeVisibleAsync();
        await Expect(dave.GetByTestId("profile-saved")).ToHaveCountAsync(0);
        await visit.PageAsync(dave, "kit-profile-invalid");

        // erin joins the project: her kitting request has exactly the profile's three items.
        (await carolApi.PostJsonAsync($"/api/projects/{projectKey}/members", new { userId = "erin", role = "developer" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var requests = await Eventually.GetAsync(
            async () => (await (await daveApi.GetAsync($"/api/kitting?projectKey={projectKey}&userId=erin")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items"),
            items => items.GetArrayLength() == 1, TimeSpan.FromSeconds(30));
        var request = requests[0];
        request.Str("userId").ShouldBe("erin");
        request.Str("kitProfile").ShouldBe($"Kit {word}");
        var items = request.GetProperty("items").EnumerateArray().ToList();
        string.Join(",", items.Select(i => i.Str("kind"))).ShouldBe("Hardware,Software,Account");
        items[0].Str("model").ShouldBe(model);
        items[0].Str("assetKind").ShouldBe("Laptop");
        items[1].Str("product").ShouldBe(product);
        items[2].Str("description").ShouldBe("Directory account");
        await dave.GotoAsync($"{fx.BaseUrl}pso/kitting/{request.Str("key")}");
        await Expect(dave.Locator("tr[data-kind]")).ToHaveCountAsync(3);
        await Expect(dave.Locator("tr[data-kind='Hardware']")).ToContainTextAsync(model);
        await visit.PageAsync(dave, "kitting-from-profile");

        // The queue links to the profiles; dave removes the account item and saves.
        await dave.GotoAsync($"{fx.BaseUrl}pso/kitting");
        await dave.GetByTestId("kit-profiles-link").ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/kit-profiles$"), Committed);
        var row = dave.Locator($"tr[data-profile='{profileId}']");
        await Expect(row.GetByTestId("row-project")).ToHaveTextAsync(projectKey);
        await Expect(row.GetByTestId("row-count")).ToHaveTextAsync("3");
        await visit.PageAsync(dave, "kit-profiles");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await dave.WaitForURLAsync(new Regex($"/pso/kit-profiles/{profileId}$"), Committed);
        var edited = dave.GetByTestId("edit-profile").Locator("[data-item-row]");
        await Expect(edited).ToHaveCountAsync(3);
        await edited.Nth(2).GetByTestId("item-remove").ClickAsync();
        await Expect(edited).ToHaveCountAsync(2);
        await dave.GetByTestId("save-profile").ClickAsync();
        await Expect(dave.GetByTestId("profile-saved")).ToBeVisibleAsync();
        var after = await (await daveApi.GetAsync($"/api/kit-profiles/{profileId}")).ReadJsonAsync(HttpStatusCode.OK);
        string.Join(",", after.GetProperty("items").EnumerateArray().Select(i => i.Str("kind"))).ShouldBe("Hardware,Software");
        await dave.ReloadAsync();
        await Expect(dave.GetByTestId("edit-profile").Locator("[data-item-row]")).ToHaveCountAsync(2);
        await visit.PageAsync(dave, "kit-profile-saved");

        // The other profile, deleted after the confirmation.
        await dave.GotoAsync($"{fx.BaseUrl}pso/kit-profiles/{otherId}");
        await dave.GetByTestId("delete-profile").ClickAsync();
        await Expect(dave.GetByTestId("delete-confirm")).ToContainTextAsync($"Old kit {word}");
        await visit.PageAsync(dave, "kit-profile-delete");
        await dave.GetByTestId("delete-yes").ClickAsync();
        await dave.WaitForURLAsync(new Regex("/pso/kit-profiles$"), Committed);
        await Expect(dave.Locator($"tr[data-profile='{profileId}']")).ToHaveCountAsync(1);
        await Expect(dave.Locator($"tr[data-profile='{otherId}']")).ToHaveCountAsync(0);
        (await daveApi.GetAsync($"/api/kit-profiles/{otherId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // alice, a requester: not found.
        var alice = await _sessions.SignInAsync("alice", text);
        await alice.GotoAsync($"{fx.BaseUrl}pso/kit-profiles");
        await Expect(alice.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        await alice.GotoAsync($"{fx.BaseUrl}pso/kit-profiles/{profileId}");
        await Expect(alice.GetByTestId("not-found")).ToHaveTextAsync(text.NotFound);
        await visit.PageAsync(alice, "kit-profiles-not-found");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
