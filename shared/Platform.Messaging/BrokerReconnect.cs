using System.Reflection;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging;

/// <summary>
/// How soon a service reconnects to RabbitMQ after it went away. MassTransit 8's RabbitMQ host retries with an
/// exponential back-off from 3 s to 30 s (RabbitMqHostConfiguration), fixed in its constructor: after a 30 s outage a
/// service published and consumed nothing for up to 30 s more (36 s measured), while the backlog grew. This replaces
/// that policy with the same exceptions handled and a short ceiling (<see cref="RabbitMqOptions.ReconnectMaxInterval"/>).
/// MassTransit offers no setting for it, so it is set by reflection on the one field that holds it; if a MassTransit
/// update renames that field, start-up fails loudly here (and BrokerReconnectTests) instead of the fix silently going.
/// </summary>
public static class BrokerReconnect
{
    private const string HostConfigurationField = "_hostConfiguration";
    private const string PolicyField = "<ReceiveTransportRetryPolicy>k__BackingField";

    public static IRetryPolicy Policy(TimeSpan maxInterval) => Retry.CreatePolicy(x =>
    {
        x.Handle<ConnectionException>();
        x.Handle<AlreadyClosedException>();
        x.Handle<EndOfStreamException>();
        x.Handle<OperationInterruptedException>(exception => exception.ChannelShouldBeClosed());
        x.Handle<NotSupportedException>(exception => exception.Message.Contains("Pipelining of requests forbidden"));
        x.Ignore<AuthenticationFailureException>();
        var min = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(250).Ticks, maxInterval.Ticks));
        x.Exponential(int.MaxValue, min, maxInterval, min);
    });

    /// <summary>Applies <see cref="Policy"/> to the bus being configured; returns the host configuration it changed.</summary>
    public static object Apply(IRabbitMqBusFactoryConfigurator configurator, TimeSpan maxInterval)
    {
        var host = configurator.GetType().GetField(HostConfigurationField, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(configurator);
        var field = host?.GetType().GetField(PolicyField, BindingFlags.Instance | BindingFlags.NonPublic);
        if (host is null || field is null || !typeof(IRetryPolicy).IsAssignableFrom(field.FieldType))
            throw new InvalidOperationException(
                $"MassTransit's RabbitMQ host configuration no longer has {HostConfigurationField}.{PolicyField}; see {nameof(BrokerReconnect)}.");
        field.SetValue(host, Policy(maxInterval));
        return host;
    }

    /// <summary>The reconnect policy in force on a host configuration (for tests).</summary>
    public static IRetryPolicy? Current(object hostConfiguration) =>
        hostConfiguration.GetType().GetField(PolicyField, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(hostConfiguration) as IRetryPolicy;
}
