using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Platform.Identity.Endpoints;

/// <summary>
/// The sign-in page of the authorization code flow: a plain server-rendered form. A successful sign-in sets the
/// Identity cookie and goes back to the authorization request that sent the user here.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").WithTags("Account").ExcludeFromDescription();
        group.MapGet("/login", LoginPage);
        group.MapPost("/login", Login);
        return app;
    }

    public sealed class LoginForm
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }
    }

    private static ContentHttpResult LoginPage(HttpContext http, IAntiforgery antiforgery, [FromQuery] string? returnUrl) =>
        Page(http, antiforgery, returnUrl, userName: null, error: null, StatusCodes.Status200OK);

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> Login(
        [FromForm] LoginForm form, HttpContext http, IAntiforgery antiforgery,
        UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
    {
        var user = string.IsNullOrWhiteSpace(form.UserName) ? null : await users.FindByNameAsync(form.UserName.Trim());
        var result = user is null
            ? SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            var error = result.IsLockedOut
                ? "Too many failed attempts: the account is locked for a few minutes."
                : "The user name or password is invalid.";
            return Page(http, antiforgery, form.ReturnUrl, form.UserName, error, StatusCodes.Status400BadRequest);
        }

        // Only back into this server: never an open redirect.
        return TypedResults.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/account/login?signedIn=1");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static ContentHttpResult Page(
        HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? userName, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var signedIn = http.User.Identity?.IsAuthenticated == true && string.IsNullOrEmpty(returnUrl)
            ? $"<p class=\"ok\">Signed in as {Encode(http.User.Identity.Name)}.</p>"
            : "";
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{Encode(error)}</p>";
        return HtmlPage.Render("Sign in", $"""
              {signedIn}{message}
              <form method="post" action="/account/login">
                <input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">
                <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
                <label>User name <input name="userName" autocomplete="username" value="{Encode(userName)}" required autofocus></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">Sign in</button>
              </form>
            """, status);
    }

    private static string Encode(string? value) => HtmlPage.Encode(value);
}
