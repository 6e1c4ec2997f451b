using Platform.Contracts.People;

namespace Platform.Identity.Tests;

/// <summary>SCIM 2.0 as RFC 7644 and Entra ID's provisioning use it, against the scim-provisioner client.</summary>
[Collection(DirectoryCollection.Name)]
public class ScimTests(DirectoryFixture fx)
{
    private const string Core = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private async Task<HttpClient> ScimAsync() => fx.Service.NewClient(await fx.ScimTokenAsync());

    private static StringContent Scim(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/scim+json");

    /// <summary>RFC 7643 §8.2's user, with a fresh userName.</summary>
    private static object Jensen(string userName, string externalId, bool active = true) => new Dictionary<string, object>
    {
        ["schemas"] = new[] { Core, Enterprise },
        ["userName"] = userName,
        ["externalId"] = externalId,
        ["name"] = new { formatted = "Ms. Barbara J Jensen, III", familyName = "Jensen", givenName = "Barbara" },
        ["emails"] = new object[] { new { value = $"{userName}@example.com", type = "work", primary = true } },
        ["active"] = active,
        [Enterprise] = new { department = "Tour Operations", manager = new { value = "carol" } },
    };

    private async Task<JsonElement> CreateAsync(HttpClient scim, string userName)
    {
        return await (await scim.PostAsync("/scim/v2/Users", Scim(Jensen(userName, "ext-" + userName)))).ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Create_answers_201_with_meta_and_location_and_announces_the_person()
    {
        using var scim = await ScimAsync();
        var userName = DirectoryFixture.NewName("bjensen");
        var response = await scim.PostAsync("/scim/v2/Users", Scim(Jensen(userName, "701984")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/scim+json");
        var user = await response.ReadJsonAsync();
        var id = user.Str("id");
        response.Headers.Location!.ToString().ShouldBe($"http://localhost/scim/v2/Users/{id}");
        response.Headers.ETag!.ToString().ShouldBe("W/\"1\"");
        user.Str("userName").ShouldBe(userName);
        user.Str("externalId").ShouldBe("701984");
        user.Str("displayName").ShouldBe("Ms. Barbara J Jensen, III");
        user.GetProperty("active").GetBoolean().ShouldBeTrue();
        user.GetProperty(Enterprise).Str("department").ShouldBe("Tour Operations");
        user.GetProperty(Enterprise).GetProperty("manager").Str("value").ShouldBe("carol");
        var meta = user.GetProperty("meta");
        meta.Str("resourceType").ShouldBe("User");
        meta.Str("location").ShouldBe($"http://localhost/scim/v2/Users/{id}");
        meta.Str("version").ShouldBe("W/\"1\"");
        DateTimeOffset.Parse(meta.Str("created"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));

        var joined = await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == id);
        joined.Email.ShouldBe($"{userName}@example.com");
        joined.ManagerId.ShouldBe("carol");
        joined.Roles.ShouldBeEmpty();

        var read = await scim.GetAsync($"/scim/v2/Users/{id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.ReadJsonAsync()).Str("userName").ShouldBe(userName);
    }

    [Fact]
    public async Task Filters_and_paging()
    {
        using var scim = await ScimAsync();
        var userName = DirectoryFixture.NewName("filtered");
        var created = await CreateAsync(scim, userName);

        async Task<JsonElement> List(string query)
        {
            return await (await scim.GetAsync("/scim/v2/Users?" + query)).ReadJsonAsync(HttpStatusCode.OK);
        }

        foreach (var filter in new[] { $"userName eq \"{userName.ToUpperInvariant()}\"", $"externalId eq \"ext-{userName}\"", $"emails.value eq \"{userName}@example.com\"",
            $"emails[type eq \"work\"].value eq \"{userName}@example.com\"", $"userName eq \"{userName}\" and active eq true" })
        {
            var found = await List("filter=" + Uri.EscapeDataString(filter));
            found.GetProperty("schemas")[0].GetString().ShouldBe("urn:ietf:params:scim:api:messages:2.0:ListResponse");
            found.GetProperty("totalResults").GetInt32().ShouldBe(1, filter);
            found.GetProperty("Resources")[0].Str("id").ShouldBe(created.Str("id"));
        }

        (await List("filter=" + Uri.EscapeDataString("userName eq \"nobody-at-all\""))).GetProperty("totalResults").GetInt32().ShouldBe(0);

        var all = await List("startIndex=1&count=2");
        var total = all.GetProperty("totalResults").GetInt32();
        total.ShouldBeGreaterThanOrEqualTo(7); // the six demo users and this one
        all.GetProperty("itemsPerPage").GetInt32().ShouldBe(2);
        var second = await List("startIndex=3&count=2");
        second.GetProperty("startIndex").GetInt32().ShouldBe(3);
        second.GetProperty("Resources")[0].Str("id").ShouldNotBe(all.GetProperty("Resources")[0].Str("id"));
        (await List("count=0")).GetProperty("Resources").GetArrayLength().ShouldBe(0);

        foreach (var bad in new[] { "userName co \"x\"", "title eq \"x\"", "userName eq", "(userName eq \"x\")" })
        {
            var response = await scim.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString(bad));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            var error = await response.ReadJsonAsync();
            error.Str("scimType").ShouldBe("invalidFilter");
            error.Str("status").ShouldBe("400");
            error.GetProperty("schemas")[0].GetString().ShouldBe("urn:ietf:params:scim:api:messages:2.0:Error");
        }
    }

    [Fact]
    public async Task Put_and_patch_replace_add_remove_with_and_without_paths()
    {
        using var scim = await ScimAsync();
        var userName = DirectoryFixture.NewName("patched");
        var id = (await CreateAsync(scim, userName)).Str("id");

        var replaced = new Dictionary<string, object>
        {
            ["schemas"] = new[] { Core },
            ["userName"] = userName,
            ["displayName"] = "Babs Jensen",
            ["emails"] = new object[] { new { value = $"babs.{userName}@example.com", primary = true } },
            [Enterprise] = new { department = "Sales" },
        };
        var put = await scim.PutAsync($"/scim/v2/Users/{id}", Scim(replaced));
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var afterPut = await put.ReadJsonAsync();
        afterPut.Str("displayName").ShouldBe("Babs Jensen");
        afterPut.TryGetProperty("externalId", out _).ShouldBeFalse(); // PUT replaces: absent is cleared
        afterPut.GetProperty(Enterprise).TryGetProperty("manager", out _).ShouldBeFalse();
        var changed = await fx.Probe.WaitForAsync<PersonChanged>(p => p.UserId == id && p.Version == 2);
        changed.Changed.ShouldBe(["displayName", "email", "department", "managerId"], ignoreOrder: true);

        var patch = new
        {
            schemas = new[] { PatchOp },
            Operations = new object[]
            {
                new { op = "replace", path = "emails[type eq \"work\"].value", value = $"work.{userName}@example.com" },
                new { op = "Add", path = $"{Enterprise}:manager", value = "bob" }, // Entra ID: the manager's id alone
                new { op = "Replace", value = new Dictionary<string, object> { ["displayName"] = "Barbara Jensen", [$"{Enterprise}:department"] = "Finance" } },
                new { op = "remove", path = "externalId" },
            },
        };
        var patched = await scim.PatchAsync($"/scim/v2/Users/{id}", Scim(patch));
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var user = await patched.ReadJsonAsync();
        user.Str("displayName").ShouldBe("Barbara Jensen");
        user.GetProperty(Enterprise).Str("department").ShouldBe("Finance");
        user.GetProperty(Enterprise).GetProperty("manager").Str("value").ShouldBe("bob");
        var third = await fx.Probe.WaitForAsync<PersonChanged>(p => p.UserId == id && p.Version == 3);
        third.Email.ShouldBe($"work.{userName}@example.com");
        third.Department.ShouldBe("Finance");

        var bad = await scim.PatchAsync($"/scim/v2/Users/{id}", Scim(new { schemas = new[] { PatchOp }, Operations = new object[] { new { op = "replace", path = "active", value = "perhaps" } } }));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ReadJsonAsync()).Str("scimType").ShouldBe("invalidValue");
        var noOps = await scim.PatchAsync($"/scim/v2/Users/{id}", Scim(new { schemas = new[] { PatchOp } }));
        noOps.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var notJson = await scim.PatchAsync($"/scim/v2/Users/{id}", new StringContent("{not json", Encoding.UTF8, "application/scim+json"));
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notJson.ReadJsonAsync()).Str("scimType").ShouldBe("invalidSyntax");
    }

    [Fact]
    public async Task Active_false_by_patch_stops_sign_in_and_delete_removes_the_user()
    {
        using var scim = await ScimAsync();
        var userName = DirectoryFixture.NewName("offboard");
        var id = (await CreateAsync(scim, userName)).Str("id");
        using var admin = await fx.ClientAsync("admin");
        (await admin.PostJsonAsync($"/api/users/{id}/password", new { password = DirectoryFixture.GoodPassword })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fx.PasswordGrantAsync(userName, DirectoryFixture.GoodPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Entra ID's form: no path, a value object, the boolean as a string.
        var off = await scim.PatchAsync($"/scim/v2/Users/{id}", Scim(new { schemas = new[] { PatchOp }, Operations = new object[] { new { op = "Replace", value = new { active = "False" } } } }));
        off.StatusCode.ShouldBe(HttpStatusCode.OK, await off.Content.ReadAsStringAsync());
        (await off.ReadJsonAsync()).GetProperty("active").GetBoolean().ShouldBeFalse();
        await fx.Probe.WaitForAsync<PersonLeft>(p => p.UserId == id);
        (await fx.PasswordGrantAsync(userName, DirectoryFixture.GoodPassword)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await scim.DeleteAsync($"/scim/v2/Users/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var gone = await scim.GetAsync($"/scim/v2/Users/{id}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await gone.ReadJsonAsync()).Str("status").ShouldBe("404");
        (await scim.DeleteAsync($"/scim/v2/Users/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Provisioned again later: the same person comes back, their version carrying on.
        var again = await scim.PostAsync("/scim/v2/Users", Scim(Jensen(userName, "again")));
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.ReadJsonAsync()).Str("id").ShouldBe(id);
        (await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == id && p.Version == 3)).UserName.ShouldBe(userName);
    }

    [Fact]
    public async Task Duplicate_user_name_is_409_uniqueness_and_missing_user_name_400()
    {
        using var scim = await ScimAsync();
        var userName = DirectoryFixture.NewName("twice");
        await CreateAsync(scim, userName);
        var duplicate = await scim.PostAsync("/scim/v2/Users", Scim(Jensen(userName.ToUpperInvariant(), "other")));
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var error = await duplicate.ReadJsonAsync();
        error.Str("scimType").ShouldBe("uniqueness");
        error.Str("status").ShouldBe("409");

        var nameless = await scim.PostAsync("/scim/v2/Users", Scim(new { schemas = new[] { Core }, displayName = "No Name" }));
        nameless.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nameless.ReadJsonAsync()).Str("scimType").ShouldBe("invalidValue");
    }

    [Fact]
    public async Task A_mapped_group_gives_its_members_a_role_an_unmapped_one_nothing()
    {
        using var scim = await ScimAsync();
        var userName = DirectoryFixture.NewName("member");
        var id = (await CreateAsync(scim, userName)).Str("id");
        var other = (await CreateAsync(scim, DirectoryFixture.NewName("other"))).Str("id");

        var created = await scim.PostAsync("/scim/v2/Groups", Scim(new
        {
            schemas = new[] { "urn:ietf:params:scim:schemas:core:2.0:Group" },
            displayName = DirectoryFixture.AgentsGroup,
            members = new[] { new { value = id } },
        }));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var group = await created.ReadJsonAsync();
        var groupId = group.Str("id");
        created.Headers.Location!.ToString().ShouldBe($"http://localhost/scim/v2/Groups/{groupId}");
        group.GetProperty("meta").Str("resourceType").ShouldBe("Group");
        (await fx.Probe.WaitForAsync<PersonChanged>(p => p.UserId == id && p.Roles.Contains("agent"))).Changed.ShouldBe(["roles"]);

        var filtered = await (await scim.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString($"displayName eq \"{DirectoryFixture.AgentsGroup}\"") + "&excludedAttributes=members")).ReadJsonAsync();
        filtered.GetProperty("totalResults").GetInt32().ShouldBe(1);
        filtered.GetProperty("Resources")[0].TryGetProperty("members", out _).ShouldBeFalse();

        // Entra ID adds and removes members by PATCH.
        var add = await scim.PatchAsync($"/scim/v2/Groups/{groupId}", Scim(new
        {
            schemas = new[] { PatchOp },
            Operations = new object[] { new { op = "Add", path = "members", value = new[] { new { value = other } } } },
        }));
        add.StatusCode.ShouldBe(HttpStatusCode.OK, await add.Content.ReadAsStringAsync());
        await fx.Probe.WaitForAsync<PersonChanged>(p => p.UserId == other && p.Roles.Contains("agent"));
        var remove = await scim.PatchAsync($"/scim/v2/Groups/{groupId}", Scim(new
        {
            schemas = new[] { PatchOp },
            Operations = new object[] { new { op = "Remove", path = $"members[value eq \"{id}\"]" } },
        }));
        remove.StatusCode.ShouldBe(HttpStatusCode.OK);
        var members = (await remove.ReadJsonAsync()).GetProperty("members").EnumerateArray().Select(m => m.Str("value")).ToList();
        members.ShouldBe([other]);
        (await fx.Probe.WaitForAsync<PersonChanged>(p => p.UserId == id && p.Changed.Contains("roles") && !p.Roles.Contains("agent"))).Roles.ShouldBeEmpty();

        var unmapped = await scim.PostAsync("/scim/v2/Groups", Scim(new { displayName = DirectoryFixture.NewName("Book Club "), members = new[] { new { value = id } } }));
        unmapped.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var admin = await fx.ClientAsync("admin");
        var user = await (await admin.GetAsync($"/api/users/{id}")).ReadJsonAsync();
        user.GetProperty("roles").GetArrayLength().ShouldBe(0);

        var sameName = await scim.PostAsync("/scim/v2/Groups", Scim(new { displayName = DirectoryFixture.AgentsGroup.ToUpperInvariant() }));
        sameName.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await sameName.ReadJsonAsync()).Str("scimType").ShouldBe("uniqueness");

        (await scim.DeleteAsync($"/scim/v2/Groups/{groupId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await fx.Probe.WaitForAsync<PersonChanged>(p => p.UserId == other && !p.Roles.Contains("agent"));
        (await scim.GetAsync($"/scim/v2/Groups/{groupId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Scim_needs_the_scim_scope()
    {
        using var anonymous = fx.Service.NewClient(null);
        (await anonymous.GetAsync("/scim/v2/Users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var admin = await fx.ClientAsync("admin");
        (await admin.GetAsync("/scim/v2/Users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var monitoring = fx.Service.NewClient((await (await fx.Service.TokenAsync(("grant_type", "client_credentials"), ("client_id", "monitoring-tool"),
            ("client_secret", "monitoring-secret"), ("scope", "tickets"))).ReadJsonAsync()).Str("access_token"));
        (await monitoring.GetAsync("/scim/v2/Users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var scim = await ScimAsync();
        var config = await scim.GetAsync("/scim/v2/ServiceProviderConfig");
        config.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await config.ReadJsonAsync()).GetProperty("patch").GetProperty("supported").GetBoolean().ShouldBeTrue();
        (await (await scim.GetAsync("/scim/v2/ResourceTypes")).ReadJsonAsync()).GetProperty("totalResults").GetInt32().ShouldBe(2);
        (await scim.GetAsync("/scim/v2/Schemas")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
