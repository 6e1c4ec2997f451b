using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.People;

namespace Platform.Identity.Tests;

[Collection(DirectoryCollection.Name)]
public partial class UserAdminTests(DirectoryFixture fx)
{
    [Fact]
    public async Task The_demo_seed_goes_through_the_directory_and_announces_each_demo_user()
    {
        var alice = await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == "alice");
        alice.DisplayName.ShouldBe("Alice Anderson");
        alice.Roles.ShouldBe(["requester"]);
        alice.Version.ShouldBe(1);
        (await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == "admin")).Roles.ShouldBe(["admin"]);
    }

    [Fact]
    public async Task Users_never_announced_are_announced_once_at_the_next_start()
    {
        await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == "erin");
        await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == "alice");
        // As a database seeded before the directory's events: erin was never announced.
        await fx.Service.WithDbAsync(db => db.Users.Where(u => u.Id == "erin").ExecuteUpdateAsync(s => s.SetProperty(u => u.Version, 0L)));
        var aliceBefore = fx.Probe.Messages<PersonJoined>().Count(p => p.UserId == "alice");
        var erinBefore = fx.Probe.Messages<PersonJoined>().Count(p => p.UserId == "erin");

        await using (var restarted = await fx.Database.StartAsync())
        {
            await Eventually.GetAsync(() => Task.FromResult(fx.Probe.Messages<PersonJoined>().Count(p => p.UserId == "erin")), n => n == erinBefore + 1);
            (await restarted.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == "erin"))).Version.ShouldBe(1);
        }

        fx.Probe.Messages<PersonJoined>().Count(p => p.UserId == "alice").ShouldBe(aliceBefore); // the others were announced already
    }

    [Fact]
    public async Task An_admin_creates_a_user_who_is_announced_and_can_sign_in()
    {
        var name = DirectoryFixture.NewName("kenji");
        var created = await fx.CreateUserAsync(name, "田中 健二", ["agent"], "IT");
        created.Str("id").ShouldBe(name);
        created.Str("displayName").ShouldBe("田中 健二");
        created.GetProperty("version").GetInt64().ShouldBe(1);

        var joined = await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == name);
        joined.Roles.ShouldBe(["agent"]);
        joined.Department.ShouldBe("IT");
        joined.Email.ShouldBe($"{name}@example.com");
        joined.Version.ShouldBe(1);

        (await fx.PasswordGrantAsync(name, DirectoryFixture.GoodPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var admin = await fx.ClientAsync("admin");
        var read = await (await admin.GetAsync($"/api/users/{name}")).ReadJsonAsync();
        read.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["agent"]);
    }

    [Fact]
    public async Task Changes_are_published_with_a_growing_version_and_the_fields_that_changed()
    {
        var name = DirectoryFixture.NewName("mika");
        await fx.CreateUserAsync(name, "Mika M", ["requester"], "Sales");
        using var admin = await fx.ClientAsync("admin");

        var patched = await admin.PatchJsonAsync($"/api/users/{name}", new { department = "PMO", roles = new[] { "pmo-analyst" }, managerId = "carol" });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var changed = await fx.Probe.WaitForAsync<PersonChanged>(p => p.UserId == name);
        changed.Version.ShouldBe(2);
        changed.Changed.ShouldBe(["department", "managerId", "roles"], ignoreOrder: true);
        changed.Roles.ShouldBe(["pmo-analyst"]);
        changed.ManagerId.ShouldBe("carol");

        var put = await admin.PutAsJsonAsync($"/api/users/{name}", new { userName = name, displayName = "Mika Mori", email = $"{name}@example.com", department = "PMO", managerId = "carol" });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var second = await fx.Probe.WaitForAsync<PersonChanged>(p => p.UserId == name && p.Version == 3);
        second.Changed.ShouldBe(["displayName"]);
        second.Roles.ShouldBe(["pmo-analyst"]); // PUT without roles keeps them

        // Nothing changed: nothing published, the version stays.
        var same = await admin.PatchJsonAsync($"/api/users/{name}", new { department = "PMO" });
        (await same.ReadJsonAsync()).GetProperty("version").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task Deactivation_refuses_sign_in_at_once_and_kills_refresh_tokens_reactivation_restores()
    {
        var name = DirectoryFixture.NewName("leaver");
        await fx.CreateUserAsync(name, roles: ["agent"]);
        var tokens = await (await fx.PasswordGrantAsync(name, DirectoryFixture.GoodPassword, "openid roles offline_access")).ReadJsonAsync();
        var refreshToken = tokens.Str("refresh_token");
        using var own = fx.Service.NewClient(tokens.Str("access_token"));
        (await own.GetAsync("/api/people?limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var admin = await fx.ClientAsync("admin");
        var deactivated = await admin.PostAsync($"/api/users/{name}/deactivate", null);
        deactivated.StatusCode.ShouldBe(HttpStatusCode.OK, await deactivated.Content.ReadAsStringAsync());
        (await deactivated.ReadJsonAsync()).GetProperty("active").GetBoolean().ShouldBeFalse();
        var left = await fx.Probe.WaitForAsync<PersonLeft>(p => p.UserId == name);
        left.Version.ShouldBe(2);
        left.LeftOn.ShouldBe(DateOnly.FromDateTime(DateTime.UtcNow));

        var password = await fx.PasswordGrantAsync(name, DirectoryFixture.GoodPassword);
        await password.ShouldBeOAuthErrorAsync("invalid_grant");
        var refresh = await fx.Service.TokenAsync(("grant_type", "refresh_token"), ("client_id", "platform-cli"), ("refresh_token", refreshToken));
        refresh.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await own.GetAsync("/api/people?limit=1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // its access token is revoked too

        var reactivated = await admin.PostAsync($"/api/users/{name}/reactivate", null);
        reactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == name && p.Version == 3)).Roles.ShouldBe(["agent"]);
        (await fx.PasswordGrantAsync(name, DirectoryFixture.GoodPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_input_is_answered_with_problem_details_and_changes_nothing()
    {
        using var admin = await fx.ClientAsync("admin");
        var name = DirectoryFixture.NewName("bad");

        var invalid = await admin.PostJsonAsync("/api/users", new { userName = "no spaces", roles = new[] { "wizard" }, email = "not-an-address", password = DirectoryFixture.GoodPassword });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await invalid.ReadJsonAsync()).GetProperty("errors");
        errors.TryGetProperty("userName", out _).ShouldBeTrue();
        errors.TryGetProperty("roles", out _).ShouldBeTrue();
        errors.TryGetProperty("email", out _).ShouldBeTrue();

        var weak = await admin.PostJsonAsync("/api/users", new { userName = name, password = "short" });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.ReadJsonAsync()).GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
        (await admin.GetAsync($"/api/users/{name}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // no half-written user

        var unknownManager = await admin.PostJsonAsync("/api/users", new { userName = name, managerId = "nobody-here" });
        unknownManager.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownManager.ReadJsonAsync()).GetProperty("errors").TryGetProperty("managerId", out _).ShouldBeTrue();

        var duplicate = await admin.PostJsonAsync("/api/users", new { userName = "Bob" });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await duplicate.ReadJsonAsync()).Str("code").ShouldBe("duplicate");

        (await admin.GetAsync("/api/users/nobody-here")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsync("/api/users/admin/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_admins_manage_users()
    {
        using var agent = await fx.ClientAsync("bob");
        (await agent.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.PostJsonAsync("/api/users", new { userName = "sneaky" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = fx.Service.NewClient(null);
        (await anonymous.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_an_admin_set_password_unlocks_it()
    {
        var name = DirectoryFixture.NewName("locked");
        await fx.CreateUserAsync(name);
        for (var i = 0; i < 5; i++)
            (await fx.PasswordGrantAsync(name, "Wrong-Passw0rd!")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var locked = await fx.PasswordGrantAsync(name, DirectoryFixture.GoodPassword);
        locked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await locked.ReadJsonAsync()).Str("error_description").ShouldContain("locked");

        using var admin = await fx.ClientAsync("admin");
        (await (await admin.GetAsync($"/api/users/{name}")).ReadJsonAsync()).GetProperty("lockedOutUntil").ValueKind.ShouldBe(JsonValueKind.String);
        (await admin.PostJsonAsync($"/api/users/{name}/password", new { password = "An0ther-Passw0rd!" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fx.PasswordGrantAsync(name, "An0ther-Passw0rd!")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fx.PasswordGrantAsync(name, DirectoryFixture.GoodPassword)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_set_password_link_arrives_by_mail_works_once_and_not_after_expiry()
    {
        var name = DirectoryFixture.NewName("linked");
        var email = $"{name}@example.com";
        await fx.CreateUserAsync(name, email: email);
        using var admin = await fx.ClientAsync("admin");

        var sent = await admin.PostAsync($"/api/users/{name}/password-link", null);
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync());
        var mail = (await fx.Smtp.WaitForAsync(email)).ShouldHaveSingleItem();
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Value);
        link.AbsolutePath.ShouldBe("/account/set-password");

        using var browser = fx.Service.NewBrowser();
        var page = await browser.GetAsync(link.PathAndQuery);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var form = await SetPasswordForm(page, "L1nk-Passw0rd!");
        var done = await browser.PostAsync("/account/set-password", form);
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        (await fx.PasswordGrantAsync(name, "L1nk-Passw0rd!")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Single use: the same link again is refused, on the page and on the form.
        (await browser.GetAsync(link.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.PostAsync("/account/set-password", await SetPasswordForm(page, "Th1rd-Passw0rd!"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.PasswordGrantAsync(name, "Th1rd-Passw0rd!")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Expired: a second link whose time is up.
        (await admin.PostAsync($"/api/users/{name}/password-link", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var second = (await fx.Smtp.WaitForAsync(email, 2)).Select(m => new Uri(LinkPattern().Match(m.TextBody ?? "").Value)).Single(u => u != link);
        await fx.Service.WithDbAsync(db => db.PasswordLinks.Where(l => l.UserId == name && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        (await browser.GetAsync(second.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_create_retried_with_its_Idempotency_Key_makes_one_user_and_gets_the_first_answer()
    {
        var name = DirectoryFixture.NewName("retry");
        using var admin = await fx.ClientAsync("admin");
        var key = Guid.NewGuid().ToString();
        var body = new { userName = name, displayName = "Retry R", email = $"{name}@example.com", roles = new[] { "requester" }, password = DirectoryFixture.GoodPassword };

        var first = await admin.PostJsonAsync("/api/users", body, key);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var again = await admin.PostJsonAsync("/api/users", body, key);
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());

        // The same key with another body is refused and does nothing.
        var other = await admin.PostJsonAsync("/api/users",
            new { userName = name + "x", displayName = "Other", email = $"{name}x@example.com", roles = new[] { "requester" }, password = DirectoryFixture.GoodPassword }, key);
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await fx.Service.WithDbAsync(db => db.Users.CountAsync(u => u.UserName!.StartsWith(name)))).ShouldBe(1);
        (await fx.Service.WithDbAsync(db => db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE type LIKE '%PersonJoined' AND body::text LIKE '%' || {name} || '%'").SingleAsync()))
            .ShouldBe(1);
        await fx.Probe.WaitForAsync<PersonJoined>(p => p.UserId == name);
    }

    private static async Task<FormUrlEncodedContent> SetPasswordForm(HttpResponseMessage page, string password)
    {
        var html = await page.Content.ReadAsStringAsync();
        var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["password"] = password;
        fields["confirm"] = password;
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex(@"http://\S+/account/set-password\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();
}
