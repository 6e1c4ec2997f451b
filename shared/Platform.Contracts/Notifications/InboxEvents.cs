namespace Platform.Contracts.Notifications;

/// <summary>
/// Notifications put an item into a person's in-app inbox (<see cref="EventType"/>: the event it tells of). A signal
/// for the portal's unread badge: it re-reads the person's inbox through the API. Notifications itself neither fans
/// it out nor offers it to webhooks.
/// </summary>
public sealed record InboxItemAdded(
    string UserId,
    string EventType,
    string? Subject,
    bool Urgent,
    DateTimeOffset OccurredAt) : IIntegrationEvent, IPersonEvent;
