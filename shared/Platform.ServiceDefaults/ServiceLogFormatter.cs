using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults;

/// <summary>The service a <see cref="ServiceLogFormatter"/> names.</summary>
public sealed class ServiceLogFormatterOptions : ConsoleFormatterOptions
{
    public string Service { get; set; } = "";
}

/// <summary>
/// Console lines that start with the service's name: <c>ticketing info: Category[0] message</c>. For a process that
/// several services share (the all-in-one host, decision 0016), where the categories alone (MassTransit,
/// Microsoft.EntityFrameworkCore, …) do not say whose line it is. Chosen with <c>Logging:Console:FormatterName=service</c>.
/// </summary>
public sealed class ServiceLogFormatter(IOptionsMonitor<ServiceLogFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "service";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;
        textWriter.Write(options.CurrentValue.Service);
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        textWriter.WriteLine(message);
        if (logEntry.Exception is not null) textWriter.WriteLine(logEntry.Exception.ToString());
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
