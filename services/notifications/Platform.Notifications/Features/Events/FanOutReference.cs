using Platform.Data.Reference;

namespace Platform.Notifications.Features.Events;

/// <summary>
/// What every event's fan-out reads and almost nothing writes: the enabled notification rules and the active webhook
/// subscriptions. Held per process (<see cref="ReferenceCache{TSnapshot}"/>) and dropped on every change in any replica:
/// rule and subscription saves send the notice through the interceptor, the rule delete and the dispatcher's disabling
/// of a failing subscription (bulk statements) send it themselves. Two queries per event, now none while it is held.
/// </summary>
public sealed record FanOutReference(IReadOnlyList<NotificationRule> Rules, IReadOnlyList<Subscription> Subscriptions)
{
    /// <summary>The notification channel of changes to this data.</summary>
    public const string Channel = "notifications_reference";

    /// <summary>Whether a saved entity is part of this data (its change must reach every replica's cache).</summary>
    public static bool Holds(object entity) => entity is NotificationRule or Subscription;

    public static async Task<FanOutReference> ReadAsync(DbContext context, CancellationToken ct)
    {
        var db = (NotificationsDbContext)context;
        var rules = await db.Rules.AsNoTracking().Where(r => r.Enabled).ToListAsync(ct);
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.Status == SubscriptionStatus.Active).ToListAsync(ct);
        return new(rules, subscriptions);
    }
}
