using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Ticketing;
using Platform.Messaging.Inbox;

namespace Platform.Assets.Tests;

/// <summary>
/// A message that cannot change anything in assets (a ticket that names no asset, most tickets) is acknowledged
/// without a transaction or an inbox row; one that can still gets both (IdempotentConsumer.Concerns).
/// </summary>
public sealed class NoOpMessageTests(IncidentRaceFixture f) : IClassFixture<IncidentRaceFixture>
{
    [Fact]
    public async Task A_ticket_naming_no_asset_is_acknowledged_without_an_inbox_row()
    {
        var consumed = new Consumed();
        using var observer = f.Service.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        var now = DateTimeOffset.UtcNow;
        var (plain, tagged) = (Guid.NewGuid(), Guid.NewGuid());
        var taggedTicket = Guid.NewGuid();
        await f.Bus.PublishAsync(new TicketCreated(Guid.NewGuid(), "HD-N1", "Printer jams", "alice", "hardware", "P3", now), plain);
        await f.Bus.PublishAsync(new TicketCreated(taggedTicket, "HD-N2", "Laptop will not boot", "alice", "hardware", "P3", now, "AST-N0001"), tagged);

        // Both consumed (the observer sees each after its consumer finished, before the acknowledgement).
        await Eventually.GetAsync(() => Task.FromResult(consumed.Ids.ContainsKey(plain) && consumed.Ids.ContainsKey(tagged)), done => done);

        (await f.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == plain))).ShouldBe(0);
        (await f.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == tagged))).ShouldBe(1);
        (await f.WithDbAsync(db => db.Incidents.CountAsync(i => i.TicketId == taggedTicket))).ShouldBe(1);
        consumed.Faults.ShouldBeEmpty();
    }

    private sealed class Consumed : IConsumeObserver
    {
        public ConcurrentDictionary<Guid, bool> Ids { get; } = new();
        public ConcurrentBag<Guid> Faults { get; } = [];

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId is { } id) Ids[id] = true;
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            if (context.MessageId is { } id) Faults.Add(id);
            return Task.CompletedTask;
        }
    }
}
