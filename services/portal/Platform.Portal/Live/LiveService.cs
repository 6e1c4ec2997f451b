using MassTransit;

namespace Platform.Portal.Live;

/// <summary>The broker, from the "RabbitMq" section as the services read it.</summary>
public sealed class LiveBrokerSettings
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>Portal:Live (default on): consume the platform's events to update open screens.</summary>
    public bool Enabled { get; set; } = true;
}

public static class LiveService
{
    /// <summary>
    /// The live updates: a MassTransit bus on RabbitMQ with ONE queue of this replica's own (a unique name, not
    /// durable, deleted by the broker when the replica goes), bound to every event of <see cref="LiveEvents.Types"/> and <see cref="ProjectLiveEvents.Types"/> and <see cref="AssetsLiveEvents.Types"/>:
    /// every replica hears every event, and nothing piles up for a replica that is gone. Missed signals cost nothing:
    /// a screen that (re)connects reads afresh.
    /// </summary>
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveHub>();
        var broker = builder.Configuration.GetSection("RabbitMq").Get<LiveBrokerSettings>() ?? new LiveBrokerSettings();
        broker.Enabled = builder.Configuration.GetValue("Portal:Live", true);
        if (!broker.Enabled) return builder;

        var queue = $"portal-live-{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            // Pages work without the broker (only the live updates wait for it): its health is not the portal's readiness.
            x.ConfigureHealthCheckOptions(options =>
            {
                options.Tags.Clear();
                options.Tags.Add("masstransit");
            });
            foreach (var type in LiveEvents.Types) x.AddConsumer(typeof(LiveConsumer<>).MakeGenericType(type));
            foreach (var type in ProjectLiveEvents.Types) x.AddConsumer(typeof(ProjectLiveConsumer<>).MakeGenericType(type));
            foreach (var type in AssetsLiveEvents.Types) x.AddConsumer(typeof(AssetsLiveConsumer<>).MakeGenericType(type));
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
                {
                    h.Username(broker.Username);
                    h.Password(broker.Password);
                });
                cfg.ReceiveEndpoint(queue, e =>
                {
                    e.Durable = false;
                    e.AutoDelete = true;
                    e.PrefetchCount = 64;
                    foreach (var type in LiveEvents.Types) e.ConfigureConsumer(context, typeof(LiveConsumer<>).MakeGenericType(type));
                    foreach (var type in ProjectLiveEvents.Types) e.ConfigureConsumer(context, typeof(ProjectLiveConsumer<>).MakeGenericType(type));
                    foreach (var type in AssetsLiveEvents.Types) e.ConfigureConsumer(context, typeof(AssetsLiveConsumer<>).MakeGenericType(type));
                });
            });
        });
        return builder;
    }
}
