namespace Platform.Notifications.Domain;

/// <summary>
/// The longest text each kind of field holds: the column sizes of the mapping (Data/Configurations/) and
/// the limits the API checks and the fan-out clips to, so that the two cannot drift apart.
/// </summary>
public static class Lengths
{
    /// <summary>A user id (owner, recipient, requester…), a display name, a rule's or a secret's text.</summary>
    public const int Person = 200;

    /// <summary>An event type, or an event's subject (a ticket key, an escalation key…).</summary>
    public const int EventName = 200;

    /// <summary>A project key, a ticket key, a domain, a severity, a status or a role.</summary>
    public const int Key = 50;

    /// <summary>An e-mail address (RFC 5321).</summary>
    public const int Email = 320;

    /// <summary>An IANA time zone id.</summary>
    public const int TimeZone = 100;

    /// <summary>An inbox item's title.</summary>
    public const int Title = 300;

    /// <summary>An inbox item's body.</summary>
    public const int Body = 4_000;

    /// <summary>A webhook's URL, and the error a delivery attempt ended with.</summary>
    public const int Long = 2_000;

    /// <summary>A webhook's description, and why it was disabled.</summary>
    public const int Description = 500;
}
