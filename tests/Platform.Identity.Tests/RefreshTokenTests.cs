namespace Platform.Identity.Tests;

public class RefreshTokenTests(IdentityFixture fx) : IClassFixture<IdentityFixture>
{
    private IdentityInstance Service => fx.Service;

    [Fact]
    public async Task Offline_access_gives_a_refresh_token_that_buys_a_new_access_token()
    {
        var first = await Service.PasswordTokenAsync("bob", "openid roles tickets offline_access");
        var refreshToken = first.Str("refresh_token");

        var response = await Service.TokenAsync(("grant_type", "refresh_token"), ("client_id", "platform-cli"), ("refresh_token", refreshToken));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var second = await response.ReadJsonAsync();

        second.Str("access_token").ShouldNotBe(first.Str("access_token"));
        var result = await Service.ValidateAsync(second.Str("access_token"));
        result.IsValid.ShouldBeTrue(result.Exception?.ToString());
        result.One("sub").ShouldBe("bob");
        result.All("role").ShouldBe(["agent"]);
        result.Scopes().ShouldBe(["openid", "roles", "tickets", "offline_access"], ignoreOrder: true);
        // Rolling refresh tokens: a new one comes with every use.
        second.Str("refresh_token").ShouldNotBe(refreshToken);
    }

    [Fact]
    public async Task Refresh_tokens_are_bound_to_their_client_and_cannot_be_forged()
    {
        var refreshToken = (await Service.PasswordTokenAsync("alice", "tickets offline_access")).Str("refresh_token");

        var otherClient = await Service.TokenAsync(("grant_type", "refresh_token"), ("client_id", "platform-web"), ("refresh_token", refreshToken));
        await otherClient.ShouldBeOAuthErrorAsync("invalid_grant");

        var garbage = await Service.TokenAsync(("grant_type", "refresh_token"), ("client_id", "platform-cli"), ("refresh_token", "not-a-token"));
        await garbage.ShouldBeOAuthErrorAsync("invalid_grant");
    }

    [Fact]
    public async Task No_refresh_token_without_offline_access()
    {
        var response = await Service.PasswordTokenAsync("alice", "tickets");
        response.TryGetProperty("refresh_token", out _).ShouldBeFalse();
    }
}
