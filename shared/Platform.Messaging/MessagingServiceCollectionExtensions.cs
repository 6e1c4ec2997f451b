using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Data;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;

namespace Platform.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ: publisher confirms, durable kebab-case endpoints prefixed with the service name
    /// (so two services never share a queue), message retry (<see cref="ConsumerRetry"/>: a bug a few times, a database outage for about a minute), then the _error queue. With a
    /// service database registered before (<c>AddServiceDatabase</c>), also its transactional outbox (see <see cref="AddOutbox"/>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> configure)
    {
        if (builder.Services.LastOrDefault(d => d.ServiceType == typeof(ServiceDatabase))?.ImplementationInstance is ServiceDatabase database)
        {
            AddOutbox(builder, database.DbContextType);
            if (database.DbContextType.IsSubclassOf(typeof(ServiceDbContext)))
            {
                var sync = typeof(People.PeopleDirectorySync<>).MakeGenericType(database.DbContextType);
                builder.Services.AddSingleton(sp => (IHostedService)ActivatorUtilities.CreateInstance(sp, sync, serviceName));
            }
        }
        var rabbit = builder.Configuration.GetSection("RabbitMq").Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        builder.Services.TryAddSingleton<PublishHealth>();
        if (rabbit.ConsumerLossLimit > TimeSpan.Zero)
        {
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ConsumerWatchdog>(sp, rabbit, serviceName));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ConsumerWatchdog>());
        }

        // Decision 0023: endpoints left out of some deliveries by the broker (AddBrokerFilter, called before this).
        var filtered = builder.Services.Where(d => d.ServiceType == typeof(BrokerFilter)).Select(d => ((BrokerFilter)d.ImplementationInstance!).Endpoint)
            .ToHashSet(StringComparer.Ordinal);
        if (filtered.Count > 0)
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<BrokerFilters>(sp, rabbit, serviceName));

        builder.Services.AddBusObserver<StartupTimelineObserver>();
        // A stop cancels what a consumer still has in hand after ConsumerStopTimeout: the message returns to its queue.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.ConsumerStopTimeout = rabbit.ConsumerStopTimeout);
        builder.Services.AddMassTransit(x =>
        {
            // MassTransit reports usage to its vendor over HTTP by default: nothing leaves the platform unasked.
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            configure(x);
            // A filtered endpoint's consume topology is BrokerFilter's: MassTransit would bind the event's exchange to
            // the endpoint directly again.
            if (filtered.Count > 0)
                x.AddConfigureEndpointsCallback((_, name, endpoint) =>
                {
                    if (filtered.Contains(name) && endpoint is IRabbitMqReceiveEndpointConfigurator queue) queue.ConfigureConsumeTopology = false;
                });
            if (rabbit.QuorumQueues)
                x.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator queue) queue.SetQuorumQueue();
                });
            x.UsingRabbitMq((context, cfg) =>
            {
                var endpoints = rabbit.Endpoints();
                cfg.Host(endpoints[0].Host, endpoints[0].Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.PublisherConfirmation = true;
                    // A cluster: MassTransit connects to the nodes in turn, from the first, and after a lost connection
                    // goes on to the next one that answers (with quorum queues, every node serves every queue).
                    if (endpoints.Count > 1)
                        h.UseCluster(c =>
                        {
                            foreach (var (host, port) in endpoints) c.Node(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{host}:{port}"));
                        });
                });
                BrokerReconnect.Apply(cfg, rabbit.ReconnectMaxInterval);
                // A backlog (after an outage or a restart) is drained at hundreds of messages a second: each queue has
                // up to ConcurrentMessageLimit messages in hand at once, each in its own transaction.
                cfg.PrefetchCount = rabbit.PrefetchCount;
                cfg.ConcurrentMessageLimit = rabbit.ConcurrentMessageLimit;
                ConsumerRetry.Apply(cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// The outbox of the service database: the interceptor that turns aggregates' events into outbox rows and signals
    /// their commit, and (unless Outbox:DispatcherEnabled is false) the dispatcher that publishes them.
    /// </summary>
    private static void AddOutbox(IHostApplicationBuilder builder, Type dbContextType)
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<PublishHealth>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddSingleton(sp => new ServiceDatabaseInterceptor(sp.GetRequiredService<OutboxCommitInterceptor>()));
        builder.AddSettings<OutboxOptions>("Outbox",
            (o => o.HandOffGrace >= TimeSpan.Zero, "Outbox:HandOffGrace must not be negative (0 lets the claim take every row at once)."));
        if (!builder.Configuration.GetValue("Outbox:DispatcherEnabled", true)) return;
        var dispatcher = typeof(OutboxDispatcher<>).MakeGenericType(dbContextType);
        builder.Services.AddSingleton(dispatcher);
        builder.Services.AddSingleton<IHostedService>(sp => (IHostedService)sp.GetRequiredService(dispatcher));
    }
}
