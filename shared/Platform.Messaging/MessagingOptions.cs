namespace Platform.Messaging;

/// <summary>Broker settings, bound from the "RabbitMq" configuration section.</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>
    /// The nodes of a RabbitMQ cluster, "host:port,host:port,…" (a node without a port takes <see cref="Port"/>). When
    /// set, the bus and the consumer watchdog connect to the first node that answers, in this order, and move to the
    /// next when theirs goes away; <see cref="Host"/> is then not used. Empty: the one broker at Host:Port.
    /// </summary>
    public string Nodes { get; set; } = "";

    /// <summary>The brokers to connect to, in order: the <see cref="Nodes"/>, or Host:Port alone.</summary>
    public IReadOnlyList<(string Host, ushort Port)> Endpoints()
    {
        var nodes = Nodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (nodes.Length == 0) return [(Host, Port)];
        return nodes.Select(node =>
        {
            var colon = node.LastIndexOf(':');
            if (colon < 0) return (node, Port);
            if (!ushort.TryParse(node.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port == 0)
                throw new InvalidOperationException($"RabbitMq:Nodes: '{node}' is not host:port.");
            return (node[..colon], port);
        }).ToArray();
    }

    /// <summary>Unacknowledged messages RabbitMQ hands each of the service's queues at once.</summary>
    /// <summary>
    /// A plain RabbitMQ.Client connection of the service's own, beside MassTransit's (no automatic recovery: its
    /// users reconnect themselves), to any node of a cluster (<see cref="Nodes"/>).
    /// </summary>
    public Task<RabbitMQ.Client.IConnection> ConnectAsync(string clientName, CancellationToken ct) =>
        new RabbitMQ.Client.ConnectionFactory
        {
            VirtualHost = VirtualHost,
            UserName = Username, Password = Password,
            AutomaticRecoveryEnabled = false, ClientProvidedName = clientName,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        }.CreateConnectionAsync(Endpoints().Select(e => new RabbitMQ.Client.AmqpTcpEndpoint(e.Host, e.Port)).ToList(), ct);

    /// <summary>The queue of a receive endpoint, from its input address (rabbitmq://host/vhost/queue).</summary>
    public static string QueueOf(Uri inputAddress) => inputAddress.AbsolutePath.TrimStart('/').Split('/').Last();

    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>Messages one queue's consumer handles at the same time (each in its own transaction).</summary>
    public int ConcurrentMessageLimit { get; set; } = 16;

    /// <summary>
    /// Longest wait between two attempts to reconnect to a broker that went away (MassTransit's own policy waits up to
    /// 30 s, so a service stayed silent for up to half a minute after the broker was back).
    /// </summary>
    public TimeSpan ReconnectMaxInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Declare every consumer's queue as a quorum queue (replicated over a RabbitMQ cluster's nodes; on in the
    /// Kubernetes overlays). Off on one machine. A queue's type is fixed when it is first declared: switching an existing
    /// installation means draining and deleting its queues first (README, "Running on Kubernetes").
    /// </summary>
    public bool QuorumQueues { get; set; }

    /// <summary>How often <see cref="ConsumerWatchdog"/> asks the broker whether each of the service's queues has a consumer.</summary>
    public TimeSpan ConsumerCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A queue of the service without a consumer this long while the broker answers stops the service, to be started
    /// afresh (<see cref="ConsumerWatchdog"/>). Zero turns the watchdog off.
    /// </summary>
    public TimeSpan ConsumerLossLimit { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a stopping service lets a message in hand finish before its consumer is cancelled and the message goes
    /// back to its queue for the next process (a message waiting out a database outage would otherwise hold the stop
    /// for up to a minute, past the host's shutdown timeout).
    /// </summary>
    public TimeSpan ConsumerStopTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Outbox dispatcher settings, bound from the "Outbox" configuration section.</summary>
public sealed class OutboxOptions
{
    /// <summary>Rows claimed and published per transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Fallback poll when no commit signal arrives (another replica wrote the row, or a signal was lost).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts while the broker is unreachable.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one batch may wait for publisher confirms before it is given up and retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How old a row must be before the claim takes it (decision 0022): younger rows of this process's commits are
    /// published from memory, and a claim of them would only publish them twice. Also how long a row handed off by a
    /// process that died before publishing it waits at least.
    /// </summary>
    public TimeSpan HandOffGrace { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A row that failed this often stays in the table, marked with its error, for an operator to look at.</summary>
    public int MaxAttempts { get; set; } = 50;

    /// <summary>Dispatched outbox rows and processed inbox rows are deleted after this long.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Set false to run a service without its dispatcher (tests that simulate a crash before publish).</summary>
    public bool DispatcherEnabled { get; set; } = true;
}
