using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Platform.Notifications.Features.Email;

/// <summary>
/// Sends e-mails over SMTP with MailKit (host, port, TLS mode and credentials from the "Email" section). A batch goes
/// over one connection, and the connection stays open for the next batch while it is idle for less than
/// Email:KeepAlive (0: closed after each batch, as before). Opening, greeting, TLS, authenticating and saying goodbye
/// were more than half of what a mail cost when one batch carried one mail. A kept connection the server has meanwhile
/// closed (its idle timeout, a restart, 421) fails on the batch's first message before the server took it: that
/// message is sent again over a new connection. Connections idle longer are closed by a sweep, and all on stop.
/// </summary>
public sealed class EmailSender : IAsyncDisposable
{
    private readonly IOptions<EmailOptions> _options;
    private readonly TimeProvider _clock;
    private readonly List<(SmtpClient Client, DateTimeOffset Since)> _idle = [];
    private readonly ITimer? _sweep;
    private bool _disposed;

    public EmailSender(IOptions<EmailOptions> options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        var keepAlive = options.Value.KeepAlive;
        if (keepAlive > TimeSpan.Zero) _sweep = clock.CreateTimer(_ => _ = CloseIdleAsync(expiredOnly: true), null, keepAlive, keepAlive);
    }

    public static MimeMessage Build(EmailOptions settings, string to, string subject, string text, string html)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    /// <summary>Open kept connections, idle now (for tests and diagnostics).</summary>
    public int IdleConnections
    {
        get
        {
            lock (_idle) return _idle.Count;
        }
    }

    public async Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct)
    {
        var settings = _options.Value;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var client = TakeIdle();
        var reused = client is not null;
        if (client is null)
        {
            var (opened, error) = await ConnectAsync(settings, ct);
            if (opened is null) return Failed(messages.Count, settings, error!, started);
            client = opened;
        }

        var results = new SendResult[messages.Count];
        try
        {
            for (var i = 0; i < messages.Count; i++)
            {
                var one = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await client.SendAsync(messages[i], ct);
                    results[i] = new SendResult(true, 250, null, (int)System.Diagnostics.Stopwatch.GetElapsedTime(one).TotalMilliseconds);
                    reused = false; // this connection works: a later failure is the message's own
                }
                catch (Exception ex) when (reused && ClosedMeanwhile(ex))
                {
                    // The kept connection was closed by the server while it was idle; the server did not take this message.
                    reused = false;
                    Close(client);
                    var (fresh, error) = await ConnectAsync(settings, ct);
                    if (fresh is null)
                    {
                        var failed = Failed(messages.Count - i, settings, error!, started);
                        for (var j = i; j < messages.Count; j++) results[j] = failed[j - i];
                        return results;
                    }
                    client = fresh;
                    i--;
                }
                catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException)
                {
                    results[i] = new SendResult(false, ex is SmtpCommandException c ? (int)c.StatusCode : null, Templates.Clip(ex.Message, Lengths.Long),
                        (int)System.Diagnostics.Stopwatch.GetElapsedTime(one).TotalMilliseconds);
                    if (!client.IsConnected)
                    {
                        for (var j = i + 1; j < messages.Count; j++) results[j] = new SendResult(false, null, "SMTP connection lost.", 0);
                        client.Dispose();
                        return results;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            Close(client);
            throw;
        }

        await ReleaseAsync(client, settings);
        return results;
    }

    /// <summary>A failure that says the connection is gone, not that the server refused the message.</summary>
    private static bool ClosedMeanwhile(Exception ex) =>
        ex is IOException or SmtpProtocolException or ServiceNotConnectedException
            or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private static async Task<(SmtpClient? Client, string? Error)> ConnectAsync(EmailOptions settings, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(settings.Username)) await client.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
            return (client, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            client.Dispose();
            return (null, ex.Message);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SendResult[] Failed(int count, EmailOptions settings, string error, long started)
    {
        var failed = new SendResult(false, null, Templates.Clip($"SMTP {settings.Host}:{settings.Port}: {error}", Lengths.Long),
            (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Enumerable.Repeat(failed, count).ToArray();
    }

    /// <summary>The most recently used connection still inside Email:KeepAlive, or null; older ones are closed.</summary>
    private SmtpClient? TakeIdle()
    {
        var keepAlive = _options.Value.KeepAlive;
        if (keepAlive <= TimeSpan.Zero) return null;
        var now = _clock.GetUtcNow();
        lock (_idle)
        {
            while (_idle.Count > 0)
            {
                var (client, since) = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                if (now - since < keepAlive && client.IsConnected) return client;
                Close(client);
            }
        }
        return null;
    }

    private async Task ReleaseAsync(SmtpClient client, EmailOptions settings)
    {
        if (settings.KeepAlive > TimeSpan.Zero && client.IsConnected)
        {
            lock (_idle)
            {
                if (!_disposed)
                {
                    _idle.Add((client, _clock.GetUtcNow()));
                    return;
                }
            }
        }
        await QuitAsync(client);
    }

    /// <summary>Closes the idle connections: those past Email:KeepAlive, or all.</summary>
    private async Task CloseIdleAsync(bool expiredOnly)
    {
        var closing = new List<SmtpClient>();
        var now = _clock.GetUtcNow();
        lock (_idle)
        {
            for (var i = _idle.Count - 1; i >= 0; i--)
            {
                if (expiredOnly && now - _idle[i].Since < _options.Value.KeepAlive) continue;
                closing.Add(_idle[i].Client);
                _idle.RemoveAt(i);
            }
        }
        await Task.WhenAll(closing.Select(QuitAsync));
    }

    /// <summary>Says goodbye (QUIT) within a few seconds, then closes.</summary>
    private static async Task QuitAsync(SmtpClient client)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await client.DisconnectAsync(true, limit.Token); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { /* sent already; the server may be gone */ }
        finally { client.Dispose(); }
    }

    /// <summary>Closes without a goodbye (the connection is known or likely to be gone).</summary>
    private static void Close(SmtpClient client)
    {
        try { client.Disconnect(false); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { /* already gone */ }
        finally { client.Dispose(); }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_idle) _disposed = true;
        if (_sweep is not null) await _sweep.DisposeAsync();
        await CloseIdleAsync(expiredOnly: false);
    }
}
