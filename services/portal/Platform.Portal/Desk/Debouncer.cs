namespace Platform.Portal.Desk;

/// <summary>
/// Runs an action once input has been quiet for <see cref="Delay"/>: each new call cancels the one waiting, so typing a
/// title asks the knowledge base once per pause, not once per key.
/// </summary>
public sealed class Debouncer(TimeSpan delay, TimeProvider? time = null) : IDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private CancellationTokenSource? _pending;

    public TimeSpan Delay { get; } = delay;

    /// <summary>Waits, then runs <paramref name="action"/> unless another call came first. Completes either way.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> action)
    {
        var mine = new CancellationTokenSource();
        Interlocked.Exchange(ref _pending, mine)?.Cancel();
        var token = mine.Token;
        try
        {
            await Task.Delay(Delay, _time, token);
            await action(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // a newer call took over
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _pending, null)?.Cancel();
    }
}
