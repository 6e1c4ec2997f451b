using System.Net.Http.Headers;

namespace Platform.Identity.Tests;

public class ClientCredentialsTests(IdentityFixture fx) : IClassFixture<IdentityFixture>
{
    private IdentityInstance Service => fx.Service;

    private Task<HttpResponseMessage> RequestAsync(string secret, string scope)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = IdentityInstance.Form(("grant_type", "client_credentials"), ("scope", scope)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"monitoring-tool:{secret}")));
        return Service.Http.SendAsync(request);
    }

    [Fact]
    public async Task Monitoring_tool_gets_a_tickets_token_as_itself_with_the_integration_role()
    {
        var response = await RequestAsync("monitoring-secret", "tickets");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        body.TryGetProperty("refresh_token", out _).ShouldBeFalse();

        var result = await Service.ValidateAsync(body.Str("access_token"));
        result.IsValid.ShouldBeTrue(result.Exception?.ToString());
        result.One("sub").ShouldBe("monitoring-tool");
        result.One("client_id").ShouldBe("monitoring-tool");
        result.All("role").ShouldBe(["integration"]);
        result.Scopes().ShouldBe(["tickets"]);
    }

    [Fact]
    public async Task Client_secret_in_the_form_works_too()
    {
        var response = await Service.TokenAsync(("grant_type", "client_credentials"), ("client_id", "monitoring-tool"),
            ("client_secret", "monitoring-secret"), ("scope", "tickets"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Projects_scope_is_not_for_the_monitoring_tool()
    {
        var response = await RequestAsync("monitoring-secret", "tickets projects");

        await response.ShouldBeOAuthErrorAsync("invalid_scope");
    }

    [Fact]
    public async Task Wrong_secret_is_invalid_client()
    {
        var response = await RequestAsync("guessed", "tickets");

        await response.ShouldBeOAuthErrorAsync("invalid_client", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_public_client_cannot_use_client_credentials()
    {
        var response = await Service.TokenAsync(("grant_type", "client_credentials"), ("client_id", "platform-cli"), ("scope", "tickets"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // A public client has no secret, and client credentials demand one.
        var error = await response.ReadJsonAsync();
        error.Str("error").ShouldBe("invalid_request");
        error.Str("error_description").ShouldContain("client_secret");
    }
}
