namespace Platform.Notifications.Jobs;

/// <summary>Wakes the dispatcher when a consumer committed new deliveries (instead of waiting for the poll).</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try { _semaphore.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _semaphore.WaitAsync(timeout, ct);
}
