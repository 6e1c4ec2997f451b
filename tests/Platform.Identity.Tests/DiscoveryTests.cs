namespace Platform.Identity.Tests;

public class DiscoveryTests(IdentityFixture fx) : IClassFixture<IdentityFixture>
{
    private static string[] Strings(JsonElement document, string property) =>
        document.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task Discovery_document_names_the_configured_issuer_its_endpoints_and_flows()
    {
        var response = await fx.Service.Http.GetAsync("/.well-known/openid-configuration");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await response.ReadJsonAsync();

        document.Str("issuer").ShouldBe(IdentityDatabase.Issuer);
        document.Str("authorization_endpoint").ShouldBe("http://localhost/connect/authorize");
        document.Str("token_endpoint").ShouldBe("http://localhost/connect/token");
        document.Str("userinfo_endpoint").ShouldBe("http://localhost/connect/userinfo");
        document.Str("end_session_endpoint").ShouldBe("http://localhost/connect/endsession");
        document.Str("jwks_uri").ShouldBe("http://localhost/.well-known/jwks");
        Strings(document, "grant_types_supported").ShouldBe(
            ["password", "client_credentials", "authorization_code", "refresh_token"], ignoreOrder: true);
        Strings(document, "code_challenge_methods_supported").ShouldBe(["S256"]);
        Strings(document, "scopes_supported").ShouldBe(
            ["openid", "profile", "email", "roles", "offline_access", "tickets", "projects", "assets", "notifications", "scim"], ignoreOrder: true);
        Strings(document, "id_token_signing_alg_values_supported").ShouldContain("RS256");
    }

    [Fact]
    public async Task Issuer_and_endpoints_ignore_the_host_the_request_arrived_on()
    {
        // As behind the gateway, which does not forward the public Host: the service sees its internal address.
        var document = await (await fx.Service.Http.GetAsync("http://identity.internal:8080/.well-known/openid-configuration")).ReadJsonAsync();

        document.Str("issuer").ShouldBe(IdentityDatabase.Issuer);
        document.Str("token_endpoint").ShouldBe("http://localhost/connect/token");
        document.Str("jwks_uri").ShouldBe("http://localhost/.well-known/jwks");

        // And the endpoints still answer at the internal address.
        (await fx.Service.Http.GetAsync("http://identity.internal:8080/.well-known/jwks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Jwks_publishes_one_RS256_signing_key_and_no_private_part()
    {
        var jwks = await (await fx.Service.Http.GetAsync("/.well-known/jwks")).ReadJsonAsync();
        var key = jwks.GetProperty("keys").EnumerateArray().ShouldHaveSingleItem();
        key.Str("kty").ShouldBe("RSA");
        key.Str("use").ShouldBe("sig");
        key.Str("alg").ShouldBe("RS256");
        key.Str("kid").ShouldNotBeNullOrWhiteSpace();
        key.TryGetProperty("d", out _).ShouldBeFalse();
    }
}
