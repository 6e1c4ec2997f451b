using MassTransit;
using Platform.ServiceDefaults;

namespace Platform.Messaging;

/// <summary>
/// How a consumer's failure is retried before its message is parked in the <c>_error</c> queue.
/// <list type="bullet">
/// <item>The database is unavailable (PostgreSQL restarting, refusing connections, a dropped connection:
/// <see cref="ProblemExceptionHandler.IsDatabaseUnavailable"/>): retried for <see cref="DatabaseOutage"/>, about a
/// minute. An event is never parked for an outage: a restart on a busy machine took 7.9 s, longer than the general
/// retry below, and parked a TicketStatusChanged in assets' <c>_error</c> queue (the fault suite, 2026-12-03).</item>
/// <item>Anything else (a bug, a message the consumer cannot digest): retried <see cref="General"/>, about 6.5 s, then
/// parked at once, so a poison message does not hold a consumer slot for a minute.</item>
/// </list>
/// An outage longer than a minute still parks the message; it is moved back as README's "Poison messages" says.
/// </summary>
public static class ConsumerRetry
{
    /// <summary>The waits between attempts while the database is unavailable: 65.75 s in all, 16 retries.</summary>
    private static readonly TimeSpan[] DatabaseOutage =
    [
        TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4),
        .. Enumerable.Repeat(TimeSpan.FromSeconds(5), 10),
    ];

    /// <summary>The general policy's retry count (exponential, 100 ms to 5 s).</summary>
    private const int General = 5;

    public static void Apply(IBusFactoryConfigurator cfg)
    {
        // The outer filter sees only what the inner one does not retry: a database outage, which it retries the whole
        // inner pipeline for; anything else the inner filter has already retried and given up on, and it passes on.
        cfg.UseMessageRetry(r =>
        {
            r.Intervals(DatabaseOutage);
            r.Handle<Exception>(ProblemExceptionHandler.IsDatabaseUnavailable);
        });
        cfg.UseMessageRetry(r =>
        {
            r.Exponential(
                retryLimit: General,
                minInterval: TimeSpan.FromMilliseconds(100),
                maxInterval: TimeSpan.FromSeconds(5),
                intervalDelta: TimeSpan.FromMilliseconds(200));
            r.Ignore<Exception>(ProblemExceptionHandler.IsDatabaseUnavailable);
        });
    }
}
