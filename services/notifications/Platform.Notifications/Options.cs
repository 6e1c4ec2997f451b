namespace Platform.Notifications;

/// <summary>"Notifications" section: people known without identity, digests, the event log.</summary>
public sealed class NotificationsOptions
{
    /// <summary>
    /// People known without identity's events: id → e-mail and roles, written into the directory copy at start-up as
    /// people learnt from a token are (version 0), so identity's PersonJoined/PersonChanged/PersonLeft always win.
    /// Local development seeds the demo users.
    /// </summary>
    public Dictionary<string, DirectoryEntry> Directory { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When set, people without a known address get e-mail at &lt;id&gt;@&lt;domain&gt;.</summary>
    public string? DefaultEmailDomain { get; set; }

    /// <summary>Local hour at which a person's digest goes out.</summary>
    public int DigestHour { get; set; } = 8;

    /// <summary>How long the event log keeps events (and so how far back a replay reaches).</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Where links in e-mails point (the gateway's public URL).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5000/";
}

public sealed class DirectoryEntry
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
}

/// <summary>"Delivery" section: the dispatcher that sends webhooks and e-mails.</summary>
public sealed class DeliveryOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Dispatcher loops per replica (each claims its own batch).</summary>
    public int Workers { get; set; } = 2;

    public int BatchSize { get; set; } = 200;

    /// <summary>Webhook requests in flight at once per loop.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>Fallback poll when no new delivery signals (rows written by another replica, retries coming due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A claimed row is another replica's again after this long (its claimer died).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts before a delivery is parked.</summary>
    public int MaxAttempts { get; set; } = 12;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Circuit breaker per endpoint: opens at this failure ratio over the sampling window (given the throughput).</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether webhooks may go to loopback, private and link-local addresses. Off by default (see
    /// <see cref="PrivateNetworks"/>); on for local development and tests, whose receivers listen on loopback.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>A subscription whose attempts failed this many times in a row is disabled and its owner told.</summary>
    public int DisableAfterFailures { get; set; } = 50;
}

/// <summary>"Email" section: SMTP through MailKit. Off unless configured.</summary>
public sealed class EmailOptions
{
    public bool Enabled { get; set; }
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 25;

    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Platform notifications <notifications@platform.local>";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a connection is kept open after a batch, for the next one (0: closed after each batch). Below the
    /// servers' own idle timeouts (RFC 5321 asks them for at least 5 minutes between commands).
    /// </summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);
}
