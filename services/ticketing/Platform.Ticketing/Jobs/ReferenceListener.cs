using Npgsql;

namespace Platform.Ticketing.Jobs;

/// <summary>
/// Listens on <see cref="ReferenceCache.Channel"/> with a connection of its own; drops the cache on each notice, and
/// turns the cache off while it is not connected (reconnecting after a second).
/// </summary>
public sealed partial class ReferenceListener(ReferenceCache cache, IConfiguration configuration, ILogger<ReferenceListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString("ticketing");
        if (string.IsNullOrEmpty(connectionString)) return; // no database configured: the cache stays off
        // Tickets:CacheReferenceData=false keeps it off: every use reads the database (the A/B switch of
        // tools/bench/cpu-per-ticket.sh, and a way out should the cache ever be suspected).
        if (!configuration.GetValue("Tickets:CacheReferenceData", true)) return;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => cache.Invalidate();
                await using (var listen = new NpgsqlCommand($"LISTEN {ReferenceCache.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.SetListening(true);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LostConnection(log, e.Message);
            }
            finally
            {
                cache.SetListening(false);
            }

            try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reference data listener lost its connection ({Error}); reading reference data from the database until it is back")]
    private static partial void LostConnection(ILogger logger, string error);
}
