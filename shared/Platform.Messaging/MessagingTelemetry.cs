using System.Diagnostics;

namespace Platform.Messaging;

public static class MessagingTelemetry
{
    public const string SourceName = "Platform.Messaging";

    public static readonly ActivitySource Source = new(SourceName);
}
