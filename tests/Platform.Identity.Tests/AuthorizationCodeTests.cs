using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Identity.Tests;

public partial class AuthorizationCodeTests(IdentityFixture fx) : IClassFixture<IdentityFixture>
{
    private const string RedirectUri = "http://localhost:5173/callback";
    private IdentityInstance Service => fx.Service;

    private static string AuthorizeUrl(string challenge, string state, string scope = "openid profile roles tickets projects offline_access") =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "platform-web",
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });

    [GeneratedRegex("name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    /// <summary>Follows the browser part of the flow: authorize, login page, credentials, back to authorize.</summary>
    private async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string authorizeUrl, string user, string password)
    {
        var authorize = await browser.GetAsync(authorizeUrl);
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var login = authorize.Headers.Location!;
        login.OriginalString.ShouldStartWith("/account/login?");

        var page = await browser.GetAsync(login);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        fields["returnUrl"].ShouldBe(authorizeUrl);

        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["userName"] = user,
            ["password"] = password,
        }));
    }

    /// <summary>With a signed-in browser, asks for a code and returns it (after checking state and issuer).</summary>
    private static async Task<string> CodeAsync(HttpClient browser, string challenge)
    {
        var state = Guid.NewGuid().ToString("N");
        var response = await browser.GetAsync(AuthorizeUrl(challenge, state));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var query = QueryHelpers.ParseQuery(location.Query);
        query["state"].ToString().ShouldBe(state);
        query["iss"].ToString().ShouldBe(IdentityDatabase.Issuer);
        var code = query["code"].ToString();
        code.ShouldNotBeNullOrEmpty();
        return code;
    }

    private Task<HttpResponseMessage> ExchangeAsync(string code, string? verifier)
    {
        var form = new List<(string, string)>
        {
            ("grant_type", "authorization_code"), ("client_id", "platform-web"), ("code", code), ("redirect_uri", RedirectUri),
        };
        if (verifier is not null) form.Add(("code_verifier", verifier));
        return Service.TokenAsync([.. form]);
    }

    [Fact]
    public async Task Code_flow_with_PKCE_signs_the_user_in_and_issues_tokens()
    {
        using var browser = Service.NewBrowser();
        var (verifier, challenge) = Pkce.Create();
        var state = Guid.NewGuid().ToString("N");
        var authorizeUrl = AuthorizeUrl(challenge, state);

        var signedIn = await SignInAsync(browser, authorizeUrl, "carol", IdentityInstance.Password);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        signedIn.Headers.Location!.OriginalString.ShouldBe(authorizeUrl);

        var back = await browser.GetAsync(signedIn.Headers.Location);
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        var callback = back.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var query = QueryHelpers.ParseQuery(callback.Query);
        query["state"].ToString().ShouldBe(state);
        var code = query["code"].ToString();
        code.ShouldNotBeNullOrEmpty();

        var token = await ExchangeAsync(code, verifier);
        token.StatusCode.ShouldBe(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        var body = await token.ReadJsonAsync();
        body.Str("refresh_token").ShouldNotBeNullOrEmpty();
        body.Str("id_token").ShouldNotBeNullOrEmpty();
        var result = await Service.ValidateAsync(body.Str("access_token"));
        result.IsValid.ShouldBeTrue(result.Exception?.ToString());
        result.One("sub").ShouldBe("carol");
        result.All("role").ShouldBe(["pmo-analyst"]);
        result.One("client_id").ShouldBe("platform-web");
        result.Scopes().ShouldContain("projects");

        // A code is good once.
        (await ExchangeAsync(code, verifier)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_huge_max_age_is_no_crash()
    {
        using var browser = Service.NewBrowser();
        var (_, challenge) = Pkce.Create();
        var authorizeUrl = AuthorizeUrl(challenge, "s");
        (await SignInAsync(browser, authorizeUrl, "bob", IdentityInstance.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // max_age beyond TimeSpan's range (long.MaxValue seconds): the sign-in is young enough, the code is issued.
        var back = await browser.GetAsync(QueryHelpers.AddQueryString(authorizeUrl, "max_age", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        back.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        QueryHelpers.ParseQuery(back.Headers.Location.Query)["code"].ToString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_code_is_useless_without_the_right_verifier()
    {
        using var browser = Service.NewBrowser();
        var (verifier, challenge) = Pkce.Create();
        var signedIn = await SignInAsync(browser, AuthorizeUrl(challenge, "s"), "bob", IdentityInstance.Password);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var missing = await ExchangeAsync(await CodeAsync(browser, challenge), verifier: null);
        await missing.ShouldBeOAuthErrorAsync("invalid_request");

        var wrong = await ExchangeAsync(await CodeAsync(browser, challenge), Pkce.Create().Verifier);
        await wrong.ShouldBeOAuthErrorAsync("invalid_grant");

        // The same browser and challenge, with the right verifier: the failures above were the verifier's.
        (await ExchangeAsync(await CodeAsync(browser, challenge), verifier)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Authorization_requests_without_PKCE_are_refused()
    {
        using var browser = Service.NewBrowser();
        var url = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "platform-web", ["response_type"] = "code", ["redirect_uri"] = RedirectUri, ["scope"] = "openid tickets",
        });
        var response = await browser.GetAsync(url);

        // Refused before any login, and answered on the spot: OpenIddict checks code_challenge before it has
        // validated the redirect_uri, so it does not send the error back to the client.
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("error:invalid_request");
        body.ShouldContain("code_challenge");
    }

    [Fact]
    public async Task Wrong_password_on_the_login_page_signs_nobody_in()
    {
        using var browser = Service.NewBrowser();
        var (_, challenge) = Pkce.Create();
        var authorizeUrl = AuthorizeUrl(challenge, "s");

        var failed = await SignInAsync(browser, authorizeUrl, "carol", "wrong-password");
        failed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await failed.Content.ReadAsStringAsync()).ShouldContain("The user name or password is invalid.");

        var again = await browser.GetAsync(authorizeUrl);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.OriginalString.ShouldStartWith("/account/login?");
    }

    [Fact]
    public async Task Login_form_posts_need_the_antiforgery_token()
    {
        using var browser = Service.NewBrowser();
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "carol", ["password"] = IdentityInstance.Password, ["returnUrl"] = "/",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task End_session_signs_the_browser_out()
    {
        using var browser = Service.NewBrowser();
        var (_, challenge) = Pkce.Create();
        (await SignInAsync(browser, AuthorizeUrl(challenge, "s"), "dave", IdentityInstance.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await CodeAsync(browser, challenge);

        var logout = await browser.GetAsync("/connect/endsession?client_id=platform-web&post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost:5173/"));
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        logout.Headers.Location!.ToString().ShouldBe("http://localhost:5173/");

        var after = await browser.GetAsync(AuthorizeUrl(challenge, "s"));
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.ShouldStartWith("/account/login?");
    }

    /// <summary>Signs a new browser in as the user and exchanges a code for the client's tokens.</summary>
    private async Task<JsonElement> TokensInNewBrowserAsync(string user)
    {
        using var browser = Service.NewBrowser();
        return await TokensAsync(browser, user);
    }

    private async Task<JsonElement> TokensAsync(HttpClient browser, string user)
    {
        var (verifier, challenge) = Pkce.Create();
        (await SignInAsync(browser, AuthorizeUrl(challenge, "s"), user, IdentityInstance.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await ExchangeAsync(await CodeAsync(browser, challenge), verifier);
        token.StatusCode.ShouldBe(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        return await token.ReadJsonAsync();
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Service.TokenAsync(("grant_type", "refresh_token"), ("client_id", "platform-web"), ("refresh_token", refreshToken));

    [Fact]
    public async Task Signing_out_revokes_the_clients_refresh_tokens_of_the_person_in_every_browser()
    {
        var laptop = await TokensInNewBrowserAsync("erin");
        using var phoneBrowser = Service.NewBrowser();
        var phone = await TokensAsync(phoneBrowser, "erin");
        var other = await TokensInNewBrowserAsync("alice");
        var renewed = await RefreshAsync(laptop.Str("refresh_token"));
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync());
        var current = (await renewed.ReadJsonAsync()).Str("refresh_token");

        // The laptop's portal signs out with its id token as the hint (a browser without identity's cookie).
        using var browser = Service.NewBrowser();
        var logout = await browser.GetAsync("/connect/endsession?id_token_hint=" + Uri.EscapeDataString(laptop.Str("id_token"))
            + "&post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost:5173/"));
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect, await logout.Content.ReadAsStringAsync());

        foreach (var refresh in new[] { current, phone.Str("refresh_token") })
        {
            var refused = await RefreshAsync(refresh);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
            (await refused.ReadJsonAsync()).Str("error").ShouldBe("invalid_grant");
        }

        // The phone's sign-in with identity has ended too: a new authorization asks for the password.
        var (_, challenge) = Pkce.Create();
        var again = await phoneBrowser.GetAsync(AuthorizeUrl(challenge, "s"));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.OriginalString.ShouldStartWith("/account/login?");

        // Someone else's session is theirs.
        var others = await RefreshAsync(other.Str("refresh_token"));
        others.StatusCode.ShouldBe(HttpStatusCode.OK, await others.Content.ReadAsStringAsync());
    }
}
