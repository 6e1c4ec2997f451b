using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace Platform.Testing;

/// <summary>
/// A real SMTP server for the e-mail tests: the one deploy/local/servers.sh started (PLATFORM_TEST_SMTP=host:port
/// and PLATFORM_TEST_SMTP_MAILDIR), or else an aiosmtpd process of this test run's own (deploy/local/smtp-sink.py,
/// Debian's python3-aiosmtpd). Messages are read back from its maildir.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process? _process;

    private readonly bool _ownMaildir;

    private SmtpSink(string host, int port, string maildir, Process? process, bool ownMaildir = false)
    {
        _ownMaildir = ownMaildir;
        Host = host;
        Port = port;
        Maildir = maildir;
        _process = process;
    }

    public string Host { get; }
    public int Port { get; }
    public string Maildir { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable("PLATFORM_TEST_SMTP");
        var givenDir = Environment.GetEnvironmentVariable("PLATFORM_TEST_SMTP_MAILDIR");
        if (!string.IsNullOrWhiteSpace(given) && !string.IsNullOrWhiteSpace(givenDir))
        {
            var parts = given.Split(':');
            return new SmtpSink(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), givenDir, null);
        }

        return await StartOwnAsync();
    }

    /// <summary>
    /// An aiosmtpd process of this test's own, on <paramref name="port"/> (else a free one) and <paramref name="maildir"/>
    /// (else a new one, deleted on dispose), closing connections idle for <paramref name="idleTimeout"/> (else 300 s).
    /// </summary>
    public static async Task<SmtpSink> StartOwnAsync(int? port = null, string? maildir = null, TimeSpan? idleTimeout = null)
    {
        var script = Path.Combine(Repository.Root, "deploy", "local", "smtp-sink.py");
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var listen = port ?? FreePort();
        var ownDir = maildir is null;
        maildir ??= Path.Combine(Path.GetTempPath(), $"platform-smtp-{Guid.NewGuid():N}");
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var process = Process.Start(new ProcessStartInfo(python, [script, "--host", "127.0.0.1", "--port", listen.ToString(invariant), "--maildir", maildir,
            "--timeout", (idleTimeout ?? TimeSpan.FromSeconds(300)).TotalSeconds.ToString(invariant)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The SMTP sink exited: {await process.StandardError.ReadToEndAsync()} " +
                    "(install python3-aiosmtpd: deploy/local/servers.sh does, or apt-get install -y python3-aiosmtpd).");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", listen);
                return new SmtpSink("127.0.0.1", listen, maildir, process, ownDir);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill();
        throw new TimeoutException("The SMTP sink did not listen within 15 s.");
    }

    /// <summary>The connection a received message came over (the sink's X-Smtp-Connection: the client's address and port).</summary>
    public static string? ConnectionOf(MimeMessage message) => message.Headers["X-Smtp-Connection"];

    /// <summary>The messages received for <paramref name="address"/> so far.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address)
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder)) return [];
        var found = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(file);
            }
            catch (IOException)
            {
                continue; // taken meanwhile by its reader (ticketing's mail drop moves the help desk's mail to cur/)
            }
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase))) found.Add(message);
        }

        return found;
    }

    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var messages = MessagesTo(address);
            if (messages.Count >= count) return messages;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{messages.Count} of {count} e-mails to {address} arrived in time.");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { /* already gone */ }

        _process.Dispose();
        if (_ownMaildir)
            try { Directory.Delete(Maildir, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
