using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>One log entry a hosted service wrote, with its exception's text (inner exceptions included).</summary>
public sealed record CapturedLog(DateTimeOffset At, LogLevel Level, string Category, string Message, string? Exception)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} {Level} {Category}: {Message}{(Exception is null ? "" : " | " + Exception)}";
}

/// <summary>
/// Keeps every warning and error a hosted service logs, so that a test can assert that something did not happen
/// on the way (a save that failed and was retried, a MassTransit retry), not only that the end state is right.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToArray();

    /// <summary>Entries whose message or exception text contains <paramref name="text"/> (ordinal).</summary>
    public IReadOnlyList<CapturedLog> Containing(string text) =>
        _entries.Where(e => e.Message.Contains(text, StringComparison.Ordinal) || (e.Exception?.Contains(text, StringComparison.Ordinal) ?? false)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner._entries.Enqueue(new CapturedLog(DateTimeOffset.UtcNow, logLevel, category, formatter(state, exception), exception?.ToString()));
        }
    }
}
