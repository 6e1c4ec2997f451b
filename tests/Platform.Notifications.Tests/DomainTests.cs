using Microsoft.Extensions.Configuration;
using Platform.Notifications.Features.Email;
using Platform.Notifications.Features.Events;
using Platform.Notifications.Features.Filtering;
using Platform.Notifications.Features.Inbox;

namespace Platform.Notifications.Tests;

public sealed class DomainTests
{
    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_a_ceiling()
    {
        var b = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(2);
        Backoff.Delay(1, b, max, 0).ShouldBe(TimeSpan.FromMilliseconds(50));
        Backoff.Delay(1, b, max, 1).ShouldBe(TimeSpan.FromMilliseconds(100));
        Backoff.Delay(4, b, max, 1).ShouldBe(TimeSpan.FromMilliseconds(800));
        Backoff.Delay(30, b, max, 1).ShouldBe(max);
        Backoff.Delay(4, b, max, 0.5).ShouldBeInRange(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(800));
    }

    /// <summary>
    /// The retry schedule of webhooks (and e-mails) as deployed: after failed attempt n of MaxAttempts the next waits a
    /// random 1 s … min(30 min, 2 s × 2^(n-1)); the last failure parks the delivery. README quotes these figures.
    /// </summary>
    [Fact]
    public void With_the_shipped_settings_a_failing_delivery_is_tried_12_times_and_parked_within_64_minutes()
    {
        var settings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Platform.Testing.Repository.Root, "services", "notifications", "Platform.Notifications", "appsettings.json"))
            .Build().GetSection("Delivery").Get<DeliveryOptions>()!;
        settings.MaxAttempts.ShouldBe(12);
        var waits = Enumerable.Range(1, settings.MaxAttempts - 1).ToList();
        waits.Select(n => Backoff.Delay(n, settings.BaseDelay, settings.MaxDelay, 1).TotalSeconds)
            .ShouldBe([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1800]);
        waits.Select(n => Backoff.Delay(n, settings.BaseDelay, settings.MaxDelay, 0).TotalSeconds).ShouldAllBe(s => s == 1);
        waits.Sum(n => Backoff.Delay(n, settings.BaseDelay, settings.MaxDelay, 1).TotalSeconds).ShouldBe(3846, "parked at most 64 min 6 s after the first attempt");
        waits.Sum(n => Backoff.Delay(n, settings.BaseDelay, settings.MaxDelay, 0.5).TotalSeconds).ShouldBe(1928.5, "about 32 min on average");
    }

    [Fact]
    public void Signature_verifies_and_refuses_tampering_other_secrets_and_old_timestamps()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"1"}""");
        var now = DateTimeOffset.UtcNow;
        var ts = now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign("s3cret-s3cret-s3cret", ts, body);
        signature.ShouldStartWith("sha256=");
        WebhookSignature.Verify("s3cret-s3cret-s3cret", signature, ts.ToString(), body, now, TimeSpan.FromMinutes(5)).ShouldBeTrue();
        WebhookSignature.Verify("other-secret-value", signature, ts.ToString(), body, now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify("s3cret-s3cret-s3cret", signature, ts.ToString(), Encoding.UTF8.GetBytes("""{"id":"2"}"""), now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify("s3cret-s3cret-s3cret", signature, ts.ToString(), body, now.AddMinutes(6), TimeSpan.FromMinutes(5)).ShouldBeFalse("a replay later");
        WebhookSignature.Verify("s3cret-s3cret-s3cret", signature, (ts + 1).ToString(), body, now, TimeSpan.FromMinutes(5)).ShouldBeFalse("timestamp is signed");
        WebhookSignature.Verify("s3cret-s3cret-s3cret", null, ts.ToString(), body, now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
    }

    [Fact]
    public void Quiet_hours_defer_non_urgent_mail_to_their_end_in_the_persons_time_zone()
    {
        var p = new Preference { UserId = "u", QuietFrom = new TimeOnly(22, 0), QuietTo = new TimeOnly(7, 0), TimeZone = "Europe/Berlin" };
        // 23:30 in Berlin (winter, UTC+1) = 22:30 UTC → until 07:00 Berlin = 06:00 UTC next day.
        var late = new DateTimeOffset(2026, 1, 14, 22, 30, 0, TimeSpan.Zero);
        p.SendAt(late, urgent: false).ShouldBe(new DateTimeOffset(2026, 1, 15, 6, 0, 0, TimeSpan.Zero));
        p.SendAt(late, urgent: true).ShouldBe(late);
        // 05:00 Berlin = 04:00 UTC, same morning.
        var early = new DateTimeOffset(2026, 1, 15, 4, 0, 0, TimeSpan.Zero);
        p.SendAt(early, urgent: false).ShouldBe(new DateTimeOffset(2026, 1, 15, 6, 0, 0, TimeSpan.Zero));
        var noon = new DateTimeOffset(2026, 1, 15, 11, 0, 0, TimeSpan.Zero);
        p.SendAt(noon, urgent: false).ShouldBe(noon);
        new Preference { UserId = "v" }.SendAt(late, urgent: false).ShouldBe(late);
    }

    [Fact]
    public void Digest_goes_out_at_the_next_local_digest_hour()
    {
        var p = new Preference { UserId = "u", TimeZone = "America/New_York" };
        // 15:00 UTC = 10:00 New York (EST) → next 08:00 New York = 13:00 UTC next day.
        p.NextDigest(new DateTimeOffset(2026, 1, 15, 15, 0, 0, TimeSpan.Zero), 8).ShouldBe(new DateTimeOffset(2026, 1, 16, 13, 0, 0, TimeSpan.Zero));
        p.NextDigest(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), 8).ShouldBe(new DateTimeOffset(2026, 1, 15, 13, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Facts_name_team_leads_apart_from_the_assignee_and_mark_P1_and_escalations_urgent()
    {
        var breach = JsonDocument.Parse("""{"ticketId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","ticketKey":"HD-1","priority":"P1","assignee":"bob","notify":["lead","bob"]}""").RootElement;
        var facts = EventFacts.Read("TicketSlaBreached", "ticketing", breach);
        facts.TeamLeads.ShouldBe(["lead"]);
        facts.Assignee.ShouldBe("bob");
        facts.Subject.ShouldBe("HD-1");
        facts.Urgent.ShouldBeTrue();

        var escalation = JsonDocument.Parse("""{"escalationKey":"ESC-1","projectKey":"PRJ-1","severity":"Low","notifyRoles":["pmo-analyst"],"notifyUsers":["m","s"]}""").RootElement;
        var e = EventFacts.Read("ProjectEscalationRaised", "projects", escalation);
        e.Urgent.ShouldBeTrue();
        e.NotifyUsers.ShouldBe(["m", "s"]);
        e.Subject.ShouldBe("ESC-1");
    }

    [Fact]
    public void Filters_and_event_type_patterns_match_as_documented()
    {
        var facts = EventFacts.Read("ProjectEscalationRaised", "projects",
            JsonDocument.Parse("""{"projectKey":"PRJ-7","severity":"Critical"}""").RootElement);
        new Filters { Severities = ["critical", "High"] }.Match(facts).ShouldBeTrue();
        new Filters { Severities = ["Low"] }.Match(facts).ShouldBeFalse();
        new Filters { ProjectKeys = ["PRJ-7"], Priorities = [] }.Match(facts).ShouldBeTrue();
        new Filters { Priorities = ["P1"] }.Match(facts).ShouldBeFalse("an event without a priority does not pass a priority filter");

        EventCatalog.Normalise("platform.projects.ProjectEscalationRaised").ShouldBe("ProjectEscalationRaised");
        EventCatalog.Normalise("ProjectEscalationRaised").ShouldBe("ProjectEscalationRaised");
        EventCatalog.Normalise("Projects.*").ShouldBe("projects.*");
        EventCatalog.Normalise("NoSuchEvent").ShouldBeNull();
        EventCatalog.Matches(["projects.*"], "ProjectCreated", "projects").ShouldBeTrue();
        EventCatalog.Matches(["ticketing.*"], "ProjectCreated", "projects").ShouldBeFalse();
        EventCatalog.Matches(["*"], "Anything", "x").ShouldBeTrue();
    }

    [Fact]
    public void Every_event_type_has_a_template_that_renders_and_speaks_of_your_ticket_only_to_the_requester()
    {
        foreach (var (name, type) in EventCatalog.ByName)
        {
            var empty = JsonDocument.Parse("{}").RootElement;
            var facts = EventFacts.Read(name, EventCatalog.DomainOf(type), empty);
            Templates.Render(name, EventCatalog.DomainOf(type), empty, facts, Audience.Requester).Title.ShouldNotBeNullOrWhiteSpace(name);
            var onlooker = Templates.Render(name, EventCatalog.DomainOf(type), empty, facts, Audience.Onlooker);
            onlooker.Title.ShouldNotBeNullOrWhiteSpace(name);
            $"{onlooker.Title}\n{onlooker.Text}".ShouldNotContain("your", Case.Insensitive, name);
        }
    }

    [Theory]
    [InlineData("alice", "HD-7 received: Printer jams", "We have received your ticket HD-7 \"Printer jams\" (P3, hardware).")]
    [InlineData("pso-pat", "New ticket HD-7 from alice: Printer jams", "alice opened ticket HD-7 \"Printer jams\" (P3, hardware).")]
    public void A_new_ticket_is_worded_for_the_requester_or_for_an_onlooker(string recipient, string title, string firstLine)
    {
        var data = JsonSerializer.SerializeToElement(new TicketCreated(Guid.NewGuid(), "HD-7", "Printer jams", "alice", "hardware", "P3", DateTimeOffset.UtcNow),
            Platform.Messaging.EventTypes.Json);
        var facts = EventFacts.Read("TicketCreated", "ticketing", data);
        var rendered = Templates.Render("TicketCreated", "ticketing", data, facts, Templates.AudienceOf(facts, recipient));
        rendered.Title.ShouldBe(title);
        rendered.Lines[0].ShouldBe(firstLine);
        var (text, html) = Templates.Email(rendered, "https://platform.test");
        text.ShouldContain(firstLine);
        html.ShouldContain(System.Net.WebUtility.HtmlEncode(firstLine));
    }
}
