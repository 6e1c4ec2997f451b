using System.Globalization;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// The end-to-end suite's platform (<see cref="PlatformFixture"/>: identity, the services and the gateway as OS
/// processes) plus the portal behind the gateway at "/", and one headless Debian chromium (no browser download).
/// A category exists for the requester's picker.
/// </summary>
public sealed class PortalFixture : PlatformFixture, IAsyncLifetime, IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public const string CategoryKey = "hardware";

    private readonly int _portalPort = ServiceProcess.FreePort();
    private IPlaywright? _playwright;
    private bool _closed;

    protected override string Prefix => "portal";

    public ServiceProcess Portal { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The portal's Portal:DataDirectory (keys/, sessions/).</summary>
    public string DataDirectory { get; private set; } = "";

    /// <summary>The portal's public address: the gateway's root.</summary>
    public string BaseUrl => Gateway.BaseAddress.ToString();

    protected override void Adjust(string process, Dictionary<string, string?> settings)
    {
        // The admin's webhook journey parks a delivery: after 3 failed attempts (0.1-1 s apart) rather than 12.
        if (process == "notifications") settings["Delivery:MaxAttempts"] = "3";
        if (process != "gateway") return;
        settings["ReverseProxy:Clusters:portal:Destinations:primary:Address"] = $"http://127.0.0.1:{_portalPort}/";
        // Every browser's sign-in and the portal's token calls come from 127.0.0.1 here: one address, many people.
        settings["Gateway:RateLimit:SignInPerMinute"] = "1000";
    }

    public new async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        try
        {
            var logs = Path.Combine(AppContext.BaseDirectory, "e2e-logs", Servers.Name);
            var data = DataDirectory = Path.Combine(Path.GetTempPath(), "platform-portal-tests", Servers.Name);
            Portal = ServiceProcess.Start("portal", ServiceProcess.BuildOutput("services/portal/Platform.Portal", "Platform.Portal"), _portalPort,
                new Dictionary<string, string?>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["DOTNET_ENVIRONMENT"] = null,
                    ["Portal__Authority"] = BaseUrl,
                    ["Portal__RequireHttpsMetadata"] = "false",
                    ["Portal__DataDirectory"] = data,
                    // Identity's access tokens live 15 minutes: refreshing them when less than 14:58 is left makes the
                    // portal refresh (refresh token grant, rolling refresh tokens) on nearly every call of a journey.
                    ["Portal__RefreshBefore"] = "00:14:58",
                    // Live updates: the portal hears the run's events on the run's own broker virtual host.
                    ["RabbitMq__Host"] = Servers.Servers.RabbitMq.Host,
                    ["RabbitMq__Port"] = Servers.Servers.RabbitMq.Port.ToString(CultureInfo.InvariantCulture),
                    ["RabbitMq__VirtualHost"] = Servers.VirtualHost,
                    ["RabbitMq__Username"] = Servers.Servers.RabbitUser,
                    ["RabbitMq__Password"] = Servers.Servers.RabbitPassword,
                    // The portal prints its spans like the traced services (PortalPlumbingTests follows a click's trace).
                    ["Telemetry__ConsoleExporter"] = "true",
                }, logs);
            await Portal.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

            var category = await Http.PostAsJsonAsync("/api/ticket-categories", new { key = CategoryKey, name = "Hardware" });
            if (category.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                throw new InvalidOperationException($"Creating the category failed: {(int)category.StatusCode} {await category.Content.ReadAsStringAsync()}");

            if (!File.Exists(Chromium))
                throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium (deploy/local/common.sh ensure_chromium).");
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-dev-shm-usage"], // root in a container
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public new async ValueTask DisposeAsync()
    {
        if (_closed) return;
        _closed = true;
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Portal is not null) await Portal.DisposeAsync();
        await base.DisposeAsync();
    }

    public string PortalTail(int lines = 80) => Portal?.Tail(lines) ?? "";

    /// <summary>Everything the portal has logged so far.</summary>
    public string PortalLog()
    {
        using var stream = new FileStream(Portal.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
