using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults;

/// <summary>
/// How a service registers its settings and its background jobs, said once: a settings class bound to its section of
/// the configuration and checked at start-up, and a job that is one instance, run as a hosted service.
/// </summary>
public static class Settings
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to the configuration section <paramref name="section"/> (<c>Assets</c>,
    /// <c>Inbound:Mail</c>…). With <paramref name="rules"/>, each rule is checked at start-up and the service does not
    /// start while one fails (its message says what to fix).
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IHostApplicationBuilder builder, string section,
        params (Func<T, bool> IsValid, string Message)[] rules) where T : class
    {
        var options = builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section));
        foreach (var (isValid, message) in rules) options.Validate(isValid, message);
        return rules.Length > 0 ? options.ValidateOnStart() : options;
    }

    /// <summary>
    /// A background job (a polling worker, a dispatcher) as one instance that the host runs and that endpoints and
    /// tests can also reach (to run a pass now, or to wake it).
    /// </summary>
    public static IServiceCollection AddHostedSingleton<T>(this IServiceCollection services) where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
        return services;
    }
}
