using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Platform.Portal;
using Platform.Portal.Api;

namespace Platform.Portal.Tests;

/// <summary>
/// A bUnit context with what the portal's components need: MudBlazor, the portal's own resources (English unless a
/// test asks for Japanese), a clock the test moves, the attachment limits, and a PlatformApi whose calls would fail
/// (these tests render components; nothing here talks to a service).
/// </summary>
public abstract class PortalContext : BunitContext
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected AttachmentLimits Limits { get; } = new();

    protected PortalContext(string culture = "en")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Limits);
        Services.AddScoped<UserClock>();
        Services.AddSingleton(new PlatformApi(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") }));
    }
}
