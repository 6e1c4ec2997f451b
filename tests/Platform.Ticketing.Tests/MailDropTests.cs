using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Platform.Ticketing.Jobs;

namespace Platform.Ticketing.Tests;

/// <summary>Ticketing reading the help desk's mail from a real SMTP server's Maildir (aiosmtpd).</summary>
public sealed class MailFixture() : ServiceFixture<Program, TicketingDbContext>("Ticketing", ("bob", "agent"), typeof(TicketCreated)), IAsyncLifetime
{
    public SmtpSink Smtp { get; private set; } = null!;
    public string Address { get; } = $"helpdesk-{Guid.NewGuid():N}"[..18] + "@platform.test";

    public new async ValueTask InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        await base.InitializeAsync();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => new Dictionary<string, string?>
    {
        [TicketingFixture.LearnPeopleFromTokens.Key] = TicketingFixture.LearnPeopleFromTokens.Value,
        ["Inbound:Mail:Maildir"] = Smtp.Maildir,
        ["Inbound:Mail:Address"] = Address,
        ["Inbound:Mail:PollInterval"] = "00:00:00.200",
        ["Inbound:Mail:Senders:erin@example.test"] = "erin",
    };

    public async Task SendAsync(string from, string subject, string body, string? messageId = null, string? to = null, bool urgent = false)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to ?? Address));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        if (messageId is not null) message.MessageId = messageId;
        if (urgent) message.Importance = MessageImportance.High;
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Smtp.Host, Smtp.Port, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }
}

public class MailDropTests(MailFixture fx) : IClassFixture<MailFixture>
{
    private Task<InboundMail?> RecordOfAsync(string messageId) =>
        fx.WithDbAsync(db => db.Set<InboundMail>().AsNoTracking().FirstOrDefaultAsync(m => m.MessageId == messageId));

    private async Task<JsonElement> TicketAsync(Guid id) => await (await fx.Http.GetAsync($"/api/tickets/{id}")).ReadJsonAsync();

    /// <summary>Waits until every message to the help desk has left new/ (taken, or found to be a repeat).</summary>
    private Task AllTakenAsync() => Eventually.GetAsync(() => Task.FromResult(fx.Smtp.MessagesTo(fx.Address).Count), n => n == 0);

    /// <summary>
    /// Two ticketing processes reading one Maildir (two replicas): each mail opens one ticket, also when the sending
    /// server delivers some of them twice.
    /// </summary>
    [Fact]
    public async Task Two_instances_reading_one_maildir_open_each_ticket_once()
    {
        await using var twin = fx.Service.WithWebHostBuilder(_ => { });
        twin.Services.GetServices<IHostedService>().OfType<MailDrop>().ShouldHaveSingleItem(); // the second process reads too

        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, 12).Select(_ => $"<{Guid.NewGuid():N}@example.test>").ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            await fx.SendAsync("Erin <erin@example.test>", $"Twin {tag} mail {i}", "Both help desk readers see this.", ids[i]);
            if (i % 3 == 0) await fx.SendAsync("Erin <erin@example.test>", $"Twin {tag} mail {i}", "Both help desk readers see this.", ids[i]);
        }

        await AllTakenAsync();
        foreach (var id in ids)
            (await Eventually.GetAsync(() => RecordOfAsync(id.Trim('<', '>')), r => r is not null))!.Outcome.ShouldBe("created");
        var titles = await fx.WithDbAsync(db => db.Tickets.Where(t => t.Title.StartsWith($"Twin {tag} ")).Select(t => t.Title).ToListAsync());
        titles.Count.ShouldBe(ids.Count);
        titles.Distinct().Count().ShouldBe(ids.Count);
    }

    [Fact]
    public async Task A_mail_opens_a_ticket_once_and_the_requesters_reply_becomes_a_comment()
    {
        var id = $"<{Guid.NewGuid():N}@example.test>";
        var subject = $"Printer on floor 2 prints blank pages {Guid.NewGuid():N}"[..48];
        await fx.SendAsync("Erin <erin@example.test>", subject, "Since this morning every page comes out blank.", id, urgent: true);

        var record = await Eventually.GetAsync(() => RecordOfAsync(id.Trim('<', '>')), r => r is not null);
        record!.Outcome.ShouldBe("created");
        var ticket = await TicketAsync(record.TicketId);
        ticket.Str("title").ShouldBe(subject);
        ticket.Str("description").ShouldContain("every page comes out blank");
        ticket.Str("requester").ShouldBe("erin");
        ticket.Str("category").ShouldBe("email");
        ticket.Str("urgency").ShouldBe("High");
        var key = ticket.Str("key");
        (await fx.Bus.WaitForAsync<TicketCreated>(e => e.TicketId == record.TicketId)).Requester.ShouldBe("erin");

        // The same message delivered again (a retry by the sending server) changes nothing.
        await fx.SendAsync("Erin <erin@example.test>", subject, "Since this morning every page comes out blank.", id);
        await AllTakenAsync();
        (await fx.WithDbAsync(db => db.Tickets.CountAsync(t => t.Title == subject))).ShouldBe(1);

        // Her answer, threaded by the key in the subject, is a public comment by her.
        var reply = $"<{Guid.NewGuid():N}@example.test>";
        await fx.SendAsync("erin@example.test", $"Re: [{key}] {subject}", "It also happens on the colour printer.", reply);
        (await Eventually.GetAsync(() => RecordOfAsync(reply.Trim('<', '>')), r => r is not null))!.Outcome.ShouldBe("commented");
        var full = await TicketAsync(record.TicketId);
        var comment = full.GetProperty("comments").EnumerateArray().ShouldHaveSingleItem();
        comment.Str("author").ShouldBe("erin");
        comment.Str("body").ShouldContain("colour printer");
        comment.Str("kind").ShouldBe("Public");
    }

    [Fact]
    public async Task Strangers_get_their_own_ticket_and_mail_for_others_is_left_alone()
    {
        // Someone else quoting erin's ticket key does not write on her ticket: it is a ticket of their own.
        var erins = $"<{Guid.NewGuid():N}@example.test>";
        await fx.SendAsync("erin@example.test", "VPN drops every hour", "Details inside.", erins);
        var hers = await Eventually.GetAsync(() => RecordOfAsync(erins.Trim('<', '>')), r => r is not null);
        var key = (await TicketAsync(hers!.TicketId)).Str("key");

        var strangers = $"<{Guid.NewGuid():N}@elsewhere.test>";
        await fx.SendAsync("Sam <Sam@Elsewhere.test>", $"Re: [{key}] VPN drops every hour", "Me too!", strangers);
        var theirs = await Eventually.GetAsync(() => RecordOfAsync(strangers.Trim('<', '>')), r => r is not null);
        theirs!.Outcome.ShouldBe("created");
        theirs.TicketId.ShouldNotBe(hers.TicketId);
        (await TicketAsync(theirs.TicketId)).Str("requester").ShouldBe("sam@elsewhere.test");

        // A message to another mailbox on the same server is not the help desk's: it stays where it is.
        var other = $"someone-{Guid.NewGuid():N}"[..20] + "@platform.test";
        await fx.SendAsync("erin@example.test", "Lunch?", "Noon?", to: other);
        await fx.Smtp.WaitForAsync(other);
        await AllTakenAsync();
        await Task.Delay(600);
        fx.Smtp.MessagesTo(other).Count.ShouldBe(1);
        (await fx.WithDbAsync(db => db.Tickets.CountAsync(t => t.Title == "Lunch?"))).ShouldBe(0);
    }
}
