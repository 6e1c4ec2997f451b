using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults;

namespace Platform.Messaging;

/// <summary>Marks "bus ready" on the <see cref="StartupTimeline"/> (every receive endpoint consuming) and logs the timeline once.</summary>
internal sealed partial class StartupTimelineObserver(ILoggerFactory loggers) : IBusObserver
{
    // The category of the "Started …" line, so that whoever shows that line (the fault suite does) shows this one.
    private readonly ILogger log = loggers.CreateLogger("Platform.Startup");
    private int _logged;

    public void PostCreate(IBus bus) { }
    public void CreateFaulted(Exception exception) { }
    public Task PreStart(IBus bus) => Task.CompletedTask;

    public async Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        try
        {
            await busReady.ConfigureAwait(false);
        }
        catch (Exception)
        {
            return; // the bus's own health check and logs say why
        }

        StartupTimeline.Mark("bus ready");
        if (Interlocked.Exchange(ref _logged, 1) == 0) Ready(log, StartupTimeline.Summary());
    }

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;
    public Task PreStop(IBus bus) => Task.CompletedTask;
    public Task PostStop(IBus bus) => Task.CompletedTask;
    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Start-up (since the process began): {Timeline}")]
    private static partial void Ready(ILogger log, string timeline);
}
