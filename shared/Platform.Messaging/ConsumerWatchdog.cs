using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Platform.Messaging;

/// <summary>
/// Watches, from the broker's side, that every queue this service consumes has a consumer. MassTransit 8.5 can leave a
/// receive endpoint deaf after the broker's return: its transport waits for good on a consumer of the dead connection
/// (seen in the fault suite: projects' two busiest queues had no consumer minutes after RabbitMQ was back, while the
/// bus reported healthy and every other queue was consumed; the events waited until projects was restarted). Nothing
/// in the process notices, so this asks RabbitMQ directly (a passive queue declare on a connection of its own, every
/// <see cref="RabbitMqOptions.ConsumerCheckInterval"/>). A queue without a consumer for
/// <see cref="RabbitMqOptions.ConsumerLossLimit"/> while the broker answers stops the service with exit code 75, so its
/// supervisor (Kubernetes, Compose's restart policy, the fault suite) starts a fresh process that consumes again;
/// nothing is lost, the messages wait in the durable queue.
/// </summary>
public sealed partial class ConsumerWatchdog(
    IBusControl bus, RabbitMqOptions options, string serviceName, PublishHealth publishing, IHostApplicationLifetime lifetime,
    ILogger<ConsumerWatchdog> logger)
    : BackgroundService, IReceiveEndpointObserver
{
    public const int ExitCode = 75; // EX_TEMPFAIL: try again

    private readonly ConcurrentDictionary<string, DateTimeOffset?> _queues = new(StringComparer.Ordinal);
    private readonly string _prefix = serviceName + "-";
    private IConnection? _connection;
    private DateTimeOffset? _answeringSince;

    /// <summary>The queues watched (the service's own endpoints that were ready at least once).</summary>
    public IReadOnlyCollection<string> Queues => _queues.Keys.ToArray();

    /// <summary>Completed looks at the broker (for tests).</summary>
    public int Looks => _looks;

    private int _looks;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var observer = bus.ConnectReceiveEndpointObserver(this);
        using var timer = new PeriodicTimer(options.ConsumerCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (await CheckAsync(stoppingToken) is { } deaf)
                {
                    if (deaf == StuckPublisher) LogStuckPublisher(options.ConsumerLossLimit.TotalSeconds);
                    else LogDeaf(deaf, options.ConsumerLossLimit.TotalSeconds);
                    Stop();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (_connection is not null) await _connection.DisposeAsync();
        }
    }

    /// <summary>What <see cref="CheckAsync"/> returns when the outbox has failed to publish for too long while the broker answers.</summary>
    public const string StuckPublisher = "(publisher)";

    /// <summary>
    /// One look at the broker; returns a queue that has been without a consumer for too long, or
    /// <see cref="StuckPublisher"/> when every publish has failed that long while the broker answers, if either.
    /// </summary>
    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        var failingSince = publishing.FailingSince;
        if (_queues.IsEmpty && failingSince is null) return null;
        var now = DateTimeOffset.UtcNow;
        try
        {
            // Any node of a cluster will do (RabbitMq:Nodes): a queue's consumers are counted cluster-wide.
            _connection ??= await options.ConnectAsync($"{_prefix}consumer-watchdog", ct);
            foreach (var queue in _queues.Keys)
            {
                // A passive declare of a missing queue closes the channel: one channel per queue.
                await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
                var consumers = (await channel.QueueDeclarePassiveAsync(queue, ct)).ConsumerCount;
                if (consumers > 0) _queues[queue] = null;
                else if (_queues[queue] is not { } since) _queues[queue] = now;
                else if (now - since >= options.ConsumerLossLimit) return queue;
            }

            Interlocked.Increment(ref _looks);
            // Publishes failing all along while the broker has answered for the whole limit are the process's fault.
            _answeringSince ??= now;
            if (failingSince is { } failing && publishing.FailingSince == failingSince &&
                now - (failing > _answeringSince ? failing : _answeringSince.Value) >= options.ConsumerLossLimit)
                return StuckPublisher;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The broker is away (or the queue is being recreated): that is the reconnect's business, not a deaf
            // endpoint, so the clocks start again once the broker answers.
            foreach (var queue in _queues.Keys) _queues[queue] = null;
            _answeringSince = null;
            if (_connection is not null)
            {
                try { await _connection.DisposeAsync(); } catch (Exception) { }
                _connection = null;
            }
        }

        return null;
    }

    private void Stop()
    {
        Environment.ExitCode = ExitCode;
        lifetime.StopApplication();
        // A graceful stop waits for the bus, and the bus for the deaf endpoint: after 10 s the process goes anyway
        // (unacknowledged messages return to their queues, unpublished events stay in the outbox).
        _ = Task.Delay(TimeSpan.FromSeconds(10)).ContinueWith(_ =>
        {
            if (!lifetime.ApplicationStopped.IsCancellationRequested) Environment.Exit(ExitCode);
        }, TaskScheduler.Default);
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        var queue = RabbitMqOptions.QueueOf(ready.InputAddress);
        if (queue.StartsWith(_prefix, StringComparison.Ordinal)) _queues.TryAdd(queue, null);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Queue {Queue} has had no consumer for {Seconds} s although the broker answers: " +
        "its receive endpoint did not recover from a lost connection. Stopping the service (exit code 75) so that a fresh process consumes it")]
    private partial void LogDeaf(string queue, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Every outbox publish has failed for over {Seconds} s although the broker answers: " +
        "the bus's channel is stuck. Stopping the service (exit code 75) so that a fresh process publishes them")]
    private partial void LogStuckPublisher(double seconds);
}
