namespace Platform.ServiceDefaults;

/// <summary>
/// Wakes a <see cref="PollingWorker"/> as soon as there is work (a commit that wrote outbox rows or deliveries) instead
/// of waiting for its next poll. Signals do not accumulate: one wake-up means "look again", and the pass takes
/// everything there is. Each job has its own subclass, so that each is its own singleton.
/// </summary>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled: the next pass picks everything up
        }
        catch (ObjectDisposedException)
        {
            // the host is stopping
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first; true when woken.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _semaphore.Dispose();
        GC.SuppressFinalize(this);
    }
}
