using Platform.Data;
using Platform.Notifications.Features;
using MassTransit;
using Platform.Data.Reference;
using Platform.Messaging.Inbox;

namespace Platform.Notifications;

/// <summary>
/// What the notifications service is made of, for Program.cs: the platform defaults (auth, database, bus, OpenAPI),
/// the options, a consumer per event of the catalogue and the people directory's consumer, the fan-out and the senders, the delivery job; then the
/// endpoints of each feature (Features/*).
/// </summary>
public static class NotificationsService
{
    /// <summary>Builds, maps and runs the service (<see cref="PlatformService.RunAsync"/>): its Program.cs, and the all-in-one host.</summary>
    public static Task RunAsync(string[] args) => PlatformService.RunAsync(args, builder => builder.AddNotifications(), app => app.MapNotificationsAsync());

    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        // The rules and webhook subscriptions every fan-out reads, cached per process and dropped on every change in any
        // replica (Features/Events/FanOutReference.cs); Notifications:CacheReferenceData=false turns the cache off.
        builder.Services.AddReferenceCache(FanOutReference.Channel, "notifications", "Notifications:CacheReferenceData", FanOutReference.ReadAsync);
        // The people directory copy and the preferences, the same way (Data/PeopleSnapshot.cs; a trigger sends the notice of
        // every change to them); Notifications:CachePeople=false turns that cache off.
        builder.Services.AddReferenceCache(PeopleSnapshot.Channel, "notifications", "Notifications:CachePeople", PeopleSnapshot.ReadAsync);
        builder.Services.ConfigureDbContext<NotificationsDbContext>(
            o => o.AddInterceptors(new ReferenceChangeInterceptor<FanOutReference>(FanOutReference.Holds),
                new ReferenceChangeInterceptor<PeopleSnapshot>(PeopleSnapshot.Holds)), ServiceLifetime.Singleton);
        builder.AddPlatformService<NotificationsDbContext>("notifications", "Notifications", NotificationsApiDocs.Docs); // defaults, OpenAPI words, auth, database
        builder.AddSettings<NotificationsOptions>("Notifications",
            (o => o.DigestHour is >= 0 and <= 23, "Notifications:DigestHour must be between 0 and 23."));
        builder.AddSettings<DeliveryOptions>("Delivery",
            (o => o.MaxAttempts >= 1 && o.BatchSize >= 1 && o.MaxConcurrency >= 1 && o.Workers >= 1, "Delivery: MaxAttempts, BatchSize, MaxConcurrency and Workers must be at least 1."),
            (o => o.BreakDuration >= TimeSpan.FromMilliseconds(500), "Delivery:BreakDuration must be at least 00:00:00.5."));
        builder.AddSettings<EmailOptions>("Email",
            (o => !o.Enabled || (!string.IsNullOrWhiteSpace(o.Host) && o.Port is > 0 and < 65536
                && Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.Security, true, out _) && MimeKit.MailboxAddress.TryParse(o.From, out _)),
                "Email: Host, Port, Security (None, Auto, StartTls, StartTlsWhenAvailable, SslOnConnect) and From must be valid when Enabled."),
            (o => o.KeepAlive >= TimeSpan.Zero, "Email:KeepAlive must not be negative (0 closes each connection after its batch)."));
        builder.Services.AddScoped<FanOut>();
        builder.AddInboxBatching<NotificationsDbContext>(); // the events' consumers commit together (EventConsumer)
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddHostedSingleton<DeliveryDispatcher>();
        builder.AddServiceBus("notifications", bus =>
        {
            // Every event of the catalogue, including types added to Platform.Contracts later.
            foreach (var type in EventCatalog.ByName.Values) bus.AddConsumer(typeof(EventConsumer<>).MakeGenericType(type));
            // The copy of the people directory (queue notifications-people-directory): roles, e-mails, leavers.
            bus.AddConsumer<PeopleDirectoryConsumer>();
        });
        return builder;
    }

    /// <summary>Migrates and seeds the database, then maps the health checks, the Idempotency-Key filter and every feature's endpoints.</summary>
    public static async Task MapNotificationsAsync(this WebApplication app)
    {
        await app.MapPlatformServiceAsync<NotificationsDbContext>(); // migrate, health, OpenAPI, Idempotency-Key on every POST
        await app.SeedAsync();
        app.MapNotificationsApi(); // every route: Features/NotificationsRoutes.cs
    }
}
