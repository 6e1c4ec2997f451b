using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.People;
using Platform.ServiceDefaults;

namespace Platform.Data;

/// <summary>
/// What every data-owning service starts with, so that its own <c>Add&lt;Service&gt;()</c> and
/// <c>Map&lt;Service&gt;Async()</c> hold only what is its own, and Program.cs is one line.
/// </summary>
public static class PlatformService
{
    /// <summary>
    /// Builds, maps and runs a service: <paramref name="add"/> registers it (<c>builder.AddTicketing()</c>),
    /// <paramref name="map"/> migrates and maps it (<c>app.MapTicketingAsync()</c>).
    /// </summary>
    public static async Task RunAsync(string[] args, Action<WebApplicationBuilder> add, Func<WebApplication, Task> map)
    {
        var builder = WebApplication.CreateBuilder(args);
        add(builder);
        await using var app = builder.Build();
        await map(app);
        await app.RunAsync();
    }

    /// <summary>
    /// The platform's defaults (telemetry, health, ProblemDetails, JSON), the service's OpenAPI words, bearer-token
    /// validation and the service's own database (<see cref="ServiceDatabaseExtensions.AddServiceDatabase{TDbContext}"/>).
    /// </summary>
    public static WebApplicationBuilder AddPlatformService<TDbContext>(this WebApplicationBuilder builder, string name,
        string connectionName, ApiDocs docs) where TDbContext : DbContext
    {
        builder.AddServiceDefaults(name);
        builder.Services.AddApiDocs(docs);
        builder.AddPlatformAuth();
        builder.AddServiceDatabase<TDbContext>(connectionName);
        if (builder.Configuration["People:DirectoryApi"] is { Length: > 0 } directory)
            builder.Services.AddHttpClient<PeopleLookup>(http =>
            {
                http.BaseAddress = new Uri(directory.EndsWith('/') ? directory : directory + "/");
                http.Timeout = TimeSpan.FromSeconds(5);
            });
        return builder;
    }

    /// <summary>
    /// Migrates the service's database, then maps health, OpenAPI, Idempotency-Key on every POST and, where the service
    /// keeps a copy of the people directory, People:LearnFromTokens.
    /// </summary>
    public static async Task MapPlatformServiceAsync<TDbContext>(this WebApplication app) where TDbContext : DbContext
    {
        await app.MigrateDatabaseAsync<TDbContext>();
        app.MapDefaultEndpoints();
        app.UseIdempotencyKeys<TDbContext>();
        using (var scope = app.Services.CreateScope())
            if (scope.ServiceProvider.GetRequiredService<TDbContext>().Model.FindEntityType(typeof(DirectoryPerson)) is not null)
                app.LearnPeopleFromTokens<TDbContext>();
    }
}
