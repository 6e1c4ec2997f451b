using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Messaging.Tests;

/// <summary>MassTransit 8 reports usage to its vendor over HTTP unless told not to: a service of ours never does.</summary>
public class UsageTelemetryTests
{
    [Fact]
    public void The_service_bus_reports_no_usage_telemetry()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RabbitMq:Host"] = "127.0.0.1" });
        builder.AddServiceBus("telemetry-probe", _ => { });
        using var services = builder.Services.BuildServiceProvider();

        services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled.ShouldBeFalse();
    }
}
