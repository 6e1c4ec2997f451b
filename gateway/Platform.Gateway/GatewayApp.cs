using Yarp.ReverseProxy.Transforms;
using Platform.ServiceDefaults;
using Scalar.AspNetCore;

namespace Platform.Gateway;

/// <summary>The gateway: builds, maps and runs it (its Program.cs, and the all-in-one host).</summary>
public static class GatewayApp
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("gateway");
        builder.AddPlatformAuth();
        builder.AddGatewayProtection();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.UseProblemsForRejectedRequests()); // %00 in a path: a ProblemDetails too
        var proxy = builder.Configuration.GetSection("ReverseProxy");
        if (!proxy.GetSection("Routes").GetChildren().Any())
            throw new InvalidOperationException(
                $"No ReverseProxy:Routes configured (content root {builder.Environment.ContentRootPath}); start the gateway from its output folder or pass --contentRoot.");
        builder.Services.AddReverseProxy().LoadFromConfig(proxy).AddTransforms(context => context.AddRequestTransform(ForgedHeaders.StripAsync));

        await using var app = builder.Build();
        app.MapDefaultEndpoints(openApi: false); // the gateway serves the services' documents, not one of its own
        app.UseRateLimiter();
        app.UseRequestSizeLimit(app.Configuration.GetValue("Gateway:MaxRequestBodyBytes", 1L << 20));

        // One API reference for every service, from the OpenAPI documents the gateway routes to.
        app.MapScalarApiReference("/scalar", options =>
        {
            options.WithTitle("Platform API");
            foreach (var service in ApiDocuments.Services)
                options.AddDocument(service, service, $"/openapi/{service}.json");
        }).AllowAnonymous();
        // Everything else ("/{**catch-all}", the lowest route) is the portal's; an API path no service route claims is not
        // a page of the portal but an unknown API route: 404 (a ProblemDetails, from the status code pages), whatever the method.
        app.Map("/api/{**rest}", () => TypedResults.NotFound()).AllowAnonymous().ExcludeFromDescription();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseUpstreamProblems();       // outermost: a 502/504 only once no replica could take the request
            pipeline.UseRetryOnAnotherReplica(); // each retry runs the three below again, without the replicas that failed
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        await app.RunAsync();
    }
}
