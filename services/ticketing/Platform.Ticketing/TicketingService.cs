using Platform.Data.Reference;
using MassTransit;
using Platform.Messaging;
using Platform.Ticketing.Consumers;
using Platform.Ticketing.Endpoints;
using Platform.Ticketing.Features.Attachments;
using Platform.Ticketing.Features.Categories;
using Platform.Ticketing.Features.Hooks;
using Platform.Ticketing.Features.Knowledge;
using Platform.Ticketing.Features.Projects;
using Platform.Ticketing.Features.Queues;
using Platform.Ticketing.Features.Sla;
using Platform.Ticketing.Jobs;

namespace Platform.Ticketing;

/// <summary>Everything the ticketing service registers (<see cref="AddTicketing"/>) and maps (<see cref="MapTicketingAsync"/>).</summary>
public static class TicketingService
{
    /// <summary>Builds, maps and runs the service (<see cref="PlatformService.RunAsync"/>): its Program.cs, and the all-in-one host.</summary>
    public static Task RunAsync(string[] args) => PlatformService.RunAsync(args, builder => builder.AddTicketing(), app => app.MapTicketingAsync());

    public static WebApplicationBuilder AddTicketing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Ticketing's own work at every save, before the shared outbox and audit interceptors (see TicketingDbContext):
        // registered first, so they run first.
        // Reference data (categories, SLA policies, calendars) cached per process and dropped on every change in any
        // replica (Data/ReferenceData.cs).
        services.AddReferenceCache(ReferenceSnapshot.Channel, "ticketing", "Tickets:CacheReferenceData", ReferenceSnapshot.ReadAsync);
        services.ConfigureDbContext<TicketingDbContext>(
            o => o.AddInterceptors(new SlaClockInterceptor(), new SearchTextInterceptor(), new ReferenceChangeInterceptor<ReferenceSnapshot>(ReferenceSnapshot.Holds)),
            ServiceLifetime.Singleton);
        builder.AddPlatformService<TicketingDbContext>("ticketing", "Ticketing", TicketingApiDocs.Docs); // defaults, OpenAPI words, auth, database

        builder.AddSettings<TicketOptions>(TicketOptions.Section,
            (o => PriorityMatrix.IsValid(o.PriorityMatrix), "Tickets:PriorityMatrix holds an impact, urgency or priority that does not exist."),
            (o => o.SearchRecentWindow >= 1, "Tickets:SearchRecentWindow must be at least 1."),
            (o => o.SearchSparseLimit >= 1, "Tickets:SearchSparseLimit must be at least 1."));
        services.AddSingleton(sp => PriorityMatrix.From(sp.GetRequiredService<IOptions<TicketOptions>>().Value.PriorityMatrix));
        builder.AddSettings<AttachmentOptions>("Attachments",
            (o => o.MaxBytes is > 0 and <= 100 * 1024 * 1024 && o.AllowedTypes.Length > 0,
                "Attachments:MaxBytes must be between 1 byte and 100 MiB, and Attachments:AllowedTypes must name at least one type."));
        builder.AddSettings<InboundOptions>("Inbound");
        builder.AddSettings<ProjectsApiOptions>("ProjectsApi");
        services.AddHttpClient<ProjectsClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<ProjectsApiOptions>>().Value.BaseAddress);

        // Background jobs (Jobs/): the SLA breach checker and the mail drop.
        builder.AddSettings<SlaCheckerOptions>("Sla:Checker");
        services.AddHostedService<SlaBreachChecker>();
        builder.AddSettings<MailOptions>("Inbound:Mail",
            (o => o.PollInterval > TimeSpan.Zero && o.Address.Contains('@'), "Inbound:Mail needs a PollInterval above zero and an e-mail Address."));
        services.AddHostedService<MailDrop>();

        builder.AddServiceBus("ticketing", bus => bus.AddConsumers(typeof(ProjectCreatedConsumer).Assembly));
        return builder;
    }

    /// <summary>Migrates the database, then maps every endpoint; /api/tickets is declared here, once, for all features.</summary>
    public static async Task MapTicketingAsync(this WebApplication app)
    {
        await app.MapPlatformServiceAsync<TicketingDbContext>(); // migrate, health, OpenAPI, Idempotency-Key on every POST

        // Every feature with routes under a ticket hangs them on this one group (in this order, the OpenAPI document's).
        var tickets = app.MapGroup("/api/tickets").RequireAuthorization(Policies.Tickets);
        tickets.MapTicketEndpoints();
        tickets.MapTicketPriorityEndpoints();
        tickets.MapAttachmentEndpoints();
        tickets.MapTicketSearchEndpoints();
        app.MapSlaEndpoints();
        app.MapQueueEndpoints();
        tickets.MapQueueTicketEndpoints();
        app.MapKbEndpoints();
        tickets.MapKbTicketEndpoints();
        app.MapCategoryEndpoints();
        app.MapHookEndpoints();
    }
}
