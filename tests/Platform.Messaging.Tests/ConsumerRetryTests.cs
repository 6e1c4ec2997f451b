using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Ticketing;
using Platform.Messaging.Inbox;

namespace Platform.Messaging.Tests;

/// <summary>
/// A database outage longer than the general retry (a PostgreSQL restart that took 7.9 s on a busy machine parked a
/// TicketStatusChanged in assets' _error queue): the event waits for the database and is consumed once it is back.
/// </summary>
public sealed class ConsumerRetryTests() : IsolatedTest("retry", "retry")
{
    [Fact]
    public async Task An_event_outlasts_a_database_outage_longer_than_the_general_retry()
    {
        await using var gate = new TcpGate(Database);
        await using var probe = await BusProbe.StartAsync(Servers, typeof(TicketCreated));
        await using var host = await MessagingHost.StartAsync(Servers, gate.ConnectionString, dispatcher: false, consumer: true);

        gate.Shut();
        var outage = Stopwatch.StartNew();
        var messageId = Guid.NewGuid();
        await probe.PublishAsync(new TicketCreated(Guid.NewGuid(), "HD-9", "t", "alice", "c", "P3", DateTimeOffset.UtcNow), messageId);
        // The database stays away until the consumer is still trying after the general policy would have parked the
        // message (its last attempt about 6.5 s after the first): a connection refused more than 8 s into the outage.
        await Eventually.GetAsync(() => Task.FromResult(outage.Elapsed), t => t > TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(30));
        var refusedBy8s = gate.Refused;
        refusedBy8s.ShouldBeGreaterThan(0);
        await Eventually.GetAsync(() => Task.FromResult(gate.Refused), n => n > refusedBy8s, TimeSpan.FromSeconds(30));
        (await Servers.Servers.QueueDepthAsync(Servers.VirtualHost, "msgtest-note_error")).ShouldBe(0);
        gate.Open();

        await Eventually.GetAsync(() => host.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "HD-9")), n => n == 1,
            TimeSpan.FromSeconds(60));
        (await host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId))).ShouldBe(1);
        (await Servers.Servers.QueueDepthAsync(Servers.VirtualHost, "msgtest-note_error")).ShouldBe(0);
    }

    /// <summary>
    /// A service stopped gracefully (a deployment's SIGTERM) while a consumer waits out a database outage: the message
    /// goes back to its queue, not to <c>_error</c>, and the next process applies it once the database is back.
    /// </summary>
    [Fact]
    public async Task A_graceful_stop_during_a_database_outage_returns_the_event_to_its_queue()
    {
        await using var gate = new TcpGate(Database);
        await using var probe = await BusProbe.StartAsync(Servers, typeof(TicketCreated));
        var first = await MessagingHost.StartAsync(Servers, gate.ConnectionString, dispatcher: false, consumer: true);
        var stopped = false;
        try
        {
            gate.Shut();
            var messageId = Guid.NewGuid();
            await probe.PublishAsync(new TicketCreated(Guid.NewGuid(), "HD-10", "t", "alice", "c", "P3", DateTimeOffset.UtcNow), messageId);
            // The consumer has the message and is being refused: it is inside the outage retry.
            await Eventually.GetAsync(() => Task.FromResult(gate.Refused), n => n >= 2, TimeSpan.FromSeconds(30));

            var stopping = Stopwatch.StartNew();
            await first.DisposeAsync();
            stopped = true;
            // RabbitMq:ConsumerStopTimeout (5 s) and the bus's own stop; without it the stop waits out the outage retry (65 s).
            stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), "the stop waited for the outage retry");
            (await Servers.Servers.QueueDepthAsync(Servers.VirtualHost, "msgtest-note_error")).ShouldBe(0);
            await Eventually.GetAsync(() => Servers.Servers.QueueDepthAsync(Servers.VirtualHost, "msgtest-note"), n => n == 1,
                TimeSpan.FromSeconds(30));

            gate.Open();
            await using var second = await MessagingHost.StartAsync(Servers, gate.ConnectionString, dispatcher: false, consumer: true);
            await Eventually.GetAsync(() => second.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "HD-10")), n => n == 1,
                TimeSpan.FromSeconds(60));
            (await second.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId))).ShouldBe(1);
            (await Servers.Servers.QueueDepthAsync(Servers.VirtualHost, "msgtest-note_error")).ShouldBe(0);
        }
        finally
        {
            if (!stopped) await first.DisposeAsync();
        }
    }
}
