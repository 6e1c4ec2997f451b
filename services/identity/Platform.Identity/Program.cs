using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Identity.Data;
using Platform.Identity.Endpoints;
using Platform.Identity.Server;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("identity");
builder.Services.AddDbContext<IdentityStoreDbContext>(options => options
    .UseNpgsql(
        builder.Configuration.GetConnectionString("Identity")
            ?? throw new InvalidOperationException("Connection string 'Identity' is not configured (ConnectionStrings__Identity)."),
        npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
    .UseSnakeCaseNamingConvention()
    .UseOpenIddict());
builder.Services.AddHealthChecks().AddDbContextCheck<IdentityStoreDbContext>("database", tags: ["ready"]);
builder.AddTokenServer();

var app = builder.Build();
await app.MigrateDatabaseAsync<IdentityStoreDbContext>();
await app.InitializeIdentityAsync();
app.MapDefaultEndpoints();
app.UseAntiforgery();
app.MapConnectEndpoints();
app.MapAccountEndpoints();
app.Run();

public partial class Program;
