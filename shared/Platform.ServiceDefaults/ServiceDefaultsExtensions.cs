using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

public static partial class ServiceDefaultsExtensions
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>Activity sources every service listens to (MassTransit's and our outbox's).</summary>
    private static readonly string[] TraceSources = ["MassTransit", "Platform.Messaging"];

    /// <summary>
    /// What every service has: OpenTelemetry (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set), ProblemDetails for
    /// every error, JSON with string enums, health checks, OpenAPI, and typed HTTP clients with resilience.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddTraceContext();
        builder.AddTelemetry(serviceName);
        // Lines that name the service, for a process several services share (Logging:Console:FormatterName=service).
        builder.Logging.AddConsoleFormatter<ServiceLogFormatter, ServiceLogFormatterOptions>(o => o.Service = serviceName);
        builder.AddSettings<MemoryOptions>("Memory",
            (o => o.IdleCheckInterval > TimeSpan.Zero, "Memory:IdleCheckInterval must be positive (e.g. 00:00:10)."),
            (o => o.IdleAllocationBytes >= 0 && o.TrimThresholdBytes >= 0, "Memory:IdleAllocationBytes and Memory:TrimThresholdBytes cannot be negative."));
        builder.Services.AddHostedSingleton<IdleMemoryTrimmer>();

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}";
            context.ProblemDetails.Extensions["traceId"] = TraceContext.TraceIdOf(context.HttpContext);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures (malformed JSON, unknown enum values) throw, so the exception handler words them.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options =>
        {
            ConfigureJson(options.SerializerOptions);
            EdgeInput.Configure(options.SerializerOptions); // request bodies: no control characters, dates 1900–2999
        });

        builder.Services.AddHealthChecks();
        // "servers" is the relative "/": clients (the gateway's API reference) call the origin they fetched the
        // document from, the gateway, which routes /api/... to the service.
        // Every call takes a bearer token: the document says so, so the API reference asks for one.
        // The service's own words (summaries, tags, errors per operation) come from ApiDocs (AddApiDocs).
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = "/", Description = "The gateway (the origin this document was fetched from)" }];
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from /connect/token (see README).",
            };
            document.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement
            {
                [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("bearer", document)] = [],
            }];
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return builder;
    }

    public static void ConfigureJson(System.Text.Json.JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    private static void AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // Console export of spans, for local diagnosis and for the end-to-end trace test.
        var console = builder.Configuration.GetValue("Telemetry:ConsoleExporter", false);

        // No exporter, no telemetry pipeline: spans and metrics nobody reads are pure per-request cost. Trace ids still
        // flow (see TraceContext).
        if (!otlp && !console) return;

        if (otlp)
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
                logging.AddOtlpExporter();
            });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddSource("Npgsql")
                    .AddSource(TraceSources);
                if (otlp) tracing.AddOtlpExporter();
                if (console) tracing.AddConsoleExporter();
            });
        if (otlp)
            telemetry.WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddOtlpExporter());
    }

    /// <summary>Error handling, correlation id, /health/live, /health/ready and the OpenAPI document.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, bool openApi = true)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        LogStartUp(app);
        app.Use(CorrelationAsync);
        app.Use(EdgeInput.CheckRequestAsync);

        // Liveness: the process answers. Readiness: its database and broker answer too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        if (openApi) app.MapOpenApi().AllowAnonymous();
        if (app.Services.GetService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>() is not null)
            app.UseAuthentication();
        if (app.Services.GetService<Microsoft.AspNetCore.Authorization.IAuthorizationService>() is not null)
            app.UseAuthorization();
        return app;
    }

    /// <summary>One line when the host has started: wall and CPU time since the process began (start-up under load is
    /// watched by the fault suite; this says where a slow one stands).</summary>
    private static void LogStartUp(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Startup");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            using var process = Process.GetCurrentProcess();
            LogStarted(logger, (DateTime.Now - process.StartTime).TotalMilliseconds, process.TotalProcessorTime.TotalMilliseconds);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Elapsed:F0} ms after the process began ({Cpu:F0} ms of CPU)")]
    private static partial void LogStarted(ILogger logger, double elapsed, double cpu);

    /// <summary>
    /// Every response names its trace: <c>X-Correlation-Id</c> (the trace id) and <c>traceresponse</c> (W3C Trace Context
    /// Level 2). Set when the response starts, overwriting: behind the gateway the proxied response already carries the
    /// service's copies (same trace, the service's span), and the caller must see each header once, the gateway's.
    /// </summary>
    private static Task CorrelationAsync(HttpContext context, Func<Task> next)
    {
        // A caller's X-Correlation-Id that is not a trace id names nothing here; keep it on the span for a search.
        var sent = context.Request.Headers[CorrelationHeader].FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(sent) && sent.Length <= 128 && Activity.Current is { IsAllDataRequested: true } activity)
            activity.SetTag("correlation.id", sent);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationHeader] = TraceContext.TraceIdOf(context);
            if (TraceContext.TraceResponseOf(context) is { } traceResponse)
                context.Response.Headers[TraceContext.TraceResponseHeader] = traceResponse;
            return Task.CompletedTask;
        });
        return next();
    }
}
