namespace Platform.Notifications.Endpoints;

/// <summary>
/// The words of the notifications OpenAPI document (summaries, descriptions, error answers, examples), keyed by
/// endpoint name. A new endpoint needs an entry here: the OpenAPI lint test fails on an operation without a summary.
/// </summary>
internal static class NotificationsApiDocs
{
    private const string Integrations = "Admins and integration clients; an integration client sees only its own subscriptions (others answer 404).";

    public static readonly ApiDocs Docs = new()
    {
        Title = "Platform notifications API",
        Description = """
            Who hears of what: every integration event of the platform is stored, turned into inbox items and e-mails
            for people by notification rules, and delivered to third-party webhooks (CloudEvents, HMAC-signed) by
            subscriptions, with a delivery log, redelivery and replay.

            People (`notifications` scope) read their own inbox and set their preferences. Rules, subscriptions,
            deliveries and the event log are for admins and integration clients (role `admin` or `integration`).
            Errors are RFC 9457 ProblemDetails.
            """,
        Tags =
        {
            ["Inbox"] = "The caller's own notifications: list, unread count, mark read.",
            ["Preferences"] = "The caller's notification preferences: channels, daily digest, quiet hours, time zone, e-mail address.",
            ["Rules"] = "Notification rules: which events (types and filters) reach which people (roles, named users, relations to the event) on which channels. Admins change them.",
            ["Subscriptions"] = "Webhook subscriptions of third-party tools: URL, secret, event types and filters; enable, pause, redeliver parked deliveries.",
            ["Deliveries"] = "The delivery log: one row per event and target with its attempts (status code, error, latency), and sending one again.",
            ["Events"] = "The event catalogue and the stored event log as CloudEvents, for catching up after an outage; replay to webhooks.",
        },
        Operations =
        {
            // Inbox and preferences
            ["ListInbox"] = new("List my notifications", "The caller's inbox items newest first, optionally unread only or of one event type, with keyset paging."),
            ["InboxUnreadCount"] = new("Count my unread notifications", "How many of the caller's inbox items are unread."),
            ["MarkInboxItemRead"] = new("Mark a notification read", "Marks one of the caller's inbox items read. Someone else's item answers 404.", [404]),
            ["MarkInboxRead"] = new("Mark all my notifications read", "Marks every unread inbox item of the caller read and says how many."),
            ["GetNotificationPreferences"] = new("Get my notification preferences", "The caller's preferences, or the defaults when never set."),
            ["PutNotificationPreferences"] = new("Set my notification preferences",
                "Inbox, e-mail and daily digest on or off, quiet hours (`quietFrom`/`quietTo` as HH:mm, both or neither; empty strings clear them), IANA time zone and e-mail address; absent fields stay.",
                Example: """{"inbox":true,"email":true,"digest":false,"quietFrom":"20:00","quietTo":"07:30","timeZone":"Asia/Tokyo","emailAddress":"dev.tanaka@example.com"}"""),

            // Rules
            ["ListNotificationRules"] = new("List notification rules", "Every notification rule. Admins and integration clients."),
            ["GetNotificationRule"] = new("Get a notification rule", "One rule by id. Admins and integration clients.", [404]),
            ["CreateNotificationRule"] = new("Create a notification rule",
                "Events (types from GET /api/events/types, with filters by severity, project, priority, category or status) → people (roles, named users, relations: ProjectManager, ProjectSponsor, Requester, Assignee, TeamLead, EventRecipients, AffectedUser, PersonManager) → channels (Inbox, Email). Named users must be active people of the directory (pick them from GET /api/people; 422 `unknown-person` names the others). Admins only (403 for integration clients).",
                [403, 422], """{"name":"Critical escalations to PMO","eventTypes":["ProjectEscalationRaised"],"filters":{"severities":["Critical"],"projectKeys":null,"priorities":null,"categories":null,"statuses":null},"roles":["pmo-analyst"],"users":[],"relations":["ProjectManager"],"channels":["Inbox","Email"],"enabled":true}"""),
            ["UpdateNotificationRule"] = new("Update a notification rule", "Replaces the rule; named users must be active people (422 `unknown-person`). Admins only (403 for integration clients).", [403, 404, 422],
                """{"name":"Critical escalations to PMO","eventTypes":["ProjectEscalationRaised"],"filters":{"severities":["Critical","High"],"projectKeys":null,"priorities":null,"categories":null,"statuses":null},"roles":["pmo-analyst"],"users":[],"relations":["ProjectManager"],"channels":["Inbox"],"enabled":true}"""),
            ["DeleteNotificationRule"] = new("Delete a notification rule", "Removes the rule. Admins only (403 for integration clients).", [403, 404]),

            // Subscriptions
            ["ListSubscriptions"] = new("List webhook subscriptions", "Subscriptions filtered by status or owner, with keyset paging. " + Integrations),
            ["CreateSubscription"] = new("Subscribe a webhook",
                "A webhook for event types (names from GET /api/events/types, `projects.*` for a domain, `*` for all) with filters. `url`: absolute http(s). `secret`: 16–200 characters, or left out to have one generated, shown once in this answer; deliveries are signed with it. " + Integrations,
                Example: """{"url":"https://tools.example.com/hooks/platform","secret":null,"description":"PMO dashboard","eventTypes":["projects.*","TicketPromotedToProject"],"filters":{"severities":null,"projectKeys":["PRJ-7"],"priorities":null,"categories":null,"statuses":null}}"""),
            ["GetSubscription"] = new("Get a webhook subscription", "One subscription by id. " + Integrations, [404]),
            ["UpdateSubscription"] = new("Update a webhook subscription", "Replaces URL, secret, description, event types and filters. " + Integrations, [404],
                """{"url":"https://tools.example.com/hooks/platform","secret":"a-new-secret-of-32-characters-xx","description":"PMO dashboard","eventTypes":["projects.*"],"filters":null}"""),
            ["DeleteSubscription"] = new("Delete a webhook subscription", "Removes the subscription. " + Integrations, [404]),
            ["EnableSubscription"] = new("Enable a webhook subscription",
                "Makes a paused or disabled subscription (one switched off after repeated failures) active again and resets its failure count. " + Integrations, [404]),
            ["PauseSubscription"] = new("Pause a webhook subscription", "Stops deliveries to the subscription until it is enabled again. " + Integrations, [404]),
            ["RedeliverParked"] = new("Redeliver a subscription's parked deliveries",
                "Puts every parked delivery of the subscription back in the queue (202, with how many). A subscription that is not active answers 409 `subscription-not-active`. " + Integrations,
                [404]),

            // Deliveries
            ["ListDeliveries"] = new("List deliveries",
                "The delivery log filtered by status, channel, subscription, event or replay, with keyset paging. Integration clients see the deliveries of their own subscriptions; admins see all, e-mails and digests too."),
            ["GetDelivery"] = new("Get a delivery", "One delivery with its attempts (status code, error, latency). Admins and integration clients.", [404]),
            ["Redeliver"] = new("Send a delivery again",
                "Queues a parked or delivered delivery again (202). A pending one answers 409 `delivery-pending`; one whose subscription is not active 409 `subscription-not-active`. Admins and integration clients.",
                [404]),

            // Events
            ["ListEventTypes"] = new("List event types", "The event catalogue: every event's name, domain and CloudEvents type. Admins and integration clients."),
            ["ListEvents"] = new("Read the event log",
                "Stored events of the last `days` days (up to the log's retention) as CloudEvents, oldest first, optionally of one type, with keyset paging. Admins and integration clients."),
            ["ReplayEvents"] = new("Replay events to webhooks",
                "Sends the events of the last `days` days again to the caller's active subscriptions (or one, `subscriptionId`; an unknown one answers 404), optionally only some event types: the same CloudEvent ids as the first time, so a receiver that dedupes by id ignores what it already has. No active subscription answers 422 `no-active-subscription`. Admins and integration clients.",
                [404, 422], """{"days":2,"subscriptionId":null,"eventTypes":["ProjectEscalationRaised"]}"""),
        },
    };
}
