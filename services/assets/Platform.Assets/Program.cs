using MassTransit;
using Platform.Assets.Consumers;
using Platform.Assets.Data;
using Platform.Assets.Endpoints;
using Platform.Assets.Features;
using Platform.Messaging;
using Platform.Data;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("assets");
builder.Services.AddApiDocs(AssetsApiDocs.Docs); // the OpenAPI document's words (Endpoints/AssetsApiDocs.cs)
builder.AddPlatformAuth();
builder.AddServiceDatabase<AssetsDbContext>("Assets");
builder.Services.AddOptions<AssetsOptions>().Bind(builder.Configuration.GetSection("Assets"))
    .Validate(o => o.LicenceExpiryWarningDays is >= 0 and <= 3650 && o.WarrantyExpiryWarningDays is >= 0 and <= 3650,
        "Assets:LicenceExpiryWarningDays and Assets:WarrantyExpiryWarningDays must be between 0 and 3650.")
    .Validate(o => o.MaxImportRows is >= 1 and <= 100_000, "Assets:MaxImportRows must be between 1 and 100000.")
    .ValidateOnStart();
builder.Services.AddSingleton<ExpiryChecker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpiryChecker>());
builder.AddServiceBus("assets", bus => bus.AddConsumers(typeof(ProjectMemberAddedConsumer).Assembly));

var app = builder.Build();
await app.MigrateDatabaseAsync<AssetsDbContext>();
app.MapDefaultEndpoints();
app.UseIdempotencyKeys<AssetsDbContext>(); // Idempotency-Key on every POST
app.MapAssetEndpoints();
app.MapLicenceEndpoints();
app.MapKittingEndpoints();
app.MapProcurementEndpoints();
app.Run();

public partial class Program;
