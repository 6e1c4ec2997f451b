namespace Platform.Identity.Tests;

[Collection(DirectoryCollection.Name)]
public class PeopleTests(DirectoryFixture fx)
{
    [Fact]
    public async Task Anyone_signed_in_searches_by_name_in_any_script_and_case()
    {
        var name = DirectoryFixture.NewName("hanako");
        await fx.CreateUserAsync(name, "佐藤 花子", ["agent"], "Support");
        using var alice = await fx.ClientAsync("alice");

        var byKanji = await (await alice.GetAsync("/api/people?q=" + Uri.EscapeDataString("花子"))).ReadJsonAsync();
        var person = byKanji.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        person.Str("id").ShouldBe(name);
        person.Str("displayName").ShouldBe("佐藤 花子");
        person.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["agent"]);
        person.Str("department").ShouldBe("Support");
        person.GetProperty("active").GetBoolean().ShouldBeTrue();

        var byUserName = await (await alice.GetAsync("/api/people?q=" + name.ToUpperInvariant())).ReadJsonAsync();
        byUserName.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().Str("id").ShouldBe(name);
        var byDemoName = await (await alice.GetAsync("/api/people?q=aLiCe")).ReadJsonAsync();
        byDemoName.GetProperty("items").EnumerateArray().Select(p => p.Str("id")).ShouldContain("alice");
    }

    [Fact]
    public async Task E_mail_addresses_are_for_staff_only()
    {
        using var requester = await fx.ClientAsync("alice");
        using var agent = await fx.ClientAsync("bob");
        var seenByRequester = await (await requester.GetAsync("/api/people/carol")).ReadJsonAsync();
        seenByRequester.GetProperty("email").ValueKind.ShouldBe(JsonValueKind.Null);
        var seenByAgent = await (await agent.GetAsync("/api/people/carol")).ReadJsonAsync();
        seenByAgent.Str("email").ShouldBe("carol@platform.local");

        var list = await (await requester.GetAsync("/api/people?q=carol")).ReadJsonAsync();
        list.GetProperty("items")[0].GetProperty("email").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Role_and_department_filters_and_keyset_paging()
    {
        var department = DirectoryFixture.NewName("dept");
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var name = DirectoryFixture.NewName($"p{i}");
            await fx.CreateUserAsync(name, $"Person {i} {department}", [i == 0 ? "pso-staff" : "requester"], department);
            names.Add(name);
        }

        using var alice = await fx.ClientAsync("alice");
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await alice.GetAsync($"/api/people?department={department}&limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).ReadJsonAsync();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(items.Select(p => p.Str("id")));
            cursor = page.StrOrNull("nextCursor");
        }
        while (cursor is not null);
        seen.ShouldBe(names); // ordered by display name: Person 0, 1, 2

        var pso = await (await alice.GetAsync($"/api/people?department={department}&role=pso-staff")).ReadJsonAsync();
        pso.GetProperty("items").EnumerateArray().Select(p => p.Str("id")).ShouldBe([names[0]]);

        (await alice.GetAsync("/api/people?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await alice.GetAsync("/api/people?cursor=garbage!")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task People_who_left_are_hidden_except_to_staff_who_ask()
    {
        var name = DirectoryFixture.NewName("gone");
        await fx.CreateUserAsync(name);
        using var admin = await fx.ClientAsync("admin");
        (await admin.PostAsync($"/api/users/{name}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var alice = await fx.ClientAsync("alice");
        using var bob = await fx.ClientAsync("bob");
        (await (await alice.GetAsync($"/api/people?q={name}&includeInactive=true")).ReadJsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await alice.GetAsync($"/api/people/{name}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await bob.GetAsync($"/api/people?q={name}")).ReadJsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
        var staff = await (await bob.GetAsync($"/api/people?q={name}&includeInactive=true")).ReadJsonAsync();
        staff.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("active").GetBoolean().ShouldBeFalse();
        using var anonymous = fx.Service.NewClient(null);
        (await anonymous.GetAsync("/api/people")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
