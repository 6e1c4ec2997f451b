using MassTransit;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.Ticketing.Consumers;
using Platform.Ticketing.Data;
using Platform.Ticketing.Endpoints;
using Platform.Ticketing.Features;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("ticketing");
builder.AddPlatformAuth();
builder.AddServiceDatabase<TicketingDbContext>("Ticketing");
builder.Services.AddOptions<SlaCheckerOptions>().Bind(builder.Configuration.GetSection("Sla:Checker"));
builder.Services.AddHostedService<SlaBreachChecker>();
builder.Services.AddOptions<TicketOptions>().Bind(builder.Configuration.GetSection("Tickets"));
builder.Services.AddOptions<InboundOptions>().Bind(builder.Configuration.GetSection("Inbound"));
builder.AddServiceBus("ticketing", bus => bus.AddConsumers(typeof(ProjectCreatedConsumer).Assembly));

var app = builder.Build();
await app.MigrateDatabaseAsync<TicketingDbContext>();
app.MapDefaultEndpoints();
app.MapTicketEndpoints();
app.MapTicketSearchEndpoints();
app.MapSlaEndpoints();
app.MapQueueEndpoints();
app.MapKbEndpoints();
app.MapCategoryEndpoints();
app.MapHookEndpoints();
app.Run();

public partial class Program;
