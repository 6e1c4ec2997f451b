using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using RabbitMQ.Client;

namespace Platform.Messaging;

/// <summary>
/// Headers the outbox sets on an event so that the broker can leave out a consumer that would do nothing with it
/// (decision 0023). Only a "no" is ever said, and a <see cref="BrokerFilter"/> drops only events that carry it: an event
/// from a publisher that does not set the header (an older version, a test's bus) still reaches every consumer.
/// </summary>
public static class EventRouting
{
    /// <summary>"none" on an event that could name an asset (<see cref="IMayNameAnAsset"/>) and names none.</summary>
    public const string AssetTagHeader = "Platform-Asset-Tag";

    public const string None = "none";

    /// <summary>Sets the routing headers of one event on its publish.</summary>
    public static void Apply(SendContext context, object message)
    {
        if (message is IMayNameAnAsset { AssetTag: var tag } && string.IsNullOrWhiteSpace(tag))
            context.Headers.Set(AssetTagHeader, None);
    }
}

/// <summary>
/// Leaves one receive endpoint out of the delivery of the events of one type that carry <see cref="Header"/> =
/// <see cref="Value"/> (decision 0023): the broker drops them for that endpoint, so its process neither receives,
/// deserialises nor acknowledges them. The endpoint must consume only that event type: its consume topology is declared
/// here instead of by MassTransit. The event type's exchange S is bound to a headers exchange F ("{endpoint}.filter")
/// whose alternate exchange is the endpoint's own exchange E (bound to its queue by MassTransit); F's one binding, to
/// an exchange with no bindings ("{endpoint}.discard"), takes the events whose header says so. Every other event
/// matches no binding of F and goes to E by the alternate exchange. The direct binding S → E that MassTransit made
/// before is removed once S → F is in place, so no event goes undelivered while the layout changes (one routed both
/// ways meanwhile reaches the queue once).
/// </summary>
public sealed record BrokerFilter(string Endpoint, Type MessageType, string Header, string Value)
{
    /// <summary>The event type's exchange, as MassTransit names it.</summary>
    public string SourceExchange => $"{MessageType.Namespace}:{MessageType.Name}";

    public string FilterExchange => Endpoint + ".filter";

    public string DiscardExchange => Endpoint + ".discard";

    /// <summary>Declares the layout (idempotent: every replica does it on each connection) and removes the old binding.</summary>
    public async Task EnsureAsync(IChannel channel, CancellationToken ct)
    {
        await channel.ExchangeDeclareAsync(SourceExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(Endpoint, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(DiscardExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(FilterExchange, ExchangeType.Headers, durable: true, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["alternate-exchange"] = Endpoint }, cancellationToken: ct);
        await channel.QueueBindAsync(Endpoint, Endpoint, "", cancellationToken: ct); // as MassTransit binds it (the queue exists once its endpoint is ready)
        await channel.ExchangeBindAsync(DiscardExchange, FilterExchange, "",
            new Dictionary<string, object?> { ["x-match"] = "all", [Header] = Value }, cancellationToken: ct);
        await channel.ExchangeBindAsync(FilterExchange, SourceExchange, "", cancellationToken: ct);
        await channel.ExchangeUnbindAsync(Endpoint, SourceExchange, "", cancellationToken: ct);
    }
}

/// <summary>
/// Puts each <see cref="BrokerFilter"/> of the service in place when its endpoint is ready (after every connection to
/// the broker), on a connection of its own, and tries again every few seconds until that succeeds.
/// </summary>
public sealed partial class BrokerFilters(IBusControl bus, IEnumerable<BrokerFilter> filters, RabbitMqOptions options, string serviceName,
    ILogger<BrokerFilters> logger) : BackgroundService, IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, BrokerFilter> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<string, BrokerFilter> _filters = filters.ToDictionary(f => f.Endpoint, StringComparer.Ordinal);

    /// <summary>How many times a filter was put in place (for tests).</summary>
    public int Ensured => _ensured;

    private int _ensured;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var observer = bus.ConnectReceiveEndpointObserver(this);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                if (_pending.IsEmpty) continue;
                try
                {
                    await using var connection = await options.ConnectAsync($"{serviceName}-broker-filters", stoppingToken);
                    foreach (var (endpoint, filter) in _pending)
                    {
                        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                        await filter.EnsureAsync(channel, stoppingToken);
                        _pending.TryRemove(endpoint, out _);
                        Interlocked.Increment(ref _ensured);
                        LogEnsured(endpoint, filter.SourceExchange, filter.Header, filter.Value);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(ex); // the broker is away: the next round tries again
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        var queue = RabbitMqOptions.QueueOf(ready.InputAddress);
        if (_filters.TryGetValue(queue, out var filter))
        {
            _pending[queue] = filter;
            _wake.Release();
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker filter in place: {Endpoint} no longer receives {Exchange} events with {Header} = {Value}")]
    private partial void LogEnsured(string endpoint, string exchange, string header, string value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not put the broker filters in place yet; trying again")]
    private partial void LogFailed(Exception exception);
}

public static class BrokerFilterRegistration
{
    /// <summary>Registers a filter; <see cref="MessagingServiceCollectionExtensions.AddServiceBus"/> (called after) applies it.</summary>
    public static IHostApplicationBuilder AddBrokerFilter(this IHostApplicationBuilder builder, BrokerFilter filter)
    {
        builder.Services.AddSingleton(filter);
        return builder;
    }
}
