using Microsoft.EntityFrameworkCore;
using Platform.Assets.Data;
using Platform.Contracts.Ticketing;
using Platform.Messaging.Inbox;

namespace Platform.Assets.Tests;

/// <summary>A fixture of its own: the test reads every warning the service logs and its _error queues.</summary>
public sealed class IncidentRaceFixture : ServiceFixture<Program, Platform.Assets.Data.AssetsDbContext>
{
    public IncidentRaceFixture() : base("Assets", ("dave", "pso-staff")) { }
}

public sealed class IncidentRaceTests(IncidentRaceFixture f, ITestOutputHelper output) : IClassFixture<IncidentRaceFixture>
{
    [Fact]
    public async Task A_tickets_three_events_consumed_at_once_make_one_incident_without_a_failed_save_or_a_retry()
    {
        const int tickets = 40;
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, tickets).Select(_ => Guid.NewGuid()).ToList();
        var published = new List<Task>();
        var messageIds = new List<Guid>();
        for (var i = 0; i < tickets; i++)
        {
            var (key, tag) = ($"HD-R{i}", $"AST-R{i:D4}");
            var id = ids[i];
            foreach (var publish in new Func<Guid, Task>[]
                     {
                         m => f.Bus.PublishAsync(new TicketCreated(id, key, "Laptop will not boot", "alice", "hardware", "P3", now, tag), m),
                         m => f.Bus.PublishAsync(new TicketStatusChanged(id, key, "New", "InProgress", "bob", now.AddSeconds(1), AssetTag: tag), m),
                         m => f.Bus.PublishAsync(new TicketAssetLinked(id, key, null, tag, "Laptop will not boot", "InProgress", "P3", now.AddSeconds(2)), m),
                     })
            {
                var messageId = Guid.NewGuid();
                messageIds.Add(messageId);
                published.Add(publish(messageId));
            }
        }

        await Task.WhenAll(published);
        await Eventually.GetAsync(() => f.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => messageIds.Contains(m.MessageId))),
            n => n == messageIds.Count, TimeSpan.FromSeconds(120));

        var violations = f.Logs.Containing("23505").Where(l => !l.ToString().Contains("\"pk_inbox_messages\"", StringComparison.Ordinal)).ToList();
        foreach (var log in violations.Take(5)) output.WriteLine(log.ToString());
        (await f.WithDbAsync(db => db.Incidents.CountAsync(i => ids.Contains(i.TicketId)))).ShouldBe(tickets);
        (await f.WithDbAsync(db => db.Incidents.CountAsync(i => ids.Contains(i.TicketId) && i.Status == "InProgress" && i.Title == "Laptop will not boot")))
            .ShouldBe(tickets);
        violations.ShouldBeEmpty();
        f.Logs.Containing("R-RETRY").ShouldBeEmpty();
        foreach (var queue in new[] { "ticket-created", "ticket-status-changed", "ticket-asset-linked" })
            (await f.Servers.Servers.QueueDepthAsync(f.Servers.VirtualHost, $"assets-{queue}_error")).ShouldBe(0, queue);
    }
}
