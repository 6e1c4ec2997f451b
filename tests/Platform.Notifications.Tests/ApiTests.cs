namespace Platform.Notifications.Tests;

[Collection(nameof(NotificationsCollection))]
public sealed class ApiTests(NotificationsFixture f)
{
    [Fact]
    public async Task Every_route_needs_a_token_and_the_right_role()
    {
        var anonymous = f.WithToken(null);
        foreach (var path in new[] { "/api/inbox", "/api/notification-preferences", "/api/subscriptions", "/api/deliveries", "/api/events", "/api/notification-rules" })
            (await anonymous.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);

        var requester = f.As("req-" + Guid.NewGuid().ToString("N")[..6], "requester");
        (await requester.GetAsync("/api/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var path in new[] { "/api/subscriptions", "/api/deliveries", "/api/events", "/api/notification-rules" })
            (await requester.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);

        var noScope = f.WithToken(f.Tokens.Token("x", ["admin"], scopes: ["tickets"]));
        (await noScope.GetAsync("/api/inbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_subscriptions_are_400_with_the_fields_named()
    {
        var tool = f.Tool("tool-bad");
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { url = "ftp://example.test/x", eventTypes = new[] { "*" } }, "url"),
                     (new { url = "/relative", eventTypes = new[] { "*" } }, "url"),
                     (new { url = "http://user:pw@example.test/", eventTypes = new[] { "*" } }, "url"),
                     (new { url = "https://example.test/x", eventTypes = Array.Empty<string>() }, "eventTypes"),
                     (new { url = "https://example.test/x", eventTypes = new[] { "NoSuchEvent" } }, "eventTypes"),
                     (new { url = "https://example.test/x", eventTypes = new[] { "*" }, secret = "short" }, "secret"),
                 })
        {
            var response = await tool.PostJsonAsync("/api/subscriptions", body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        var malformed = await tool.PostRawAsync("/api/subscriptions", "{ not json");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tool.GetAsync("/api/subscriptions/not-a-guid")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await tool.GetAsync("/api/subscriptions?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tool.GetAsync("/api/deliveries/12345678")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await tool.GetAsync("/api/deliveries?status=Nope")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tool.GetAsync("/api/events?days=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tool.PostJsonAsync("/api/events/replay", new { days = 400 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tool.PostJsonAsync("/api/events/replay", new { days = 1 })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_integration_client_sees_only_its_own_subscriptions_and_admins_see_all()
    {
        var a = f.Tool("tool-a-" + Guid.NewGuid().ToString("N")[..6]);
        var b = f.Tool("tool-b-" + Guid.NewGuid().ToString("N")[..6]);
        var created = await a.PostJsonAsync("/api/subscriptions", new { url = "https://a.example.test/hook", eventTypes = new[] { "projects.*" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.ReadJsonAsync();
        body.Str("secret").ShouldStartWith("whsec_");
        var id = body.Str("id");

        (await a.GetAsync($"/api/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await a.GetAsync($"/api/subscriptions/{id}")).ReadJsonAsync()).GetProperty("secret").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await b.GetAsync($"/api/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.DeleteAsync($"/api/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await b.GetAsync("/api/subscriptions")).ReadJsonAsync()).GetProperty("items").EnumerateArray().Any(s => s.Str("id") == id).ShouldBeFalse();
        (await f.Http.GetAsync($"/api/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var update = await a.PutAsync($"/api/subscriptions/{id}", System.Net.Http.Json.JsonContent.Create(new
        {
            url = "https://a.example.test/v2", eventTypes = new[] { "ProjectEscalationRaised" }, filters = new { severities = new[] { "Critical" } },
        }));
        update.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await update.ReadJsonAsync()).GetProperty("filters").GetProperty("severities")[0].GetString().ShouldBe("Critical");
        (await a.PostAsync($"/api/subscriptions/{id}/pause", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await a.PostAsync($"/api/subscriptions/{id}/redeliver", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await a.DeleteAsync($"/api/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Preferences_are_per_person_and_validated()
    {
        var me = f.As("pref-" + Guid.NewGuid().ToString("N")[..6], "agent");
        var defaults = await (await me.GetAsync("/api/notification-preferences")).ReadJsonAsync();
        defaults.GetProperty("inbox").GetBoolean().ShouldBeTrue();
        defaults.GetProperty("digest").GetBoolean().ShouldBeFalse();

        var put = await me.PutAsync("/api/notification-preferences", System.Net.Http.Json.JsonContent.Create(new
        {
            email = false, digest = true, quietFrom = "22:00", quietTo = "07:00", timeZone = "Europe/Berlin", emailAddress = "me@example.test",
        }));
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var saved = await (await me.GetAsync("/api/notification-preferences")).ReadJsonAsync();
        saved.Str("quietFrom").ShouldBe("22:00");
        saved.Str("timeZone").ShouldBe("Europe/Berlin");
        saved.GetProperty("email").GetBoolean().ShouldBeFalse();

        var bad = await me.PutAsync("/api/notification-preferences", System.Net.Http.Json.JsonContent.Create(new
        {
            quietFrom = "25:00", quietTo = "07:00", timeZone = "Mars/Olympus", emailAddress = "not-an-address",
        }));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        errors.TryGetProperty("quietFrom", out _).ShouldBeTrue();
        errors.TryGetProperty("timeZone", out _).ShouldBeTrue();
        errors.TryGetProperty("emailAddress", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_empty_email_address_clears_it()
    {
        // The portal's preferences form sends the address as typed: empty clears it (it was refused as not an address).
        var me = f.As("pref-" + Guid.NewGuid().ToString("N")[..6], "requester");
        (await me.PutAsync("/api/notification-preferences", System.Net.Http.Json.JsonContent.Create(new { emailAddress = "me@example.test" })))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var cleared = await me.PutAsync("/api/notification-preferences", System.Net.Http.Json.JsonContent.Create(new
        {
            inbox = true, email = false, digest = false, quietFrom = "", quietTo = "", timeZone = "UTC", emailAddress = "",
        }));
        cleared.StatusCode.ShouldBe(HttpStatusCode.OK);
        var saved = await (await me.GetAsync("/api/notification-preferences")).ReadJsonAsync();
        saved.GetProperty("emailAddress").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        saved.GetProperty("quietFrom").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Rules_are_read_by_integrations_and_changed_by_admins_only()
    {
        var rules = await (await f.Http.GetAsync("/api/notification-rules")).ReadJsonAsync();
        rules.GetArrayLength().ShouldBeGreaterThanOrEqualTo(9);

        var cio = await f.JoinAsync("cio-" + Guid.NewGuid().ToString("N")[..6], ["admin"]);
        var body = new { name = "Critical escalations to the CIO", eventTypes = new[] { "ProjectEscalationRaised" },
            filters = new { severities = new[] { "Critical" } }, users = new[] { cio }, channels = new[] { "Inbox" } };
        (await f.Tool("tool-r").PostJsonAsync("/api/notification-rules", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var created = await f.Http.PostJsonAsync("/api/notification-rules", body);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync()).Str("id");

        var bad = await f.Http.PostJsonAsync("/api/notification-rules", new { name = "", eventTypes = new[] { "Nope" }, channels = Array.Empty<string>() });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "name", "eventTypes", "channels", "roles" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await f.Http.PostRawAsync("/api/notification-rules", """{"name":"x","eventTypes":["*"],"channels":["Pigeon"],"users":["a"]}"""))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await f.Http.DeleteAsync($"/api/notification-rules/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await f.Http.DeleteAsync($"/api/notification-rules/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_event_catalogue_lists_types_with_their_CloudEvents_names()
    {
        var types = await (await f.Tool("tool-t").GetAsync("/api/events/types")).ReadJsonAsync();
        types.EnumerateArray().ShouldContain(t => t.Str("name") == "ProjectEscalationRaised" && t.Str("cloudEventType") == "platform.projects.ProjectEscalationRaised");
    }
}
