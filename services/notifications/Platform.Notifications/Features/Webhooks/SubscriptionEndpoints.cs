namespace Platform.Notifications.Features.Webhooks;

/// <summary>
/// A webhook subscription. <c>url</c>: absolute http(s). <c>secret</c>: 16-200 characters, or left out to have one
/// generated (shown once, in the response to the create). <c>eventTypes</c>: names from GET /api/events/types,
/// "projects.*" for a domain, "*" for all.
/// </summary>
public sealed record SubscriptionRequest(string? Url, string? Secret, string? Description, List<string>? EventTypes, FiltersRequest? Filters);

public sealed record SubscriptionResponse(
    Guid Id, string Owner, string Url, string? Description, IReadOnlyList<string> EventTypes, Filters Filters, SubscriptionStatus Status,
    string? DisabledReason, DateTimeOffset? DisabledAt, int ConsecutiveFailures, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? Secret)
{
    public static SubscriptionResponse From(Subscription s, bool withSecret = false) => new(s.Id, s.Owner, s.Url, s.Description, s.EventTypes,
        s.Filters, s.Status, s.DisabledReason, s.DisabledAt, s.ConsecutiveFailures, s.CreatedAt, s.UpdatedAt, withSecret ? s.Secret : null);
}

public sealed record Requeued(int Deliveries);

/// <summary>
/// Webhook subscriptions, managed by admins and integration clients. An integration client sees and changes only
/// its own (owner = its client id); admins see all. Others' subscriptions answer 404.
/// </summary>
public static class SubscriptionEndpoints
{
    /// <summary>The caller's subscriptions (all of them for an admin).</summary>
    public static IQueryable<Subscription> Visible(NotificationsDbContext db, Caller caller) =>
        caller.IsIn(Roles.Admin) ? db.Subscriptions : db.Subscriptions.Where(s => s.Owner == caller.Id);

    internal static async Task<Subscription?> FindAsync(NotificationsDbContext db, HttpContext http, string id, CancellationToken ct) =>
        Guid.TryParse(id, out var key) ? await Visible(db, Caller.Of(http)).FirstOrDefaultAsync(s => s.Id == key, ct) : null;

