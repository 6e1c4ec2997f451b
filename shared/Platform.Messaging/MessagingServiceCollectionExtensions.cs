using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Messaging.Audit;
using Platform.Messaging.Idempotency;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the service's DbContext on PostgreSQL (snake_case names) with the outbox commit signal, the audit
    /// trail, the outbox dispatcher, the pruning of old idempotency keys and a readiness check on the database.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(
        this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is not configured (ConnectionStrings__{connectionName}).");

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.AddDbContextPool<TDbContext>((sp, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>(), sp.GetRequiredService<AuditInterceptor>()));

        builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection("Outbox"));
        if (builder.Configuration.GetValue("Outbox:DispatcherEnabled", true))
        {
            builder.Services.AddSingleton<OutboxDispatcher<TDbContext>>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher<TDbContext>>());
        }

        builder.Services.AddOptions<IdempotencyOptions>().Bind(builder.Configuration.GetSection("Idempotency"));
        builder.Services.AddSingleton<IdempotencyKeyPruner<TDbContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IdempotencyKeyPruner<TDbContext>>());

        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// MassTransit on RabbitMQ: publisher confirms, durable kebab-case endpoints prefixed with the service name
    /// (so two services never share a queue), message retry with exponential back-off, then the _error queue.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> configure)
    {
        var rabbit = builder.Configuration.GetSection("RabbitMq").Get<RabbitMqOptions>() ?? new RabbitMqOptions();

        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            configure(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.PublisherConfirmation = true;
                });
                BrokerReconnect.Apply(cfg, rabbit.ReconnectMaxInterval);
                // A backlog (after an outage or a restart) is drained at hundreds of messages a second: each queue has
                // up to ConcurrentMessageLimit messages in hand at once, each in its own transaction.
                cfg.PrefetchCount = rabbit.PrefetchCount;
                cfg.ConcurrentMessageLimit = rabbit.ConcurrentMessageLimit;
                cfg.UseMessageRetry(r => r.Exponential(
                    retryLimit: 5,
                    minInterval: TimeSpan.FromMilliseconds(100),
                    maxInterval: TimeSpan.FromSeconds(5),
                    intervalDelta: TimeSpan.FromMilliseconds(200)));
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
