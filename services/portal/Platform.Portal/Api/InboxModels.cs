namespace Platform.Portal.Api.Inbox;

// The notifications service's inbox and preferences (services/notifications/Features/Inbox/InboxEndpoints.cs).

public sealed record InboxItem(
    long Id, Guid EventId, string EventType, string? Subject, string Title, string Body, string? Severity, bool Urgent,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>A page of the inbox, newest first, with the unread count.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? NextCursor, int Unread);

public sealed record MarkedRead(int Marked);

/// <summary>
/// The person's channels (in-app inbox, immediate e-mail, daily digest), quiet hours ("HH:mm" in the IANA time zone)
/// and e-mail address. The service offers the channels for every kind of notification alike.
/// </summary>
public sealed record Preferences(
    string UserId, bool Inbox, bool Email, bool Digest, string? QuietFrom, string? QuietTo, string TimeZone, string? EmailAddress);