    internal static async Task<Results<Ok<Page<SubscriptionResponse>>, ValidationProblem>> List(
        NotificationsDbContext db, HttpContext http, CancellationToken ct, SubscriptionStatus? status = null, string? owner = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator().Optional("owner", owner, Lengths.Person)
            .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<SubscriptionStatus>())}.");
        Guid after = Guid.Empty;
        var take = limit ?? Keyset.DefaultLimit;
        v.Check(limit is null or >= 1 and <= Keyset.MaxLimit, "limit", $"'limit' must be between 1 and {Keyset.MaxLimit}.")
            .Check(cursor is null || Guid.TryParse(cursor, out after), "cursor", "'cursor' is not a cursor this API returned.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var query = Visible(db, Caller.Of(http)).AsNoTracking();
        if (status is not null) query = query.Where(s => s.Status == status);
        if (owner is not null) query = query.Where(s => s.Owner == owner);
        if (cursor is not null) query = query.Where(s => s.Id > after);
        var rows = await query.OrderBy(s => s.Id).Take(take + 1).ToListAsync(ct);
        var next = rows.Count > take ? rows[take - 1].Id.ToString() : null;
        return TypedResults.Ok(new Page<SubscriptionResponse>(rows.Take(take).Select(s => SubscriptionResponse.From(s)).ToList(), next));
    }

    private static (Validator, List<string>) Validate(SubscriptionRequest request, bool allowPrivateNetworks)
    {
        var valid = Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && !string.IsNullOrEmpty(uri.Host) && string.IsNullOrEmpty(uri.UserInfo);
        var v = new Validator()
            .Required("url", request.Url, Lengths.Long)
            .Check(request.Url is null || valid, "url", "'url' must be an absolute http or https URL (no user info).")
            .Check(!valid || allowPrivateNetworks || !PrivateNetworks.NamesPrivateHost(uri!), "url",
                "'url' points at a loopback, private or link-local address; webhooks go to public endpoints only.")
            .Check(request.Secret is null || request.Secret.Length is >= 16 and <= Lengths.Person, "secret", $"'secret' must have 16 to {Lengths.Person} characters (leave it out to get one generated).")
            .Optional("description", request.Description, Lengths.Description);
        var types = EventTypeList.Validate(v, "eventTypes", request.EventTypes);
        FiltersRequest.Validate(v, request.Filters);
        return (v, types);
    }

    internal static async Task<Results<Created<SubscriptionResponse>, ValidationProblem>> Create(
        SubscriptionRequest request, NotificationsDbContext db, HttpContext http, TimeProvider clock, IOptions<DeliveryOptions> delivery,
        CancellationToken ct)
    {
        var (v, types) = Validate(request, delivery.Value.AllowPrivateNetworks);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var now = clock.GetUtcNow();
        var subscription = new Subscription
        {
            Id = Guid.CreateVersion7(), Owner = Caller.Of(http).Id, Url = request.Url!.Trim(), Secret = request.Secret ?? Subscription.NewSecret(),
            Description = request.Description, EventTypes = types, Filters = request.Filters?.ToFilters() ?? Filters.None, CreatedAt = now, UpdatedAt = now,
        };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/subscriptions/{subscription.Id}", SubscriptionResponse.From(subscription, withSecret: true));
    }

    internal static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Get(string id, NotificationsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await FindAsync(db, http, id, ct);
        return found is null ? Problems.NotFound("Subscription", id) : TypedResults.Ok(SubscriptionResponse.From(found));
    }

    internal static async Task<Results<Ok<SubscriptionResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string id, SubscriptionRequest request, NotificationsDbContext db, HttpContext http, TimeProvider clock,
        IOptions<DeliveryOptions> delivery, CancellationToken ct)
    {
        var found = await FindAsync(db, http, id, ct);
        if (found is null) return Problems.NotFound("Subscription", id);
        var (v, types) = Validate(request, delivery.Value.AllowPrivateNetworks);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        found.Url = request.Url!.Trim();
        if (request.Secret is not null) found.Secret = request.Secret;
        found.Description = request.Description;
        found.EventTypes = types;
        found.Filters = request.Filters?.ToFilters() ?? Filters.None;
        found.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SubscriptionResponse.From(found, withSecret: request.Secret is not null));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, NotificationsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await FindAsync(db, http, id, ct);
        if (found is null) return Problems.NotFound("Subscription", id);
        db.Subscriptions.Remove(found);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Enable(
        string id, NotificationsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var found = await FindAsync(db, http, id, ct);
        if (found is null) return Problems.NotFound("Subscription", id);
        found.Status = SubscriptionStatus.Active;
        found.DisabledReason = null;
        found.DisabledAt = null;
        found.ConsecutiveFailures = 0;
        found.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SubscriptionResponse.From(found));
    }

    internal static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Pause(
        string id, NotificationsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var found = await FindAsync(db, http, id, ct);
        if (found is null) return Problems.NotFound("Subscription", id);
        if (found.Status == SubscriptionStatus.Active) found.Status = SubscriptionStatus.Paused;
        found.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SubscriptionResponse.From(found));
    }

    /// <summary>Sends every parked delivery of the subscription again (it must be active).</summary>
    internal static async Task<Results<Accepted<Requeued>, ProblemHttpResult>> Redeliver(
        string id, NotificationsDbContext db, HttpContext http, TimeProvider clock, DeliverySignal signal, CancellationToken ct)
    {
        var found = await FindAsync(db, http, id, ct);
        if (found is null) return Problems.NotFound("Subscription", id);
        if (found.Status != SubscriptionStatus.Active)
            return Problems.Conflict("subscription-not-active", $"Subscription {id} is {found.Status.ToString().ToLowerInvariant()}: enable it first.");
        var now = clock.GetUtcNow();
        var count = await db.Deliveries.Where(d => d.SubscriptionId == found.Id && d.Status == DeliveryStatus.Parked)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), ct);
        signal.Wake();
        return TypedResults.Accepted($"/api/deliveries?subscriptionId={found.Id}", new Requeued(count));
    }
}
