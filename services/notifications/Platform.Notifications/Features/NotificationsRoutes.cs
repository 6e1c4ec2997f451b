namespace Platform.Notifications.Features;

/// <summary>
/// Every route of the notifications API in one table: method, path, handler, and endpoint name (the key of its words in
/// Endpoints/NotificationsApiDocs.cs; the OpenAPI lint fails on a name without words). The handlers, their requests and
/// their validation live with their capability under Features/&lt;Capability&gt;/. The caller's own inbox and preferences
/// need the notifications scope; rules, webhooks, deliveries and the event log need an admin or an integration client.
/// </summary>
public static class NotificationsRoutes
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        // Inbox and preferences: Features/Inbox/InboxEndpoints.cs
        var inbox = app.MapGroup("/api/inbox").WithTags("Inbox").RequireAuthorization(Policies.Notifications);
        inbox.MapGet("/", InboxEndpoints.List).WithName("ListInbox");
        inbox.MapGet("/unread-count", InboxEndpoints.Unread).WithName("InboxUnreadCount");
        inbox.MapPost("/{id}/read", InboxEndpoints.MarkRead).WithName("MarkInboxItemRead");
        inbox.MapPost("/read-all", InboxEndpoints.MarkAllRead).WithName("MarkInboxRead");
        var preferences = app.MapGroup("/api/notification-preferences").WithTags("Preferences").RequireAuthorization(Policies.Notifications);
        preferences.MapGet("/", InboxEndpoints.GetPreferences).WithName("GetNotificationPreferences");
        preferences.MapPut("/", InboxEndpoints.PutPreferences).WithName("PutNotificationPreferences");

        // Rules: Features/Rules/RuleEndpoints.cs
        var rules = app.MapGroup("/api/notification-rules").WithTags("Rules").RequireAuthorization(Policies.NotificationsIntegrations);
        rules.MapGet("/", RuleEndpoints.List).WithName("ListNotificationRules");
        rules.MapGet("/{id}", RuleEndpoints.Get).WithName("GetNotificationRule");
        rules.MapPost("/", RuleEndpoints.Create).WithName("CreateNotificationRule");
        rules.MapPut("/{id}", RuleEndpoints.Update).WithName("UpdateNotificationRule");
        rules.MapDelete("/{id}", RuleEndpoints.Delete).WithName("DeleteNotificationRule");

        // Webhook subscriptions: Features/Webhooks/SubscriptionEndpoints.cs
        var subscriptions = app.MapGroup("/api/subscriptions").WithTags("Subscriptions").RequireAuthorization(Policies.NotificationsIntegrations);
        subscriptions.MapGet("/", SubscriptionEndpoints.List).WithName("ListSubscriptions");
        subscriptions.MapPost("/", SubscriptionEndpoints.Create).WithName("CreateSubscription");
        subscriptions.MapGet("/{id}", SubscriptionEndpoints.Get).WithName("GetSubscription");
        subscriptions.MapPut("/{id}", SubscriptionEndpoints.Update).WithName("UpdateSubscription");
        subscriptions.MapDelete("/{id}", SubscriptionEndpoints.Delete).WithName("DeleteSubscription");
        subscriptions.MapPost("/{id}/enable", SubscriptionEndpoints.Enable).WithName("EnableSubscription");
        subscriptions.MapPost("/{id}/pause", SubscriptionEndpoints.Pause).WithName("PauseSubscription");
        subscriptions.MapPost("/{id}/redeliver", SubscriptionEndpoints.Redeliver).WithName("RedeliverParked");

        // Delivery log: Features/Webhooks/DeliveryEndpoints.cs
        var deliveries = app.MapGroup("/api/deliveries").WithTags("Deliveries").RequireAuthorization(Policies.NotificationsIntegrations);
        deliveries.MapGet("/", DeliveryEndpoints.List).WithName("ListDeliveries");
        deliveries.MapGet("/{id}", DeliveryEndpoints.Get).WithName("GetDelivery");
        deliveries.MapPost("/{id}/redeliver", DeliveryEndpoints.Redeliver).WithName("Redeliver");

        // Event log: Features/Events/EventEndpoints.cs
        var events = app.MapGroup("/api/events").WithTags("Events").RequireAuthorization(Policies.NotificationsIntegrations);
        events.MapGet("/types", EventEndpoints.Types).WithName("ListEventTypes");
        events.MapGet("/", EventEndpoints.List).WithName("ListEvents");
        events.MapPost("/replay", EventEndpoints.Replay).WithName("ReplayEvents");
    }
}
