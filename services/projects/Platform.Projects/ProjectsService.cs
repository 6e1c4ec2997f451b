using MassTransit;
using Platform.Projects.Consumers;
using Platform.Projects.Endpoints;
using Platform.Projects.Jobs;

namespace Platform.Projects;

/// <summary>
/// The projects service in two calls: <see cref="AddProjects"/> registers everything (database, auth, bus and its
/// consumers, options, the overdue-milestone job), <see cref="MapProjects"/> maps every route. Each capability's routes,
/// requests, validation and handlers live together under Features/&lt;Capability&gt;/; the route table is Features/ProjectsRoutes.cs.
/// </summary>
public static class ProjectsService
{
    /// <summary>Builds, maps and runs the service (<see cref="PlatformService.RunAsync"/>): its Program.cs, and the all-in-one host.</summary>
    public static Task RunAsync(string[] args) => PlatformService.RunAsync(args, builder => builder.AddProjects(), app => app.MapProjectsAsync());

    public static WebApplicationBuilder AddProjects(this WebApplicationBuilder builder)
    {
        builder.AddPlatformService<ProjectsDbContext>("projects", "Projects", ProjectsApiDocs.Docs); // defaults, OpenAPI words, auth, database
        builder.AddSettings<ProjectsOptions>("Projects",
            (o => o.RiskEscalationThreshold is >= 1 and <= 25, "Projects:RiskEscalationThreshold must be between 1 and 25."),
            (o => Money.IsCurrency(o.DefaultCurrency), "Projects:DefaultCurrency must be an ISO 4217 code in capitals (JPY)."),
            (o => o.Cost.IsValid, "Projects:Cost: 0 < CpiRed ≤ CpiAmber, 0 < SpiRed ≤ SpiAmber, OverrunShare ≥ 0."));
        builder.Services.AddHostedSingleton<OverdueMilestoneChecker>();
        builder.AddServiceBus("projects", bus => bus.AddConsumers(typeof(TicketPromotedToProjectConsumer).Assembly));
        return builder;
    }

    /// <summary>Migrates the database, then maps health checks, the Idempotency-Key filter and every route.</summary>
    public static async Task MapProjectsAsync(this WebApplication app)
    {
        await app.MapPlatformServiceAsync<ProjectsDbContext>(); // migrate, health, OpenAPI, Idempotency-Key on every POST
        app.MapProjectsApi(); // every route: Features/ProjectsRoutes.cs
    }
}
