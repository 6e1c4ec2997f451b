namespace Platform.Messaging;

/// <summary>
/// Whether the service's outbox gets its events out: since when every publish has failed (null while they succeed).
/// The outbox dispatcher reports each batch; <see cref="ConsumerWatchdog"/> stops a service whose publishes keep
/// failing while the broker answers it. Seen on a RabbitMQ 3.10 cluster: after the node a service was connected to
/// was killed, the bus reconnected to another node at once, before the quorum queues had elected new leaders, and the
/// broker then rejected every publish on that channel for as long as the process lived (a fresh process published at
/// once). Nothing in MassTransit notices; the events would wait in the outbox for good.
/// </summary>
public sealed class PublishHealth
{
    private long _failingSinceTicks;

    /// <summary>When the current run of failed publishes began; null when the last batch published anything.</summary>
    public DateTimeOffset? FailingSince
    {
        get
        {
            var ticks = Interlocked.Read(ref _failingSinceTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>A batch of which at least one row was published.</summary>
    public void Published() => Interlocked.Exchange(ref _failingSinceTicks, 0);

    /// <summary>A batch of which no row was published.</summary>
    public void Failed() => Interlocked.CompareExchange(ref _failingSinceTicks, DateTimeOffset.UtcNow.UtcTicks, 0);
}
