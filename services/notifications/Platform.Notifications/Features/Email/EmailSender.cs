using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Platform.Notifications.Features.Email;

/// <summary>Sends e-mails over SMTP with MailKit (host, port, TLS mode and credentials from the "Email" section), one connection per batch.</summary>
public sealed class EmailSender(IOptions<EmailOptions> options)
{
    public static MimeMessage Build(EmailOptions settings, string to, string subject, string text, string html)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    public async Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct)
    {
        var settings = options.Value;
        var results = new SendResult[messages.Count];
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(settings.Username)) await client.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failed = new SendResult(false, null, Templates.Clip($"SMTP {settings.Host}:{settings.Port}: {ex.Message}", Lengths.Long),
                (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return Enumerable.Repeat(failed, messages.Count).ToList();
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var one = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await client.SendAsync(messages[i], ct);
                results[i] = new SendResult(true, 250, null, (int)System.Diagnostics.Stopwatch.GetElapsedTime(one).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException)
            {
                results[i] = new SendResult(false, ex is SmtpCommandException c ? (int)c.StatusCode : null, Templates.Clip(ex.Message, Lengths.Long),
                    (int)System.Diagnostics.Stopwatch.GetElapsedTime(one).TotalMilliseconds);
                if (!client.IsConnected)
                {
                    for (var j = i + 1; j < messages.Count; j++) results[j] = new SendResult(false, null, "SMTP connection lost.", 0);
                    return results;
                }
            }
        }

        try { await client.DisconnectAsync(true, ct); } catch (Exception ex) when (ex is not OperationCanceledException) { /* sent already */ }
        return results;
    }
}
