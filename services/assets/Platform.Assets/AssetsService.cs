using Platform.Data;
using MassTransit;
using Platform.Contracts.Ticketing;

namespace Platform.Assets;

/// <summary>
/// What the assets service is made of, for Program.cs: the platform defaults (auth, database, bus, OpenAPI), the
/// options, the expiry job and the consumers; then the endpoints of each feature (Features/*).
/// </summary>
public static class AssetsService
{
    /// <summary>Builds, maps and runs the service (<see cref="PlatformService.RunAsync"/>): its Program.cs, and the all-in-one host.</summary>
    public static Task RunAsync(string[] args) => PlatformService.RunAsync(args, builder => builder.AddAssets(), app => app.MapAssetsAsync());

    /// <summary>The receive endpoint of <c>TicketCreatedConsumer</c> (the service's name and the consumer's, kebab-case).</summary>
    public const string TicketCreatedEndpoint = "assets-ticket-created";

    public static WebApplicationBuilder AddAssets(this WebApplicationBuilder builder)
    {
        builder.AddPlatformService<AssetsDbContext>("assets", "Assets", AssetsApiDocs.Docs); // defaults, OpenAPI words, auth, database
        builder.AddSettings<AssetsOptions>("Assets",
            (o => o.LicenceExpiryWarningDays is >= 0 and <= 3650 && o.WarrantyExpiryWarningDays is >= 0 and <= 3650,
                "Assets:LicenceExpiryWarningDays and Assets:WarrantyExpiryWarningDays must be between 0 and 3650."),
            (o => o.MaxImportRows is >= 1 and <= 100_000, "Assets:MaxImportRows must be between 1 and 100000."));
        builder.Services.AddHostedSingleton<ExpiryChecker>();
        // Most tickets name no asset; the broker does not send those to the TicketCreated consumer (decision 0023).
        builder.AddBrokerFilter(new BrokerFilter(TicketCreatedEndpoint, typeof(TicketCreated), EventRouting.AssetTagHeader, EventRouting.None));
        builder.AddServiceBus("assets", bus => bus.AddConsumers(typeof(AssetsService).Assembly));
        return builder;
    }

    /// <summary>Migrates the database, then maps the health checks, the Idempotency-Key filter and every feature's endpoints.</summary>
    public static async Task MapAssetsAsync(this WebApplication app)
    {
        await app.MapPlatformServiceAsync<AssetsDbContext>(); // migrate, health, OpenAPI, Idempotency-Key on every POST
        app.MapAssetsApi(); // every route: Features/AssetsRoutes.cs
    }
}
