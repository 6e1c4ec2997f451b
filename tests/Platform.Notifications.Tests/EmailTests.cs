using Microsoft.Extensions.DependencyInjection;

namespace Platform.Notifications.Tests;

[Collection(nameof(NotificationsCollection))]
public sealed class EmailTests(NotificationsFixture f)
{
    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<string> WithAddressAsync(string user, object? preferences = null)
    {
        var address = $"{user}@example.test";
        var client = f.As(user, "requester");
        var response = await client.PutAsync("/api/notification-preferences", System.Net.Http.Json.JsonContent.Create(preferences ?? new { emailAddress = address }));
        response.EnsureSuccessStatusCode();
        return address;
    }

    [Fact]
    public async Task A_requester_gets_an_email_in_plain_text_and_HTML_over_SMTP()
    {
        var user = Id("mail");
        var address = await WithAddressAsync(user);
        var key = "HD-" + Random.Shared.Next(1, 99_999);
        await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), key, user));

        var mail = (await f.Smtp.WaitForAsync(address)).Single();
        mail.Subject.ShouldBe($"{key} received: Printer jams");
        mail.TextBody!.ShouldContain($"We have received your ticket {key}");
        mail.HtmlBody!.ShouldContain("<h2>");
        mail.HtmlBody!.ShouldContain(key);
        mail.From.Mailboxes.Single().Address.ShouldBe("notifications@platform.test");
    }

    [Fact]
    public async Task A_rule_naming_a_PSO_member_tells_them_of_a_new_ticket_as_an_onlooker_while_the_requester_hears_of_their_ticket()
    {
        var requester = Id("req");
        var member = Id("pso");
        var requesterAddress = await WithAddressAsync(requester);
        var memberAddress = await WithAddressAsync(member);
        var pso = await f.PersonAsync(member, "pso-staff");
        // Only this test's tickets (by their category) reach the rule, so other tests' tickets do not mail the member.
        var category = Id("kit");
        var rule = await f.Http.PostJsonAsync("/api/notification-rules", new
        {
            name = "New tickets to a PSO member", eventTypes = new[] { "TicketCreated" }, filters = new { categories = new[] { category } },
            users = new[] { member }, channels = new[] { "Inbox", "Email" },
        });
        rule.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());
        var ruleId = (await rule.ReadJsonAsync()).Str("id");
        try
        {
            var key = "HD-" + Random.Shared.Next(1, 99_999);
            var eventId = await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), key, requester) with { Category = category });

            var onlooker = (await f.Smtp.WaitForAsync(memberAddress)).Single();
            onlooker.Subject.ShouldBe($"New ticket {key} from {requester}: Printer jams");
            onlooker.TextBody!.ShouldContain($"{requester} opened ticket {key} \"Printer jams\" (P3, {category}).");
            onlooker.TextBody!.ShouldNotContain("your ticket", Case.Insensitive);
            onlooker.HtmlBody!.ShouldContain($"{requester} opened ticket {key}");
            onlooker.HtmlBody!.ShouldNotContain("your ticket", Case.Insensitive);
            var item = (await Eventually.GetAsync(() => f.InboxAsync(pso),
                p => p.GetProperty("items").EnumerateArray().Any(i => i.Str("eventId") == eventId.ToString()))).GetProperty("items").EnumerateArray()
                .Single(i => i.Str("eventId") == eventId.ToString());
            item.Str("title").ShouldBe($"New ticket {key} from {requester}: Printer jams");
            item.Str("body").ShouldNotContain("your", Case.Insensitive);

            var own = (await f.Smtp.WaitForAsync(requesterAddress)).Single();
            own.Subject.ShouldBe($"{key} received: Printer jams");
            own.TextBody!.ShouldContain($"We have received your ticket {key}");
            own.HtmlBody!.ShouldContain($"We have received your ticket {key}");
            var mine = await Eventually.GetAsync(() => f.InboxAsync(f.As(requester, "requester")),
                p => p.GetProperty("items").EnumerateArray().Any(i => i.Str("eventId") == eventId.ToString()));
            mine.GetProperty("items").EnumerateArray().Single(i => i.Str("eventId") == eventId.ToString()).Str("title").ShouldBe($"{key} received: Printer jams");
        }
        finally
        {
            (await f.Http.DeleteAsync($"/api/notification-rules/{ruleId}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task Quiet_hours_hold_back_ordinary_mail_but_not_P1()
    {
        var user = Id("quiet");
        var address = $"{user}@example.test";
        // Quiet all day long in UTC, except for one minute: from the next minute until now.
        var now = DateTime.UtcNow;
        await WithAddressAsync(user, new { emailAddress = address, quietFrom = now.AddMinutes(4).ToString("HH:mm"), quietTo = now.AddMinutes(3).ToString("HH:mm"), timeZone = "UTC" });

        var ordinary = await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), "HD-Q1", user, "P3"));
        await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), "HD-Q2", user, "P1"));

        var mails = await f.Smtp.WaitForAsync(address);
        mails.Single().Subject.ShouldStartWith("HD-Q2");
        // Only this user's e-mail row: other tests of the class may have subscribed tools to every event.
        var held = await f.WithDbAsync(db => db.Deliveries.SingleAsync(d => d.EventId == ordinary && d.Recipient == user && d.Channel == DeliveryChannel.Email));
        held.Status.ShouldBe(DeliveryStatus.Pending);
        held.NextAttemptAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Digest_readers_get_one_mail_for_many_events_at_digest_time()
    {
        var user = Id("digest");
        var address = await WithAddressAsync(user);
        await WithAddressAsync(user, new { digest = true });
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), $"HD-G{i}", user)));
        await Eventually.GetAsync(() => f.CountAsync(db => db.Deliveries.CountAsync(d => ids.Contains(d.EventId) && d.Channel == DeliveryChannel.Digest)), n => n == 3);

        // Digest time comes: make the rows due.
        await f.WithDbAsync(db => db.Deliveries.Where(d => ids.Contains(d.EventId)).ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, DateTimeOffset.UtcNow)));
        var mail = (await f.Smtp.WaitForAsync(address)).Single();
        mail.Subject.ShouldBe("Your digest: 3 notifications");
        foreach (var i in Enumerable.Range(0, 3)) mail.TextBody!.ShouldContain($"HD-G{i}");
    }

    /// <summary>Two replicas dispatching deliveries on one database: a digest of three events is still one mail.</summary>
    [Fact]
    public async Task Two_replicas_mail_a_digest_once()
    {
        await using var replica = f.Service.WithWebHostBuilder(_ => { });
        replica.Services.GetRequiredService<Platform.Notifications.Jobs.DeliveryDispatcher>().ShouldNotBeNull(); // the second process runs

        var user = Id("twin-digest");
        var address = await WithAddressAsync(user);
        await WithAddressAsync(user, new { digest = true });
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), $"HD-W{i}", user)));
        await Eventually.GetAsync(() => f.CountAsync(db => db.Deliveries.CountAsync(d => ids.Contains(d.EventId) && d.Channel == DeliveryChannel.Digest)), n => n == 3);

        await f.WithDbAsync(db => db.Deliveries.Where(d => ids.Contains(d.EventId)).ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, DateTimeOffset.UtcNow)));
        await f.Smtp.WaitForAsync(address);
        // Every digest row delivered: neither dispatcher has anything of it left to send. Only the digest rows: other
        // tests of the class may have subscribed tools to every event, whose webhook rows are not this test's.
        await Eventually.GetAsync(() => f.CountAsync(db => db.Deliveries.CountAsync(d => ids.Contains(d.EventId) && d.Channel == DeliveryChannel.Digest && d.Status == DeliveryStatus.Delivered)),
            n => n == 3);
        var mails = f.Smtp.MessagesTo(address);
        mails.Count.ShouldBe(1);
        mails[0].Subject.ShouldBe("Your digest: 3 notifications");
    }
}
