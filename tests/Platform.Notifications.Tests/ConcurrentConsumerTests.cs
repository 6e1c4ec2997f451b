using Platform.Contracts.Projects;
using Platform.Messaging.Inbox;

namespace Platform.Notifications.Tests;

/// <summary>A fixture of its own: these tests read every warning the service logs and its _error queues.</summary>
public sealed class ConcurrentConsumerFixture : NotificationsFixture;

public sealed class ConcurrentConsumerTests(ConcurrentConsumerFixture f, ITestOutputHelper output) : IClassFixture<ConcurrentConsumerFixture>
{
    private static readonly string[] Queues = ["ticket-created", "ticket-status-changed", "ticket-assigned", "project-issue-created"];

    private async Task<int> ErrorMessagesAsync()
    {
        var total = 0;
        foreach (var queue in Queues) total += await f.Servers.Servers.QueueDepthAsync(f.Servers.VirtualHost, $"notifications-{queue}_error");
        return total;
    }

    /// <summary>
    /// Saves that failed on a unique key, except the one race the design accepts: two deliveries of one message at
    /// once, whose loser fails on the inbox key and is discarded without a retry (IdempotentConsumer).
    /// </summary>
    private IReadOnlyList<CapturedLog> UniqueViolations() =>
        f.Logs.Containing("23505").Where(l => !l.ToString().Contains("\"pk_inbox_messages\"", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_tickets_events_consumed_at_once_learn_one_contact_without_a_failed_save_or_a_retry()
    {
        const int tickets = 50;
        var requester = "req-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, tickets).Select(_ => Guid.NewGuid()).ToList();
        var now = DateTimeOffset.UtcNow;
        var published = new List<Task<Guid>>();
        for (var i = 0; i < tickets; i++)
        {
            var key = $"HD-C{i}";
            published.Add(f.PublishAsync(new TicketCreated(ids[i], key, "Concurrent", requester, "concurrent", "P3", now)));
            published.Add(f.PublishAsync(new TicketStatusChanged(ids[i], key, "New", "InProgress", "agent", now, Requester: requester, Assignee: "agent")));
            published.Add(f.PublishAsync(new TicketAssigned(ids[i], key, null, "agent", "l1", requester, "P3", "lead", now)));
        }

        var eventIds = await Task.WhenAll(published);
        await Eventually.GetAsync(() => f.CountAsync(db => db.Set<InboxMessage>().CountAsync(m => eventIds.Contains(m.MessageId))),
            n => n == eventIds.Length, TimeSpan.FromSeconds(120));

        foreach (var log in UniqueViolations().Take(5)) output.WriteLine(log.ToString());
        (await f.CountAsync(db => db.TicketContacts.CountAsync(t => ids.Contains(t.TicketId)))).ShouldBe(tickets);
        (await f.CountAsync(db => db.Events.CountAsync(e => eventIds.Contains(e.Id)))).ShouldBe(eventIds.Length);
        UniqueViolations().ShouldBeEmpty();
        f.Logs.Containing("R-RETRY").ShouldBeEmpty();
        (await ErrorMessagesAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_same_event_delivered_again_at_once_or_after_its_inbox_row_is_gone_is_logged_and_sent_once_and_never_fails()
    {
        const int events = 20;
        var requester = "dup-" + Guid.NewGuid().ToString("N")[..8];
        await f.PersonAsync(requester, "requester");
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        var twice = new List<Task>();
        for (var i = 0; i < events; i++)
        {
            // Two deliveries of one message at the same time (a redelivery after a broker outage while the first is in flight).
            var ticket = NotificationsFixture.Ticket(Guid.NewGuid(), $"HD-DUP{i}", requester);
            var issue = new ProjectIssueCreated(Guid.NewGuid(), $"ISS-DUP{i}", Guid.NewGuid(), "PRJ-DUP", "Duplicate", "High", ticket.TicketId, ticket.TicketKey, now);
            var (ticketId, issueId) = (Guid.NewGuid(), Guid.NewGuid());
            ids.Add(ticketId);
            ids.Add(issueId);
            twice.Add(f.PublishAsync(ticket, ticketId));
            twice.Add(f.PublishAsync(ticket, ticketId));
            twice.Add(f.PublishAsync(issue, issueId));
            twice.Add(f.PublishAsync(issue, issueId));
        }

        await Task.WhenAll(twice);
        await Eventually.GetAsync(() => f.CountAsync(db => db.Set<InboxMessage>().CountAsync(m => ids.Contains(m.MessageId))),
            n => n == ids.Count, TimeSpan.FromSeconds(120));

        // The state the fault run left: the event is in the log, the inbox no longer knows the delivery (its row is gone).
        var again = ids[0];
        await f.WithDbAsync(db => db.Set<InboxMessage>().Where(m => m.MessageId == again).ExecuteDeleteAsync());
        await f.PublishAsync(NotificationsFixture.Ticket(Guid.NewGuid(), "HD-DUP-AGAIN", requester), again);
        await Eventually.GetAsync(() => f.CountAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == again)), n => n == 1, TimeSpan.FromSeconds(60));
        await Task.Delay(300); // a late duplicate would have been written by now

        foreach (var log in UniqueViolations().Take(5)) output.WriteLine(log.ToString());
        (await f.CountAsync(db => db.Events.CountAsync(e => ids.Contains(e.Id)))).ShouldBe(ids.Count);
        (await f.CountAsync(db => db.Set<InboxMessage>().CountAsync(m => ids.Contains(m.MessageId)))).ShouldBe(ids.Count);
        var itemsPerEvent = await f.WithDbAsync(db => db.Inbox.Where(i => ids.Contains(i.EventId)).GroupBy(i => new { i.EventId, i.UserId }).Select(g => g.Count()).ToListAsync());
        itemsPerEvent.Count.ShouldBe(events, "the requester hears of each ticket once, the delivery that came again included");
        itemsPerEvent.ShouldAllBe(n => n == 1);
        var deliveriesPerTarget = await f.WithDbAsync(db => db.Deliveries.Where(d => ids.Contains(d.EventId)).GroupBy(d => new { d.EventId, d.Target }).Select(g => g.Count()).ToListAsync());
        deliveriesPerTarget.ShouldAllBe(n => n == 1);
        f.Logs.Containing("pk_event_log").ShouldBeEmpty();
        UniqueViolations().ShouldBeEmpty();
        (await ErrorMessagesAsync()).ShouldBe(0);
    }
}
