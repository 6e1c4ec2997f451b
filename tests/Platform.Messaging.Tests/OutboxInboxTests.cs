using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Ticketing;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.Tests;

/// <summary>The outbox and inbox against real PostgreSQL and RabbitMQ; each test has its own database and vhost.</summary>
public sealed class OutboxInboxTests() : IsolatedTest("msg", "outbox")
{
    private Task<BusProbe> ProbeAsync() => BusProbe.StartAsync(Servers, typeof(TicketCreated));

    private static Task<List<OutboxMessage>> PendingAsync(MessagingHost host) =>
        host.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.DispatchedAt == null).ToListAsync());

    [Fact]
    public async Task An_event_survives_a_crash_between_commit_and_publish()
    {
        await using var probe = await ProbeAsync();
        Guid messageId;
        await using (var crashed = await MessagingHost.StartAsync(Servers, Database, dispatcher: false))
        {
            messageId = await crashed.WriteAsync("HD-1");
            (await PendingAsync(crashed)).Select(m => m.Id).ShouldBe([messageId]);
        } // the process is gone before anything was published

        await Task.Delay(300);
        probe.Messages<TicketCreated>().ShouldBeEmpty();

        await using var restarted = await MessagingHost.StartAsync(Servers, Database);
        var received = await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-1");
        received.MessageId.ShouldBe(messageId);
        await Eventually.GetAsync(() => PendingAsync(restarted), pending => pending.Count == 0);
    }

    [Fact]
    public async Task Writes_are_accepted_while_the_broker_is_down_and_published_when_it_is_back()
    {
        await using var probe = await ProbeAsync();
        Guid messageId;
        var brokerDown = new Dictionary<string, string?> { ["RabbitMq:Port"] = "1", ["Outbox:PublishTimeout"] = "00:00:01" };
        await using (var host = await MessagingHost.StartAsync(Servers, Database, overrides: brokerDown))
        {
            messageId = await host.WriteAsync("HD-2");
            var failed = await Eventually.GetAsync(() => PendingAsync(host), p => p.Count == 1 && p[0].Attempts >= 1, TimeSpan.FromSeconds(30));
            failed[0].LastError.ShouldNotBeNullOrEmpty();
            (await host.WithDbAsync(db => db.Notes.CountAsync())).ShouldBe(1); // the write itself stood
        }

        await using var recovered = await MessagingHost.StartAsync(Servers, Database);
        (await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-2", TimeSpan.FromSeconds(30))).MessageId.ShouldBe(messageId);
    }

    [Fact]
    public async Task The_dispatcher_wakes_on_commit_not_on_its_timer()
    {
        await using var probe = await ProbeAsync();
        await using var host = await MessagingHost.StartAsync(Servers, Database,
            overrides: new Dictionary<string, string?> { ["Outbox:PollInterval"] = "00:01:00" });
        await Task.Delay(500); // the dispatcher's first pass found nothing and sleeps for a minute

        var watch = Stopwatch.StartNew();
        await host.WriteAsync("HD-3");
        await probe.WaitForAsync<TicketCreated>(e => e.TicketKey == "HD-3", TimeSpan.FromSeconds(5));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_event_that_could_name_an_asset_and_names_none_is_published_marked_so()
    {
        // Decision 0023: the mark lets the broker leave assets out; a ticket that names an asset goes unmarked.
        await using var probe = await ProbeAsync();
        await using var host = await MessagingHost.StartAsync(Servers, Database);
        await host.WriteAsync("HD-R1");
        await host.WriteAsync("HD-R2", assetTag: "AST-0042");
        await host.WriteAsync("HD-R3", assetTag: " ");
        (await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-R1")).Headers[EventRouting.AssetTagHeader].ShouldBe(EventRouting.None);
        (await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-R2")).Headers.ContainsKey(EventRouting.AssetTagHeader).ShouldBeFalse();
        (await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-R3")).Headers[EventRouting.AssetTagHeader].ShouldBe(EventRouting.None);
    }

    [Fact]
    public async Task Wake_on_commit_also_works_inside_an_explicit_transaction()
    {
        await using var probe = await ProbeAsync();
        await using var host = await MessagingHost.StartAsync(Servers, Database,
            overrides: new Dictionary<string, string?> { ["Outbox:PollInterval"] = "00:01:00" });
        await Task.Delay(500);

        await host.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-4", "t", "alice", "c", "P3", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await Task.Delay(300); // the row is written but not committed: nothing may be published yet
            probe.Messages<TicketCreated>().ShouldBeEmpty();
            await tx.CommitAsync();
            return 0;
        });
        await probe.WaitForAsync<TicketCreated>(e => e.TicketKey == "HD-4", TimeSpan.FromSeconds(5));
    }

    /// <summary>Neither the claim nor its poll would publish a row within the test: only the hand-off can.</summary>
    private static readonly Dictionary<string, string?> HandOffOnly = new()
    {
        ["Outbox:PollInterval"] = "00:10:00",
        ["Outbox:HandOffGrace"] = "00:10:00",
    };

    [Fact]
    public async Task Committed_rows_are_published_from_memory_without_being_claimed()
    {
        await using var probe = await ProbeAsync();
        await using var host = await MessagingHost.StartAsync(Servers, Database, overrides: HandOffOnly);

        var implicitCommit = await host.WriteAsync("HD-M1");
        var explicitCommit = await host.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var first = db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-M2", "t", "alice", "c", "P3", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-M3", "t", "alice", "c", "P3", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(); // two saves in one transaction: both rows go at its commit
            await tx.CommitAsync();
            return first.Id;
        });

        (await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-M1", TimeSpan.FromSeconds(10))).MessageId.ShouldBe(implicitCommit);
        (await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-M2", TimeSpan.FromSeconds(10))).MessageId.ShouldBe(explicitCommit);
        await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-M3", TimeSpan.FromSeconds(10));
        // Marked dispatched by the hand-off's own statement, so no claim publishes them again.
        await Eventually.GetAsync(() => PendingAsync(host), pending => pending.Count == 0);
    }

    [Fact]
    public async Task Rows_of_a_save_or_transaction_that_did_not_commit_are_never_handed_off()
    {
        await using var probe = await ProbeAsync();
        await using var host = await MessagingHost.StartAsync(Servers, Database, overrides: HandOffOnly);
        var duplicate = new Note { Text = "taken" };
        await host.WithDbAsync(async db =>
        {
            db.Notes.Add(duplicate);
            return await db.SaveChangesAsync();
        });

        await host.WithDbAsync(async db =>
        {
            // Rolled back.
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-X1", "t", "alice", "c", "P3", DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
                await tx.RollbackAsync();
            }

            // Ended without a commit or a rollback (disposed), then another transaction on the same connection commits.
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-X2", "t", "alice", "c", "P3", DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }
            db.ChangeTracker.Clear();

            // A save that fails (the note's id is taken): its row was never written.
            db.Notes.Add(new Note { Id = duplicate.Id, Text = "again" });
            db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-X3", "t", "alice", "c", "P3", DateTimeOffset.UtcNow));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();

            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-OK1", "t", "alice", "c", "P3", DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }
            db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), "HD-OK2", "t", "alice", "c", "P3", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });

        await probe.WaitForAsync<TicketCreated>(e => e.TicketKey == "HD-OK1", TimeSpan.FromSeconds(10));
        await probe.WaitForAsync<TicketCreated>(e => e.TicketKey == "HD-OK2", TimeSpan.FromSeconds(10));
        // Handed off rows go out in the order of their commits: anything handed off before these would be here by now.
        probe.Messages<TicketCreated>().Select(e => e.TicketKey).Order().ShouldBe(["HD-OK1", "HD-OK2"]);
        (await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync())).ShouldBe(2);
    }

    [Fact]
    public async Task A_row_is_claimed_only_once_older_than_the_grace()
    {
        var grace = TimeSpan.FromSeconds(8);
        await using var probe = await ProbeAsync();
        await using (var writer = await MessagingHost.StartAsync(Servers, Database, dispatcher: false))
        {
            await writer.WriteAsync("HD-G1"); // another process's row: never handed off to the dispatcher below
        }

        await using var host = await MessagingHost.StartAsync(Servers, Database,
            overrides: new Dictionary<string, string?> { ["Outbox:PollInterval"] = "00:00:00.200", ["Outbox:HandOffGrace"] = grace.ToString() });
        var created = (await PendingAsync(host)).Single().CreatedAt;

        // The dispatcher claims every 0.2 s, but not this row while it is younger than the grace.
        var look = created + TimeSpan.FromSeconds(3) - DateTimeOffset.UtcNow;
        if (look > TimeSpan.Zero) await Task.Delay(look);
        probe.Messages<TicketCreated>().ShouldBeEmpty();
        DateTimeOffset.UtcNow.ShouldBeLessThan(created + grace, "the look came too late to tell");

        await probe.WaitForAsync<TicketCreated>(e => e.TicketKey == "HD-G1", TimeSpan.FromSeconds(30));
        DateTimeOffset.UtcNow.ShouldBeGreaterThanOrEqualTo(created + grace);
        await Eventually.GetAsync(() => PendingAsync(host), pending => pending.Count == 0);
    }

    [Fact]
    public async Task A_service_with_a_negative_hand_off_grace_does_not_start()
    {
        var refused = await Should.ThrowAsync<OptionsValidationException>(() => MessagingHost.StartAsync(Servers, Database,
            overrides: new Dictionary<string, string?> { ["Outbox:HandOffGrace"] = "-00:00:01" }));
        refused.Message.ShouldContain("Outbox:HandOffGrace must not be negative");
    }

    [Fact]
    public async Task Two_dispatchers_on_one_table_never_publish_a_row_twice()
    {
        const int count = 400;
        await using var probe = await ProbeAsync();
        await using (var writer = await MessagingHost.StartAsync(Servers, Database, dispatcher: false))
        {
            await writer.WithDbAsync(async db =>
            {
                for (var i = 0; i < count; i++)
                    db.AddIntegrationEvent(new TicketCreated(Guid.NewGuid(), $"HD-{i}", "t", "a", "c", "P4", DateTimeOffset.UtcNow));
                return await db.SaveChangesAsync();
            });
        }

        var smallBatches = new Dictionary<string, string?> { ["Outbox:BatchSize"] = "10" };
        var hosts = await Task.WhenAll(
            MessagingHost.StartAsync(Servers, Database, overrides: smallBatches),
            MessagingHost.StartAsync(Servers, Database, overrides: smallBatches));
        try
        {
            await Eventually.GetAsync(() => Task.FromResult(probe.Messages<TicketCreated>().Count), n => n >= count, TimeSpan.FromSeconds(60));
            await Task.Delay(1500); // a duplicate would arrive now
            var ids = probe.All.Select(r => r.MessageId).ToList();
            ids.Count.ShouldBe(count);
            ids.Distinct().Count().ShouldBe(count);
            (await PendingAsync(hosts[0])).ShouldBeEmpty();
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_trace_context_travels_with_the_event()
    {
        await using var probe = await ProbeAsync();
        await using var host = await MessagingHost.StartAsync(Servers, Database);
        var traceId = ActivityTraceId.CreateRandom();
        using (var request = new Activity("http request").SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        {
            await host.WriteAsync("HD-5");
        }

        var row = await host.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync());
        row.TraceParent.ShouldNotBeNull().ShouldContain(traceId.ToString());
        var received = await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-5");
        received.TraceId.ShouldBe(traceId);
    }

    [Fact]
    public async Task The_inbox_turns_redelivery_into_a_no_op()
    {
        await using var probe = await ProbeAsync();
        await using var host = await MessagingHost.StartAsync(Servers, Database, dispatcher: false, consumer: true);
        var messageId = Guid.NewGuid();
        var message = new TicketCreated(Guid.NewGuid(), "HD-6", "t", "alice", "c", "P3", DateTimeOffset.UtcNow);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => probe.PublishAsync(message, messageId)));

        await Eventually.GetAsync(() => host.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "HD-6")), n => n >= 1);
        await Task.Delay(1000);
        (await host.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "HD-6"))).ShouldBe(1);
        (await host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_poison_message_is_retried_then_parked_in_the_error_queue()
    {
        await using var probe = await ProbeAsync();
        await using var host = await MessagingHost.StartAsync(Servers, Database, dispatcher: false, consumer: true);
        var messageId = Guid.NewGuid();
        await probe.PublishAsync(new TicketCreated(Guid.NewGuid(), "HD-7", "poison", "alice", "c", "P3", DateTimeOffset.UtcNow), messageId);

        await Eventually.GetAsync(() => Servers.Servers.QueueDepthAsync(Servers.VirtualHost, "msgtest-note_error"), n => n == 1,
            TimeSpan.FromSeconds(60));
        (await host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId))).ShouldBe(0);
        (await host.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "HD-7"))).ShouldBe(0);
    }
}
