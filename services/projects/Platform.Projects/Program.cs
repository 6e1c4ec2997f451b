using MassTransit;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.Projects.Consumers;
using Platform.Projects.Data;
using Platform.Projects.Endpoints;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("projects");
builder.AddPlatformAuth();
builder.AddServiceDatabase<ProjectsDbContext>("Projects");
builder.AddServiceBus("projects", bus => bus.AddConsumers(typeof(TicketPromotedToProjectConsumer).Assembly));

var app = builder.Build();
await app.MigrateDatabaseAsync<ProjectsDbContext>();
app.MapDefaultEndpoints();
app.MapProjectEndpoints();
app.Run();

public partial class Program;
