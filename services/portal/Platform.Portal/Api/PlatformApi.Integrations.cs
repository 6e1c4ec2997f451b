namespace Platform.Portal.Api;

// The admin's integration screens: webhook subscriptions, their delivery log and redelivery, notification rules
// (notifications' API, admins only by the service's rule: others get 403/404 and the portal shows not found).
public sealed partial class PlatformApi
{
    private static string S(Guid id) => $"api/subscriptions/{id}";

    public Task<ApiResult<IReadOnlyList<EventTypeInfo>>> EventTypesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<EventTypeInfo>>("api/events/types", ct);

    public Task<ApiResult<Page<Subscription>>> SubscriptionsAsync(string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<Subscription>>($"api/subscriptions?limit=50{Cursor(cursor)}", ct);

    public Task<ApiResult<Subscription>> SubscriptionAsync(Guid id, CancellationToken ct = default) => GetAsync<Subscription>(S(id), ct);

    /// <summary>Creates a subscription; the answer carries its secret, shown this once.</summary>
    public Task<ApiResult<Subscription>> CreateSubscriptionAsync(SubscriptionDraft draft, CancellationToken ct = default) =>
        PostAsync<Subscription>("api/subscriptions", draft, ct);

    public Task<ApiResult<Subscription>> UpdateSubscriptionAsync(Guid id, SubscriptionDraft draft, CancellationToken ct = default) =>
        SendAsync<Subscription>(HttpMethod.Put, S(id), draft, ct);

    public Task<ApiResult<bool>> DeleteSubscriptionAsync(Guid id, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, S(id), null, ct);

    public Task<ApiResult<Subscription>> EnableSubscriptionAsync(Guid id, CancellationToken ct = default) =>
        PostAsync<Subscription>($"{S(id)}/enable", new { }, ct);

    public Task<ApiResult<Subscription>> PauseSubscriptionAsync(Guid id, CancellationToken ct = default) =>
        PostAsync<Subscription>($"{S(id)}/pause", new { }, ct);

    /// <summary>Sends every parked delivery of the subscription again (202 with how many).</summary>
    public Task<ApiResult<Requeued>> RedeliverParkedAsync(Guid id, CancellationToken ct = default) =>
        PostAsync<Requeued>($"{S(id)}/redeliver", new { }, ct);

    /// <summary>The delivery log of a subscription, newest first, optionally one status.</summary>
    public Task<ApiResult<Page<Delivery>>> DeliveriesAsync(Guid subscription, string? status, string? cursor, CancellationToken ct = default)
    {
        var url = $"api/deliveries?subscriptionId={subscription}&limit=25{Cursor(cursor)}";
        if (!string.IsNullOrEmpty(status)) url += $"&status={Uri.EscapeDataString(status)}";
        return GetAsync<Page<Delivery>>(url, ct);
    }

    /// <summary>One delivery with its attempts (status code, error, latency each).</summary>
    public Task<ApiResult<Delivery>> DeliveryAsync(long id, CancellationToken ct = default) => GetAsync<Delivery>($"api/deliveries/{id}", ct);

    public Task<ApiResult<Delivery>> RedeliverAsync(long id, CancellationToken ct = default) =>
        PostAsync<Delivery>($"api/deliveries/{id}/redeliver", new { }, ct);

    public Task<ApiResult<IReadOnlyList<NotificationRule>>> RulesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<NotificationRule>>("api/notification-rules", ct);

    public Task<ApiResult<NotificationRule>> RuleAsync(Guid id, CancellationToken ct = default) =>
        GetAsync<NotificationRule>($"api/notification-rules/{id}", ct);

    public Task<ApiResult<NotificationRule>> CreateRuleAsync(RuleDraft draft, CancellationToken ct = default) =>
        PostAsync<NotificationRule>("api/notification-rules", draft, ct);

    public Task<ApiResult<NotificationRule>> UpdateRuleAsync(Guid id, RuleDraft draft, CancellationToken ct = default) =>
        SendAsync<NotificationRule>(HttpMethod.Put, $"api/notification-rules/{id}", draft, ct);

    public Task<ApiResult<bool>> DeleteRuleAsync(Guid id, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"api/notification-rules/{id}", null, ct);
}

// Ticketing's SLA configuration: business calendars (working hours, holidays) and SLA policies.
public sealed partial class PlatformApi
{
    public Task<ApiResult<IReadOnlyList<BusinessCalendar>>> CalendarsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<BusinessCalendar>>("api/calendars", ct);

    public Task<ApiResult<BusinessCalendar>> CreateCalendarAsync(CalendarDraft draft, CancellationToken ct = default) =>
        PostAsync<BusinessCalendar>("api/calendars", draft, ct);

    public Task<ApiResult<BusinessCalendar>> UpdateCalendarAsync(Guid id, CalendarDraft draft, CancellationToken ct = default) =>
        SendAsync<BusinessCalendar>(HttpMethod.Put, $"api/calendars/{id}", draft, ct);

    public Task<ApiResult<IReadOnlyList<SlaPolicy>>> SlaPoliciesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<SlaPolicy>>("api/sla-policies", ct);

    public Task<ApiResult<SlaPolicy>> CreateSlaPolicyAsync(SlaPolicyDraft draft, CancellationToken ct = default) =>
        PostAsync<SlaPolicy>("api/sla-policies", draft, ct);

    public Task<ApiResult<SlaPolicy>> UpdateSlaPolicyAsync(Guid id, SlaPolicyDraft draft, CancellationToken ct = default) =>
        SendAsync<SlaPolicy>(HttpMethod.Put, $"api/sla-policies/{id}", draft, ct);
}
