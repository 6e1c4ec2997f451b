namespace Platform.Notifications.Features.Events;

public sealed record EventTypeResponse(string Name, string Domain, string CloudEventType);

/// <summary>Replay the last <c>days</c> days to one subscription of the caller's (or all of them), optionally only some event types.</summary>
public sealed record ReplayRequest(int? Days, Guid? SubscriptionId, List<string>? EventTypes);

public sealed record ReplayResponse(Guid ReplayId, DateTimeOffset From, IReadOnlyList<Guid> Subscriptions, int Deliveries);

/// <summary>
/// The stored event log, for catching up after an outage: read it as CloudEvents (GET /api/events?days=N, oldest
/// first or with order=desc newest first, paged, optionally only one type or one CloudEvents subject), or have it sent again to your webhooks (POST /api/events/replay): the same CloudEvent ids as the
/// first time, so a receiver that dedupes by id ignores what it already has.
/// </summary>
public static class EventEndpoints
{
    internal static Ok<List<EventTypeResponse>> Types() => TypedResults.Ok(EventCatalog.ByName
        .Select(kv => new EventTypeResponse(kv.Key, EventCatalog.DomainOf(kv.Value), EventCatalog.CloudEventType(EventCatalog.DomainOf(kv.Value), kv.Key)))
        .OrderBy(t => t.Domain, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList());

    private static int MaxDays(NotificationsOptions o) => Math.Max(1, (int)o.EventRetention.TotalDays);

    internal static async Task<Results<Ok<Page<JsonElement>>, ValidationProblem>> List(
        NotificationsDbContext db, TimeProvider clock, IOptions<NotificationsOptions> options, CancellationToken ct,
        int? days = null, string? type = null, string? subject = null, string? order = null, int? limit = null, string? cursor = null)
    {
        var max = MaxDays(options.Value);
        var v = new Validator().Check(days is null || (days >= 1 && days <= max), "days", $"'days' must be between 1 and {max} (the event log's retention).");
        var normalised = type is null ? null : EventCatalog.Normalise(type);
        v.Check(type is null || normalised is not null, "type", $"'{type}' is not an event type of the catalogue.");
        v.Optional("subject", subject, Lengths.EventName);
        var newestFirst = string.Equals(order, "desc", StringComparison.OrdinalIgnoreCase);
        v.Check(order is null || newestFirst || string.Equals(order, "asc", StringComparison.OrdinalIgnoreCase), "order",
            "'order' must be 'asc' (oldest first, the default) or 'desc' (newest first).");
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var since = clock.GetUtcNow().AddDays(-(days ?? 1));
        var query = db.Events.AsNoTracking().Where(e => e.OccurredAt >= since);
        if (normalised is not null and not "*")
            query = normalised.EndsWith(".*", StringComparison.Ordinal)
                ? query.Where(e => e.Domain == normalised.Substring(0, normalised.Length - 2))
                : query.Where(e => e.Type == normalised);
        // The CloudEvents subject: the event's own key (HD-7, ESC-12, AST-00031…), or its project's key or person's id when it has none.
        if (!string.IsNullOrWhiteSpace(subject)) query = query.Where(e => e.Subject == subject.Trim());
        return TypedResults.Ok(await query.ToPageAsync(page, e => e.Seq, newestFirst,
            e => JsonDocument.Parse(WebhookSender.Encode(e).Body).RootElement.Clone(), ct));
    }

    internal static async Task<Results<Accepted<ReplayResponse>, ValidationProblem, ProblemHttpResult>> Replay(
        ReplayRequest request, NotificationsDbContext db, HttpContext http, TimeProvider clock, IOptions<NotificationsOptions> options,
        DeliverySignal signal, CancellationToken ct)
    {
        var max = MaxDays(options.Value);
        var v = new Validator().Check(request.Days is not null && request.Days >= 1 && request.Days <= max, "days",
            $"'days' is required, between 1 and {max} (the event log's retention).");
        var types = request.EventTypes is null ? null : EventTypeList.Validate(v, "eventTypes", request.EventTypes);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var caller = Caller.Of(http);
        var subscriptions = SubscriptionEndpoints.Visible(db, caller).AsNoTracking().Where(s => s.Status == SubscriptionStatus.Active);
        if (request.SubscriptionId is { } sid)
        {
            subscriptions = subscriptions.Where(s => s.Id == sid);
            if (!await SubscriptionEndpoints.Visible(db, caller).AnyAsync(s => s.Id == sid, ct)) return Problems.NotFound("Subscription", sid);
        }
        else if (caller.IsIn(Roles.Admin))
        {
            // An admin replays to the subscriptions they own unless they name another.
            subscriptions = subscriptions.Where(s => s.Owner == caller.Id);
        }

        var targets = await subscriptions.ToListAsync(ct);
        if (targets.Count == 0)
            return Problems.Unprocessable("no-active-subscription", "There is no active subscription to replay to (create or enable one first).");

        var now = clock.GetUtcNow();
        var from = now.AddDays(-request.Days!.Value);
        var replayId = Guid.CreateVersion7();
        var count = 0;
        long after = 0;
        while (true)
        {
            var events = await db.Events.AsNoTracking().Where(e => e.OccurredAt >= from && e.Seq > after)
                .OrderBy(e => e.Seq).Take(500).ToListAsync(ct);
            if (events.Count == 0) break;
            after = events[^1].Seq;
            foreach (var e in events)
            foreach (var s in targets.Where(s => s.Wants(e) && (types is null || EventCatalog.Matches(types, e.Type, e.Domain))))
            {
                db.Deliveries.Add(new DeliveryRecord
                {
                    EventId = e.Id, Target = DeliveryRecord.WebhookTarget(s.Id, replayId), Channel = DeliveryChannel.Webhook, Recipient = s.Owner,
                    SubscriptionId = s.Id, ReplayId = replayId, NextAttemptAt = now, CreatedAt = now,
                });
                count++;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        signal.Wake();
        return TypedResults.Accepted($"/api/deliveries?replayId={replayId}",
            new ReplayResponse(replayId, from, targets.Select(s => s.Id).ToList(), count));
    }
}
