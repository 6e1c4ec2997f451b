using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Platform.Identity.Tests;

public class PasswordGrantTests(IdentityFixture fx) : IClassFixture<IdentityFixture>
{
    private IdentityInstance Service => fx.Service;

    [Theory]
    [InlineData("alice", "requester")]
    [InlineData("erin", "requester")]
    [InlineData("bob", "agent")]
    [InlineData("carol", "pmo-analyst")]
    [InlineData("dave", "pso-staff")]
    [InlineData("admin", "admin")]
    public async Task Each_demo_user_gets_a_signed_access_token_for_the_platform_api(string user, string role)
    {
        var response = await Service.PasswordTokenAsync(user);
        response.Str("token_type").ShouldBe("Bearer");
        var accessToken = response.Str("access_token");

        var result = await Service.ValidateAsync(accessToken);
        result.IsValid.ShouldBeTrue(result.Exception?.ToString());

        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.Alg.ShouldBe("RS256");
        jwt.Typ.ShouldBe("at+jwt");
        jwt.Audiences.ShouldBe(["platform-api"]);
        jwt.Issuer.ShouldBe(IdentityDatabase.Issuer);
        (jwt.ValidTo - jwt.IssuedAt).TotalMinutes.ShouldBe(15, tolerance: 0.1);
        result.One("sub").ShouldBe(user);
        result.One("name").ShouldBe(user);
        result.All("role").ShouldBe([role]);
        result.One("client_id").ShouldBe("platform-cli");
        result.Scopes().ShouldContain("tickets");
        result.Scopes().ShouldContain("projects");
        response.GetProperty("expires_in").GetInt32().ShouldBeInRange(895, 900);
    }

    [Fact]
    public async Task Only_the_requested_scopes_are_granted()
    {
        var response = await Service.PasswordTokenAsync("alice", scope: "tickets");
        var result = await Service.ValidateAsync(response.Str("access_token"));

        result.Scopes().ShouldBe(["tickets"]);
        // The API audience does not depend on which API scopes were asked for.
        ((JsonWebToken)result.SecurityToken).Audiences.ShouldBe(["platform-api"]);
        response.TryGetProperty("refresh_token", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_token_from_another_key_is_refused_by_the_validation_the_tests_rely_on()
    {
        // The check above must be able to fail: a token signed by a key this server never published.
        var key = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "foreign" };
        var forged = new JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = IdentityDatabase.Issuer,
            Audience = "platform-api",
            Claims = new Dictionary<string, object> { ["sub"] = "alice", ["role"] = "admin" },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, "RS256"),
        });
        (await Service.ValidateAsync(forged)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task Wrong_password_is_invalid_grant()
    {
        var response = await Service.PasswordGrantAsync("bob", "not-the-password", "tickets");

        await response.ShouldBeOAuthErrorAsync("invalid_grant");
    }

    [Fact]
    public async Task Unknown_user_is_invalid_grant()
    {
        var response = await Service.PasswordGrantAsync("mallory", scope: "tickets");

        await response.ShouldBeOAuthErrorAsync("invalid_grant");
    }

    [Fact]
    public async Task Malformed_token_requests_are_OAuth_errors_not_server_errors()
    {
        var noGrant = await Service.TokenAsync(("client_id", "platform-cli"));
        await noGrant.ShouldBeOAuthErrorAsync("invalid_request");

        var noClient = await Service.TokenAsync(("grant_type", "password"), ("username", "alice"), ("password", IdentityInstance.Password));
        await noClient.ShouldBeOAuthErrorAsync("invalid_client", HttpStatusCode.Unauthorized);

        var unknownClient = await Service.TokenAsync(("grant_type", "password"), ("client_id", "nobody"),
            ("username", "alice"), ("password", IdentityInstance.Password));
        await unknownClient.ShouldBeOAuthErrorAsync("invalid_client", HttpStatusCode.Unauthorized);

        var unknownScope = await Service.PasswordGrantAsync("alice", scope: "billing");
        await unknownScope.ShouldBeOAuthErrorAsync("invalid_scope");
    }

    [Fact]
    public async Task Userinfo_answers_for_the_token_holder()
    {
        var token = (await Service.PasswordTokenAsync("carol", "openid profile roles")).Str("access_token");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Service.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var info = await response.ReadJsonAsync();
        info.Str("sub").ShouldBe("carol");
        info.Str("name").ShouldBe("carol");
        info.GetProperty("role").EnumerateArray().Select(r => r.GetString()).ShouldBe(["pmo-analyst"]);
    }
}
