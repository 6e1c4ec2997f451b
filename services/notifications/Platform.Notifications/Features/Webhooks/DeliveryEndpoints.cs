namespace Platform.Notifications.Features.Webhooks;

public sealed record AttemptResponse(int Number, DateTimeOffset At, string Outcome, int? StatusCode, string? Error, int LatencyMs);

public sealed record DeliveryResponse(
    long Id, Guid EventId, DeliveryChannel Channel, string Target, string Recipient, Guid? SubscriptionId, Guid? ReplayId, DeliveryStatus Status,
    int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError,
    int? LastLatencyMs, IReadOnlyList<AttemptResponse>? AttemptLog)
{
    public static DeliveryResponse From(DeliveryRecord d, IReadOnlyList<AttemptResponse>? attempts = null) => new(
        d.Id, d.EventId, d.Channel, d.Target, d.Recipient, d.SubscriptionId, d.ReplayId, d.Status, d.Attempts, d.NextAttemptAt, d.CreatedAt,
        d.DeliveredAt, d.LastStatusCode, d.LastError, d.LastLatencyMs, attempts);
}

/// <summary>
/// The delivery log: one row per event and target with its attempts (status code, error, latency). Integration
/// clients see the deliveries of their own subscriptions; admins see all (e-mails and digests too). Parked (and
/// delivered) deliveries can be sent again.
/// </summary>
public static class DeliveryEndpoints
{
    private static IQueryable<DeliveryRecord> Visible(NotificationsDbContext db, Caller caller)
    {
        if (caller.IsIn(Roles.Admin)) return db.Deliveries;
        var mine = db.Subscriptions.Where(s => s.Owner == caller.Id).Select(s => s.Id);
        return db.Deliveries.Where(d => d.SubscriptionId != null && mine.Contains(d.SubscriptionId.Value));
    }

    internal static async Task<DeliveryRecord?> FindAsync(NotificationsDbContext db, HttpContext http, string id, CancellationToken ct, bool tracking = false)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key)) return null;
        var query = Visible(db, Caller.Of(http));
        if (!tracking) query = query.AsNoTracking();
        return await query.FirstOrDefaultAsync(d => d.Id == key, ct);
    }

    internal static async Task<Results<Ok<Page<DeliveryResponse>>, ValidationProblem>> List(
        NotificationsDbContext db, HttpContext http, CancellationToken ct, DeliveryStatus? status = null, DeliveryChannel? channel = null,
        Guid? subscriptionId = null, Guid? eventId = null, Guid? replayId = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator()
            .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<DeliveryStatus>())}.")
            .Check(channel is null || Enum.IsDefined(channel.Value), "channel", $"'channel' must be one of: {string.Join(", ", Enum.GetNames<DeliveryChannel>())}.");
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var query = Visible(db, Caller.Of(http)).AsNoTracking();
        if (status is not null) query = query.Where(d => d.Status == status);
        if (channel is not null) query = query.Where(d => d.Channel == channel);
        if (subscriptionId is not null) query = query.Where(d => d.SubscriptionId == subscriptionId);
        if (eventId is not null) query = query.Where(d => d.EventId == eventId);
        if (replayId is not null) query = query.Where(d => d.ReplayId == replayId);
        return TypedResults.Ok(await query.ToPageAsync(page, d => d.Id, newestFirst: true, d => DeliveryResponse.From(d), ct));
    }

    internal static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> Get(string id, NotificationsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await FindAsync(db, http, id, ct);
        if (found is null) return Problems.NotFound("Delivery", id);
        var attempts = await db.Attempts.AsNoTracking().Where(a => a.DeliveryId == found.Id).OrderBy(a => a.Id)
            .Select(a => new AttemptResponse(a.Number, a.At, a.Outcome, a.StatusCode, a.Error, a.LatencyMs)).ToListAsync(ct);
        return TypedResults.Ok(DeliveryResponse.From(found, attempts));
    }

    internal static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> Redeliver(
        string id, NotificationsDbContext db, HttpContext http, TimeProvider clock, DeliverySignal signal, CancellationToken ct)
    {
        var found = await FindAsync(db, http, id, ct, tracking: true);
        if (found is null) return Problems.NotFound("Delivery", id);
        if (found.Status == DeliveryStatus.Pending)
            return Problems.Conflict("delivery-pending", $"Delivery {id} is still pending; it is retried on its own.");
        if (found.SubscriptionId is { } sid && !await db.Subscriptions.AnyAsync(s => s.Id == sid && s.Status == SubscriptionStatus.Active, ct))
            return Problems.Conflict("subscription-not-active", "The delivery's subscription is not active: enable it first.");
        found.Status = DeliveryStatus.Pending;
        found.Attempts = 0;
        found.NextAttemptAt = clock.GetUtcNow();
        found.LeaseUntil = null;
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return TypedResults.Accepted($"/api/deliveries/{found.Id}", DeliveryResponse.From(found));
    }
}
