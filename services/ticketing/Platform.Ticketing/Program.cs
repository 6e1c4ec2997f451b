using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Ticketing.Domain;
using Platform.Messaging;
using Platform.Data;
using Platform.ServiceDefaults;
using Platform.Ticketing.Consumers;
using Platform.Ticketing.Data;
using Platform.Ticketing.Endpoints;
using Platform.Ticketing.Features;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("ticketing");
builder.Services.AddApiDocs(TicketingApiDocs.Docs); // the OpenAPI document's words (Endpoints/TicketingApiDocs.cs)
builder.AddPlatformAuth();
builder.AddServiceDatabase<TicketingDbContext>("Ticketing");
builder.Services.AddOptions<SlaCheckerOptions>().Bind(builder.Configuration.GetSection("Sla:Checker"));
builder.Services.AddHostedService<SlaBreachChecker>();
builder.Services.AddOptions<TicketOptions>().Bind(builder.Configuration.GetSection("Tickets"))
    .Validate(o => PriorityMatrixIsValid(o), "Tickets:PriorityMatrix holds an impact, urgency or priority that does not exist.")
    .Validate(o => o.SearchRecentWindow >= 1, "Tickets:SearchRecentWindow must be at least 1.")
    .ValidateOnStart();
builder.Services.AddSingleton(sp => PriorityMatrix.From(sp.GetRequiredService<IOptions<TicketOptions>>().Value.PriorityMatrix));
builder.Services.AddOptions<AttachmentOptions>().Bind(builder.Configuration.GetSection("Attachments"))
    .Validate(o => o.MaxBytes is > 0 and <= 100 * 1024 * 1024 && o.AllowedTypes.Length > 0,
        "Attachments:MaxBytes must be between 1 byte and 100 MiB, and Attachments:AllowedTypes must name at least one type.")
    .ValidateOnStart();
builder.Services.AddOptions<InboundOptions>().Bind(builder.Configuration.GetSection("Inbound"));
builder.Services.AddOptions<MailOptions>().Bind(builder.Configuration.GetSection("Inbound:Mail"))
    .Validate(o => o.PollInterval > TimeSpan.Zero && o.Address.Contains('@'), "Inbound:Mail needs a PollInterval above zero and an e-mail Address.")
    .ValidateOnStart();
builder.Services.AddHostedService<MailDrop>();
builder.Services.AddOptions<ProjectsApiOptions>().Bind(builder.Configuration.GetSection("ProjectsApi"));
builder.Services.AddHttpClient<ProjectsClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<ProjectsApiOptions>>().Value.BaseAddress);
builder.AddServiceBus("ticketing", bus => bus.AddConsumers(typeof(ProjectCreatedConsumer).Assembly));

var app = builder.Build();
await app.MigrateDatabaseAsync<TicketingDbContext>();
app.MapDefaultEndpoints();
app.UseIdempotencyKeys<TicketingDbContext>(); // Idempotency-Key on every POST
app.MapTicketEndpoints();
app.MapTicketSearchEndpoints();
app.MapSlaEndpoints();
app.MapQueueEndpoints();
app.MapKbEndpoints();
app.MapCategoryEndpoints();
app.MapHookEndpoints();
app.Run();

public partial class Program
{
    private static bool PriorityMatrixIsValid(TicketOptions options)
    {
        try
        {
            PriorityMatrix.From(options.PriorityMatrix);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
