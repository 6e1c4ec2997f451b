using Platform.Gateway;
using Platform.ServiceDefaults;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseCorrelationId();

// One API reference for every service, from the OpenAPI documents the gateway routes to.
app.MapScalarApiReference("/scalar", options =>
{
    options.WithTitle("Platform API");
    foreach (var service in ApiDocuments.Services)
        options.AddDocument(service, service, $"/openapi/{service}.json");
});
app.MapReverseProxy();
app.Run();

public partial class Program;
