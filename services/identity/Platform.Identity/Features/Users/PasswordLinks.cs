using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Data;
using Platform.Identity.Endpoints;
using Platform.ServiceDefaults;

namespace Platform.Identity.Features.Users;

/// <summary>The "Smtp" section: where identity sends set-password links. No Host: no links can be sent.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string From { get; set; } = "platform@platform.local";

    /// <summary>MailKit's SecureSocketOptions: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// Without Smtp:Host, the mail server the platform already names for notifications (Email:Host, Port, Security,
    /// From, Username, Password), so that one SMTP setting serves both.
    /// </summary>
    public void FallBackTo(IConfigurationSection email)
    {
        if (!string.IsNullOrWhiteSpace(Host) || string.IsNullOrWhiteSpace(email["Host"])) return;
        Host = email["Host"];
        if (int.TryParse(email["Port"], System.Globalization.CultureInfo.InvariantCulture, out var port)) Port = port;
        Security = email["Security"] ?? Security;
        From = email["From"] ?? From;
        Username = email["Username"];
        Password = email["Password"];
    }
}

/// <summary>
/// Set-password links: single use, expiring (Identity:PasswordLinkLifetime), sent by e-mail. Only the SHA-256 of the
/// link's token is stored; using it sets the password and spends it in one transaction.
/// </summary>
public sealed class PasswordLinks(
    IdentityStoreDbContext db, UserDirectory directory, IdentitySettings settings, IOptions<SmtpOptions> smtp, TimeProvider clock)
{
    public async Task<(PasswordLinkResponse? Sent, ProblemHttpResult? Problem)> SendAsync(ApplicationUser user, CancellationToken ct)
    {
        var mail = smtp.Value;
        if (string.IsNullOrWhiteSpace(mail.Host))
            return (null, Problems.Unprocessable("mail-not-configured", "No SMTP server is configured (Smtp:Host): set the password directly instead."));
        if (string.IsNullOrWhiteSpace(user.Email))
            return (null, Problems.Unprocessable("no-email", $"User '{user.Id}' has no e-mail address to send the link to."));
        if (!user.Active)
            return (null, Problems.Conflict("inactive", $"User '{user.Id}' is deactivated: reactivate them first."));

        var token = Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var link = new PasswordLink
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + settings.PasswordLinkLifetime,
        };
        db.PasswordLinks.Add(link);
        await db.SaveChangesAsync(ct);

        var url = new Uri(settings.Issuer!, "account/set-password?token=" + token);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(mail.From));
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email));
        message.Subject = "Set your Platform password";
        message.Body = new TextPart("plain")
        {
            Text = $"Hello {user.DisplayName},\n\nSet your password for the user name '{user.UserName}' here (the link works once, "
                + $"until {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC):\n\n{url}\n",
        };
        try
        {
            using var client = new SmtpClient { Timeout = 15_000 };
            await client.ConnectAsync(mail.Host, mail.Port, Enum.Parse<SecureSocketOptions>(mail.Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(mail.Username)) await client.AuthenticateAsync(mail.Username, mail.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or SslHandshakeException or TimeoutException)
        {
            db.PasswordLinks.Remove(link);
            await db.SaveChangesAsync(ct);
            return (null, Problems.Unprocessable("mail-failed", $"The link could not be sent: {e.Message}"));
        }

        return (new PasswordLinkResponse(user.Email, link.ExpiresAt), null);
    }

    /// <summary>The user a link is still good for (unused, unexpired), or null.</summary>
    public async Task<ApplicationUser?> HolderAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        var userId = await db.PasswordLinks.Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .Select(l => l.UserId).FirstOrDefaultAsync(ct);
        return userId is null ? null : await directory.FindAsync(userId, ct) is { Active: true } user ? user : null;
    }

    /// <summary>Spends the link and sets the password, together; null when done, else why not.</summary>
    public async Task<string?> UseAsync(string? token, string? password, CancellationToken ct)
    {
        if (await HolderAsync(token, ct) is not { } user) return Spent;
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var hash = Hash(token!);
        var now = clock.GetUtcNow();
        var spent = await db.PasswordLinks.Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
        if (spent != 1) return Spent;
        if (await directory.SetPasswordAsync(user, password, ct) is { } failure) return failure.Message;
        await transaction.CommitAsync(ct);
        return null;
    }

    public const string Spent = "This link is no longer valid: it was used already or has expired. Ask an administrator for a new one.";

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}

/// <summary>The page a set-password link opens: /account/set-password?token=…</summary>
public static class PasswordLinkPages
{
    public sealed class SetPasswordForm
    {
        public string? Token { get; set; }

        public string? Password { get; set; }

        public string? Confirm { get; set; }
    }

    public static IEndpointRouteBuilder MapPasswordLinkPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").WithTags("Account").ExcludeFromDescription();
        group.MapGet("/set-password", Show);
        group.MapPost("/set-password", Submit);
        return app;
    }

    private static async Task<ContentHttpResult> Show(HttpContext http, IAntiforgery antiforgery, PasswordLinks links,
        [FromQuery] string? token, CancellationToken ct) =>
        await links.HolderAsync(token, ct) is { } user
            ? Form(http, antiforgery, token!, user.UserName!, error: null, StatusCodes.Status200OK)
            : HtmlPage.Render("Set password", $"<p class=\"error\" role=\"alert\">{HtmlPage.Encode(PasswordLinks.Spent)}</p>", StatusCodes.Status400BadRequest);

    private static async Task<ContentHttpResult> Submit([FromForm] SetPasswordForm form, HttpContext http, IAntiforgery antiforgery,
        PasswordLinks links, CancellationToken ct)
    {
        if (await links.HolderAsync(form.Token, ct) is not { } user)
            return HtmlPage.Render("Set password", $"<p class=\"error\" role=\"alert\">{HtmlPage.Encode(PasswordLinks.Spent)}</p>", StatusCodes.Status400BadRequest);
        if (form.Password != form.Confirm)
            return Form(http, antiforgery, form.Token!, user.UserName!, "The two passwords differ.", StatusCodes.Status400BadRequest);
        if (await links.UseAsync(form.Token, form.Password, ct) is { } error)
            return Form(http, antiforgery, form.Token!, user.UserName!, error, StatusCodes.Status400BadRequest);
        return HtmlPage.Render("Password set", "<p class=\"ok\">Your password is set. You can now <a href=\"/account/login\">sign in</a>.</p>", StatusCodes.Status200OK);
    }

    private static ContentHttpResult Form(HttpContext http, IAntiforgery antiforgery, string token, string userName, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{HtmlPage.Encode(error)}</p>";
        return HtmlPage.Render("Set password", $"""
            <p>User name: <strong>{HtmlPage.Encode(userName)}</strong></p>
            {message}
            <form method="post" action="/account/set-password">
              <input type="hidden" name="{HtmlPage.Encode(tokens.FormFieldName)}" value="{HtmlPage.Encode(tokens.RequestToken)}">
              <input type="hidden" name="token" value="{HtmlPage.Encode(token)}">
              <label>New password <input name="password" type="password" autocomplete="new-password" required autofocus></label>
              <label>Repeat it <input name="confirm" type="password" autocomplete="new-password" required></label>
              <button type="submit">Set password</button>
            </form>
            """, status);
    }
}
