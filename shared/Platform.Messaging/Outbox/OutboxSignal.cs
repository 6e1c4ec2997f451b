namespace Platform.Messaging.Outbox;

/// <summary>Wakes the dispatcher as soon as a transaction that wrote outbox rows commits.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled; the dispatcher will pick everything up in one pass
        }
    }

    /// <summary>Waits for a signal or the fallback interval, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);
}
