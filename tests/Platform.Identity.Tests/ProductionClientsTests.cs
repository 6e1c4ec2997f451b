using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Identity.Tests;

/// <summary>
/// Identity without the demo seed (Identity:Seed=false, as in production): the portal's client is registered all the
/// same, so the portal can sign people in, with its redirect addresses under the issuer only; the demo clients and their
/// well-known secrets are not.
/// </summary>
public sealed class ProductionClientsTests
{
    private static string AuthorizeUrl(string redirectUri) =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "platform-web",
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = "openid profile tickets",
            ["state"] = "s",
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ["code_challenge_method"] = "S256",
        });

    [Fact]
    public async Task Without_the_demo_seed_the_portal_client_exists_and_the_demo_clients_do_not()
    {
        await using var database = await IdentityDatabase.CreateAsync();
        database.Extra["Identity:Seed"] = "false";
        await using var identity = await database.StartAsync();

        // The portal's sign-in: a known client, its callback under the issuer accepted (on to the login page).
        var browser = identity.NewBrowser();
        var signIn = await browser.GetAsync(AuthorizeUrl(IdentityDatabase.Issuer + "signin-oidc"));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        signIn.Headers.Location!.OriginalString.ShouldStartWith("/account/login?");

        // A local front end's address is allowed only with the demo seed.
        var local = await browser.GetAsync(AuthorizeUrl("http://localhost:5173/callback"));
        local.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // No command-line client (password grant) and no monitoring client with its well-known local secret.
        var password = await identity.PasswordGrantAsync("alice");
        password.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await password.ReadJsonAsync()).Str("error").ShouldBe("invalid_client");
        var monitoring = await identity.TokenAsync(("grant_type", "client_credentials"), ("client_id", "monitoring-tool"),
            ("client_secret", Platform.Identity.Seeding.DemoData.MonitoringSecret));
        monitoring.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await monitoring.ReadJsonAsync()).Str("error").ShouldBe("invalid_client");
    }
}
