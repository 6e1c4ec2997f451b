using MassTransit;
using Platform.Messaging;
using Platform.Data;
using Platform.ServiceDefaults;
using Platform.Projects.Consumers;
using Platform.Projects.Data;
using Platform.Projects.Endpoints;
using Platform.Projects.Features;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("projects");
builder.Services.AddApiDocs(ProjectsApiDocs.Docs); // the OpenAPI document's words (Endpoints/ProjectsApiDocs.cs)
builder.AddPlatformAuth();
builder.AddServiceDatabase<ProjectsDbContext>("Projects");
builder.Services.AddOptions<ProjectsOptions>().Bind(builder.Configuration.GetSection("Projects"))
    .Validate(o => o.RiskEscalationThreshold is >= 1 and <= 25, "Projects:RiskEscalationThreshold must be between 1 and 25.")
    .ValidateOnStart();
builder.Services.AddSingleton<OverdueMilestoneChecker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<OverdueMilestoneChecker>());
builder.AddServiceBus("projects", bus => bus.AddConsumers(typeof(TicketPromotedToProjectConsumer).Assembly));

var app = builder.Build();
await app.MigrateDatabaseAsync<ProjectsDbContext>();
app.MapDefaultEndpoints();
app.UseIdempotencyKeys<ProjectsDbContext>(); // Idempotency-Key on every POST
var projects = app.MapProjectEndpoints();
projects.MapRiskEndpoints();
projects.MapScheduleEndpoints();
projects.MapDeliverableEndpoints();
app.MapEscalationEndpoints(projects);
app.MapPortfolioEndpoints(projects);
app.MapAllocationEndpoints(projects);
app.MapMeetingEndpoints(projects);
app.MapStatusReportEndpoints(projects);
app.Run();

public partial class Program;
