using System.Globalization;
using Microsoft.JSInterop;

namespace Platform.Portal;

/// <summary>
/// The signed-in person's time zone (the browser's, asked once per circuit) and how times are shown in it, in the
/// current culture. Until the browser has answered, times show in UTC, marked so.
/// </summary>
public sealed class UserClock(IJSRuntime js)
{
    private Task? _asking;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool Known { get; private set; }

    public event Action? Changed;

    public Task EnsureKnownAsync() => Known ? Task.CompletedTask : _asking ??= AskAsync();

    private async Task AskAsync()
    {
        try
        {
            var id = await js.InvokeAsync<string?>("platformPortal.timeZone");
            if (id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) Zone = zone;
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // No answer (a closed circuit, a browser without Intl): UTC it stays.
        }

        Known = true;
        Changed?.Invoke();
    }

    public string Format(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var text = local.ToString("g", CultureInfo.CurrentCulture);
        return Known && Zone != TimeZoneInfo.Utc ? text : text + " UTC";
    }
}
