namespace Platform.Testing;

/// <summary>
/// A clock the test sets or moves by hand, safe to read from a service's threads while the test moves it
/// (Microsoft.Extensions.TimeProvider.Testing is not available here). The one test clock of every test project.
/// </summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
