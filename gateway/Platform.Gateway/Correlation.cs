using System.Diagnostics;
using Platform.ServiceDefaults;

namespace Platform.Gateway;

public static class ApiDocuments
{
    /// <summary>Services whose OpenAPI document is routed as /openapi/{service}.json (see appsettings.json).</summary>
    public static readonly string[] Services = ["ticketing", "projects", "assets", "notifications"];
}

public static class CorrelationMiddleware
{
    /// <summary>
    /// Every request that enters the platform carries an X-Correlation-Id downstream: the caller's if it sent a
    /// sane one, else the trace id. The trace itself travels in the W3C traceparent header, which YARP forwards.
    /// </summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Request.Headers;
        var value = headers[ServiceDefaultsExtensions.CorrelationHeader].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value) || value.Length > 128)
            headers[ServiceDefaultsExtensions.CorrelationHeader] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        return next(context);
    });
}
