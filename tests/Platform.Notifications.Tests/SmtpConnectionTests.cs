using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Platform.Notifications.Features.Email;

namespace Platform.Notifications.Tests;

/// <summary>
/// E-mail connections kept open between batches (Email:KeepAlive), against real SMTP servers (aiosmtpd processes of
/// each test's own): which connection carried a message is in the sink's X-Smtp-Connection header.
/// </summary>
public sealed class SmtpConnectionTests
{
    private static EmailSender Sender(SmtpSink sink, TimeSpan keepAlive, TimeProvider? clock = null) =>
        new(Options.Create(new EmailOptions { Enabled = true, Host = sink.Host, Port = sink.Port, Security = "None", KeepAlive = keepAlive }),
            clock ?? TimeProvider.System);

    private static MimeMessage Mail(string to) => EmailSender.Build(new EmailOptions(), to, "Kept", "text", "<p>html</p>");

    private static string Address(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.test";

    /// <summary>Sends one mail as one batch, checks the sender's answer and returns the connection it came over.</summary>
    private static async Task<string> SendOneAsync(EmailSender sender, SmtpSink sink)
    {
        var to = Address("kept");
        var results = await sender.SendAsync([Mail(to)], CancellationToken.None);
        results.Single().Ok.ShouldBeTrue(results.Single().Error);
        var received = (await sink.WaitForAsync(to)).Single();
        return SmtpSink.ConnectionOf(received).ShouldNotBeNull();
    }

    [Fact]
    public async Task Batches_share_one_connection_while_it_is_kept_alive()
    {
        await using var sink = await SmtpSink.StartOwnAsync();
        await using var sender = Sender(sink, TimeSpan.FromMinutes(1));

        var first = await SendOneAsync(sender, sink);
        sender.IdleConnections.ShouldBe(1);
        var second = await SendOneAsync(sender, sink);

        second.ShouldBe(first);
        sender.IdleConnections.ShouldBe(1);
    }

    [Fact]
    public async Task Without_keep_alive_each_batch_has_its_own_connection()
    {
        await using var sink = await SmtpSink.StartOwnAsync();
        await using var sender = Sender(sink, TimeSpan.Zero);

        var first = await SendOneAsync(sender, sink);
        sender.IdleConnections.ShouldBe(0);
        var second = await SendOneAsync(sender, sink);

        second.ShouldNotBe(first);
    }

    /// <summary>
    /// The server goes away and comes back on the same port while the connection is kept: the mail the next batch
    /// sends fails on the dead connection before the server took it, and goes over a new one, not into a retry later.
    /// </summary>
    [Fact]
    public async Task A_kept_connection_the_server_closed_is_replaced_and_the_mail_still_sent()
    {
        var maildir = Path.Combine(Path.GetTempPath(), $"platform-smtp-{Guid.NewGuid():N}");
        try
        {
            var sink = await SmtpSink.StartOwnAsync(maildir: maildir);
            await using var sender = Sender(sink, TimeSpan.FromMinutes(1));
            var first = await SendOneAsync(sender, sink);
            sender.IdleConnections.ShouldBe(1);

            var port = sink.Port;
            await sink.DisposeAsync(); // the process is gone, and the kernel closed its end of the kept connection
            await using var again = await SmtpSink.StartOwnAsync(port: port, maildir: maildir);

            var second = await SendOneAsync(sender, again);
            second.ShouldNotBe(first);
            sender.IdleConnections.ShouldBe(1);
        }
        finally
        {
            Directory.Delete(maildir, recursive: true);
        }
    }

    [Fact]
    public async Task A_connection_idle_past_the_keep_alive_is_closed_and_the_next_batch_opens_another()
    {
        await using var sink = await SmtpSink.StartOwnAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sender = Sender(sink, TimeSpan.FromSeconds(30), clock);

        var first = await SendOneAsync(sender, sink);
        clock.Advance(TimeSpan.FromSeconds(29));
        sender.IdleConnections.ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(2)); // the sweep runs every 30 s and closes what has been idle that long
        await Eventually.GetAsync(() => Task.FromResult(sender.IdleConnections), n => n == 0);

        var second = await SendOneAsync(sender, sink);
        second.ShouldNotBe(first);
    }
}
