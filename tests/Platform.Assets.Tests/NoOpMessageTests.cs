using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Ticketing;
using Microsoft.Extensions.Hosting;
using Platform.Messaging;
using Platform.Messaging.Inbox;
using RabbitMQ.Client;

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

    [Fact]
    public async Task The_broker_does_not_send_assets_a_ticket_marked_as_naming_no_asset()
    {
        // Decision 0023. The service put its filter in place once its TicketCreated endpoint was ready.
        var filters = f.Service.Services.GetServices<IHostedService>().OfType<BrokerFilters>().Single();
        await Eventually.GetAsync(() => Task.FromResult(filters.Ensured), n => n >= 1);
        var endpoint = AssetsService.TicketCreatedEndpoint;
        var s = f.Servers.Servers;
        (await s.QueueBindingSourcesAsync(f.Servers.VirtualHost, endpoint)).Where(x => x.Length > 0).ShouldBe([endpoint]);
        // MassTransit leaves that endpoint's consume topology alone (it would bind the event's exchange again on each
        // connection), and still binds the others'.
        Topology(endpoint).ContainsKey("exchange-binding").ShouldBeFalse();
        Topology(endpoint).ContainsKey("queue-binding").ShouldBeTrue();
        Topology("assets-ticket-status-changed").ContainsKey("exchange-binding").ShouldBeTrue();

        await using var connection = await new ConnectionFactory
        {
            HostName = s.RabbitMq.Host, Port = s.RabbitMq.Port, VirtualHost = f.Servers.VirtualHost, UserName = s.RabbitUser, Password = s.RabbitPassword,
        }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var now = DateTimeOffset.UtcNow;
        TicketCreated Plain(string key) => new(Guid.NewGuid(), key, "Printer jams", "alice", "hardware", "P3", now);

        // What the broker routes to the endpoint's exchange (and so to its queue), copied in order to a queue of the
        // test's own: the events published, then an unmarked sentinel; once the sentinel is there, so is everything
        // routed before it.
        async Task<List<string>> RoutedAsync(params (string Name, TicketCreated Event, bool Marked)[] events)
        {
            var copy = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
            await channel.QueueBindAsync(copy, endpoint, "");
            var names = new Dictionary<Guid, string>();
            foreach (var (name, e, marked) in events.Append(("sentinel", Plain("HD-S"), false)))
            {
                var id = Guid.NewGuid();
                names[id] = name;
                if (marked) await f.Bus.PublishWithHeadersAsync(e, id, (EventRouting.AssetTagHeader, EventRouting.None));
                else await f.Bus.PublishAsync(e, id);
            }

            var seen = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!seen.Contains("sentinel"))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"The sentinel did not arrive; seen: {string.Join(", ", seen)}");
                if (await channel.BasicGetAsync(copy, autoAck: true) is not { } got)
                {
                    await Task.Delay(20);
                    continue;
                }
                using var envelope = System.Text.Json.JsonDocument.Parse(got.Body);
                seen.Add(names.GetValueOrDefault(envelope.RootElement.GetProperty("messageId").GetGuid(), "other"));
            }

            await channel.QueueDeleteAsync(copy);
            return seen[..^1];
        }

        var tagged = new TicketCreated(Guid.NewGuid(), "HD-F3", "Laptop will not boot", "alice", "hardware", "P3", now, "AST-F0003");
        (await RoutedAsync(("marked", Plain("HD-F1"), true), ("unmarked", Plain("HD-F2"), false), ("tagged", tagged, false)))
            .ShouldBe(["unmarked", "tagged"]);

        // The direct binding an older version made (the event's exchange to the endpoint's) routes everything; with
        // both in place an event reaches the queue once. Putting the filter in place removes the old binding.
        var filter = f.Service.Services.GetServices<BrokerFilter>().Single(x => x.Endpoint == endpoint);
        await channel.ExchangeBindAsync(endpoint, filter.SourceExchange, "");
        (await RoutedAsync(("marked", Plain("HD-F4"), true), ("unmarked", Plain("HD-F5"), false))).ShouldBe(["marked", "unmarked"]);
        await filter.EnsureAsync(channel, CancellationToken.None);
        (await RoutedAsync(("marked", Plain("HD-F6"), true), ("unmarked", Plain("HD-F7"), false))).ShouldBe(["unmarked"]);

        // The ticket that names an asset went on to the consumer.
        await Eventually.GetAsync(() => f.WithDbAsync(db => db.Incidents.CountAsync(i => i.TicketId == tagged.TicketId)), n => n == 1);
    }

    /// <summary>The broker topology MassTransit declares for one receive endpoint, from the bus's probe.</summary>
    private System.Text.Json.Nodes.JsonObject Topology(string endpoint)
    {
        var probe = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            f.Service.Services.GetRequiredService<IBus>().GetProbeResult().Results))!;
        static IEnumerable<System.Text.Json.Nodes.JsonObject> All(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => o.Select(p => p.Value).SelectMany(All).Prepend(o),
            System.Text.Json.Nodes.JsonArray a => a.SelectMany(All),
            _ => [],
        };
        return All(probe).Single(o => o["name"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && (string?)o["name"] == endpoint && o["receiveTransport"] is not null)["receiveTransport"]!["topology"]!.AsObject();
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
