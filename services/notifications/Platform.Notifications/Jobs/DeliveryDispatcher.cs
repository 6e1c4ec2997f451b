using System.Collections.Concurrent;
using Platform.Messaging.Outbox;

namespace Platform.Notifications.Jobs;

/// <summary>
/// Sends due deliveries. Each loop claims a batch in one statement (<c>FOR UPDATE SKIP LOCKED</c>, attempts + 1, a
/// lease), so replicas and loops never share a row; sends webhooks concurrently and e-mails over one SMTP connection;
/// then records every attempt and the row's next state: delivered, retried later (exponential back-off with jitter),
/// or parked after the last attempt. A process that dies between claiming and recording leaves the lease to expire,
/// and the row is sent again: delivery on the wire is at-least-once, and receivers dedupe by the CloudEvent id.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes, DeliverySignal signal, WebhookSender webhooks, EmailSender emails, TimeProvider clock,
    IOptions<DeliveryOptions> options, IOptions<EmailOptions> emailOptions, IOptions<NotificationsOptions> notificationOptions,
    ILogger<DeliveryDispatcher> logger) : PollingWorker
{
    private DateTimeOffset _nextCleanup;

    protected override bool Enabled => options.Value.Enabled;

    /// <summary>Loops side by side (Delivery:Workers), each claiming its own batch.</summary>
    protected override int Loops => options.Value.Workers;

    protected override TimeProvider Clock => clock;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override Task StartingAsync(CancellationToken ct)
    {
        var email = emailOptions.Value;
        LogStarted(options.Value.Workers, email.Enabled ? $"{email.Host}:{email.Port}" : "disabled (Email:Enabled=false)");
        return Task.CompletedTask;
    }

    protected override async Task<PollOutcome> RunPassAsync(CancellationToken ct)
    {
        var claimed = await RunOnceAsync(ct);
        await CleanupAsync(ct);
        // A batch that was not full took everything due: look again when woken (a wake-up during the pass is kept)
        // or at the next poll, not at once (an empty claim per pass).
        return claimed >= options.Value.BatchSize ? PollOutcome.More : PollOutcome.Idle;
    }

    /// <summary>Until the next pass: a new delivery's signal or the poll interval.</summary>
    protected override Task WaitAsync(TimeSpan wait, CancellationToken ct) => signal.WaitAsync(wait, ct);

    /// <summary>After a failed batch: the poll interval on the clock, then as after any pass.</summary>
    protected override async Task WaitAfterFailureAsync(TimeSpan wait, CancellationToken ct)
    {
        await Task.Delay(wait, clock, ct);
        await WaitAsync(wait, ct);
    }

    /// <summary>One batch: claim, send, record. Returns how many rows it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = clock.GetUtcNow();
        var leaseUntil = now + settings.Lease;
        var claimed = await ClaimAsync(db, now, leaseUntil, settings.BatchSize, ct);
        if (claimed.Count == 0) return 0;

        var eventIds = claimed.Select(d => d.EventId).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var results = new ConcurrentDictionary<long, SendResult>();

        // On stop no new request starts, but those in flight may finish (for up to the request timeout) and are
        // recorded, so a graceful restart sends nothing twice; the rest comes back when its lease ends.
        using var drain = new CancellationTokenSource();
        await using var onStop = ct.Register(() => drain.CancelAfter(settings.RequestTimeout));
        try
        {
            await SendWebhooksAsync(db, claimed.Where(d => d.Channel == DeliveryChannel.Webhook).ToList(), events, results, ct, drain.Token);
            await SendEmailsAsync(db, claimed.Where(d => d.Channel is DeliveryChannel.Email or DeliveryChannel.Digest).ToList(), events, results, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping in the middle: what was sent is recorded below.
        }

        now = clock.GetUtcNow();
        var failures = new Dictionary<Guid, (int Ok, int Failed)>();
        foreach (var delivery in claimed)
        {
            if (!results.TryGetValue(delivery.Id, out var result)) continue;
            Record(db, delivery, result, now, settings);
            if (delivery.SubscriptionId is { } sid && !result.CircuitOpen)
            {
                var (ok, failed) = failures.GetValueOrDefault(sid);
                failures[sid] = result.Ok ? (ok + 1, failed) : (ok, failed + 1);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        // Only subscriptions with failures now or before need their counter touched (one query for the rest).
        var touched = failures.Keys.ToList();
        var failing = touched.Count == 0 ? [] : await db.Subscriptions.AsNoTracking()
            .Where(s => touched.Contains(s.Id) && s.ConsecutiveFailures > 0).Select(s => s.Id).ToListAsync(CancellationToken.None);
        foreach (var (subscriptionId, (ok, failed)) in failures)
            if (failed > 0 || failing.Contains(subscriptionId))
                await TrackSubscriptionAsync(db, subscriptionId, ok, failed, settings, CancellationToken.None);
        return claimed.Count;
    }

    /// <summary>
    /// Claims in one statement (one round trip): up to a batch of due immediate rows (webhooks, e-mails) with
    /// <c>FOR UPDATE SKIP LOCKED</c>, and every due digest row. Digest rows are claimed by one claimer at a time (a
    /// transaction-scoped advisory lock, across loops and replicas), and all of a person's due rows together: with
    /// SKIP LOCKED alone, two claimers running at once split one person's digest into two mails (seen in the tests). A
    /// claimer that does not get the lock claims no digest row this round; the statement is its own transaction, so
    /// the lock ends with it. The two parts touch disjoint rows (channel), as two updates of one statement must.
    /// </summary>
    private static Task<List<DeliveryRecord>> ClaimAsync(NotificationsDbContext db, DateTimeOffset now, DateTimeOffset leaseUntil,
        int batchSize, CancellationToken ct) =>
        db.Deliveries.FromSql($"""
            WITH due AS (
                UPDATE deliveries AS d SET lease_until = {leaseUntil}, attempts = d.attempts + 1
                FROM (SELECT id FROM deliveries
                      WHERE status = 'Pending' AND channel <> 'Digest' AND next_attempt_at <= {now} AND (lease_until IS NULL OR lease_until <= {now})
                      ORDER BY next_attempt_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED) AS c
                WHERE d.id = c.id
                RETURNING d.*),
            digest AS (
                UPDATE deliveries AS d SET lease_until = {leaseUntil}, attempts = d.attempts + 1
                WHERE d.status = 'Pending' AND d.channel = 'Digest' AND d.next_attempt_at <= {now}
                  AND (d.lease_until IS NULL OR d.lease_until <= {now}) AND pg_try_advisory_xact_lock({DigestClaimLock})
                RETURNING d.*)
            SELECT * FROM due UNION ALL SELECT * FROM digest
            """).ToListAsync(ct);

    /// <summary>Advisory lock key of the digest claim ("digest" in ASCII).</summary>
    private const long DigestClaimLock = 0x646967657374;

    private static void Record(NotificationsDbContext db, DeliveryRecord delivery, SendResult result, DateTimeOffset now, DeliveryOptions settings)
    {
        db.Attempts.Add(new DeliveryAttempt
        {
            DeliveryId = delivery.Id, Number = delivery.Attempts, At = now, Outcome = result.Outcome, StatusCode = result.StatusCode,
            Error = result.Error, LatencyMs = result.LatencyMs,
        });
        delivery.LeaseUntil = null;
        delivery.LastStatusCode = result.StatusCode;
        delivery.LastError = result.Error;
        delivery.LastLatencyMs = result.LatencyMs;
        if (result.Ok)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
        }
        else if (result.CircuitOpen)
        {
            // Not the endpoint's answer: this attempt does not count.
            delivery.Attempts--;
            delivery.NextAttemptAt = now + settings.BreakDuration * (1 + Random.Shared.NextDouble() * 0.2);
        }
        else if (delivery.Attempts >= settings.MaxAttempts)
        {
            delivery.Status = DeliveryStatus.Parked;
        }
        else
        {
            delivery.NextAttemptAt = now + Backoff.Delay(delivery.Attempts, settings.BaseDelay, settings.MaxDelay, Random.Shared.NextDouble());
        }
    }

    private async Task SendWebhooksAsync(NotificationsDbContext db, List<DeliveryRecord> deliveries, Dictionary<Guid, LoggedEvent> events,
        ConcurrentDictionary<long, SendResult> results, CancellationToken ct, CancellationToken inFlight)
    {
        if (deliveries.Count == 0) return;
        var ids = deliveries.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var bodies = new Dictionary<Guid, (byte[] Body, string ContentType)>();
        foreach (var id in deliveries.Select(d => d.EventId).Distinct())
            if (events.TryGetValue(id, out var e)) bodies[id] = WebhookSender.Encode(e);

        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = ct },
            async (delivery, _) =>
            {
                if (!bodies.TryGetValue(delivery.EventId, out var body))
                    results[delivery.Id] = Final(delivery, "The event is no longer in the event log.");
                else if (delivery.SubscriptionId is not { } sid || !subscriptions.TryGetValue(sid, out var subscription))
                    results[delivery.Id] = Final(delivery, "The subscription was deleted.");
                else if (subscription.Status != SubscriptionStatus.Active && delivery.ReplayId is null)
                    results[delivery.Id] = Final(delivery, $"The subscription is {subscription.Status.ToString().ToLowerInvariant()}.");
                else
                    results[delivery.Id] = await webhooks.SendAsync(subscription, delivery.Id, delivery.Attempts, body.Body, body.ContentType, inFlight);
            });
    }

    /// <summary>A failure no retry will cure: parks the row at once.</summary>
    private SendResult Final(DeliveryRecord delivery, string error)
    {
        delivery.Attempts = Math.Max(delivery.Attempts, options.Value.MaxAttempts);
        return new SendResult(false, null, error, 0);
    }

    private async Task SendEmailsAsync(NotificationsDbContext db, List<DeliveryRecord> deliveries, Dictionary<Guid, LoggedEvent> events,
        ConcurrentDictionary<long, SendResult> results, CancellationToken ct)
    {
        if (deliveries.Count == 0) return;
        var email = emailOptions.Value;
        if (!email.Enabled)
        {
            foreach (var d in deliveries) results[d.Id] = Final(d, "E-mail is not configured (Email:Enabled=false).");
            return;
        }

        var users = deliveries.Select(d => d.Recipient).Distinct().ToList();
        var (people, preferences) = await db.PeopleAndPreferencesAsync(users, ct);
        var settings = notificationOptions.Value;
        string? Address(string user) => preferences.GetValueOrDefault(user)?.EmailAddress ?? people.GetValueOrDefault(user)?.Email
            ?? (settings.DefaultEmailDomain is { Length: > 0 } domain ? $"{user}@{domain}" : null);
        Rendered? Render(DeliveryRecord d)
        {
            if (!events.TryGetValue(d.EventId, out var e)) return null;
            var data = JsonDocument.Parse(e.Data).RootElement;
            var facts = EventFacts.Read(e.Type, e.Domain, data);
            return Templates.Render(e.Type, e.Domain, data, facts, Templates.AudienceOf(facts, d.Recipient));
        }

        // One message per immediate e-mail, one per person for their due digest rows.
        var messages = new List<(List<DeliveryRecord> Rows, MimeKit.MimeMessage Message)>();
        foreach (var group in deliveries.GroupBy(d => (d.Channel, d.Channel == DeliveryChannel.Digest ? d.Recipient : d.Id.ToString())))
        {
            var rows = group.ToList();
            if (people.GetValueOrDefault(rows[0].Recipient) is { Active: false })
            {
                // Queued before they left (a digest, quiet hours): nothing more goes to someone who left.
                foreach (var d in rows) results[d.Id] = Final(d, $"{d.Recipient} has left.");
                continue;
            }

            var to = Address(rows[0].Recipient);
            if (to is null)
            {
                foreach (var d in rows) results[d.Id] = Final(d, $"No e-mail address is known for {d.Recipient}.");
                continue;
            }

            var rendered = rows.Select(Render).OfType<Rendered>().ToList();
            if (rendered.Count == 0)
            {
                foreach (var d in rows) results[d.Id] = Final(d, "The event is no longer in the event log.");
                continue;
            }

            try
            {
                if (group.Key.Channel == DeliveryChannel.Digest)
                {
                    var (subject, text, html) = Templates.Digest(rendered, settings.PublicUrl);
                    messages.Add((rows, EmailSender.Build(email, to, subject, text, html)));
                }
                else
                {
                    var (text, html) = Templates.Email(rendered[0], settings.PublicUrl);
                    messages.Add((rows, EmailSender.Build(email, to, rendered[0].Title, text, html)));
                }
            }
            catch (MimeKit.ParseException ex)
            {
                foreach (var d in rows) results[d.Id] = Final(d, $"Bad address '{to}': {ex.Message}");
            }
        }

        if (messages.Count == 0) return;
        var sent = await emails.SendAsync(messages.Select(m => m.Message).ToList(), ct);
        for (var i = 0; i < messages.Count; i++)
            foreach (var d in messages[i].Rows) results[d.Id] = sent[i];
    }

    /// <summary>
    /// Counts failures in a row per subscription; past the limit it is disabled, its pending rows parked, its owner
    /// told. A batch with any success resets the count: the requests of a batch run concurrently, so their order is
    /// unknown, and an endpoint that answers is not dead (counting the batch's failures instead disabled a receiver
    /// failing 30 % of the time once 10 of a big batch failed).
    /// </summary>
    private async Task TrackSubscriptionAsync(NotificationsDbContext db, Guid subscriptionId, int ok, int failed, DeliveryOptions settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var counts = await db.Database.SqlQuery<int>($"""
            UPDATE webhook_subscriptions SET consecutive_failures = CASE WHEN {ok} > 0 THEN 0 ELSE consecutive_failures + {failed} END
            WHERE id = {subscriptionId} RETURNING consecutive_failures AS "Value"
            """).ToListAsync(ct);
        if (counts.Count == 0 || counts[0] < settings.DisableAfterFailures) return;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reason = $"Disabled after {counts[0]} failed attempts in a row.";
        var disabled = await db.Subscriptions.Where(s => s.Id == subscriptionId && s.Status == SubscriptionStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Disabled).SetProperty(x => x.DisabledReason, reason)
                .SetProperty(x => x.DisabledAt, now).SetProperty(x => x.UpdatedAt, now), ct);
        if (disabled == 0) return;
        // No fan-out of any replica names it from now on (sent when the transaction commits).
        await Platform.Data.Reference.ReferenceNotice.SendAsync<FanOutReference>(db, ct);
        await db.Deliveries.Where(d => d.SubscriptionId == subscriptionId && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Parked)
                .SetProperty(d => d.LastError, "The subscription was disabled; redeliver after enabling it."), ct);
        var subscription = await db.Subscriptions.AsNoTracking().FirstAsync(s => s.Id == subscriptionId, ct);
        db.Inbox.Add(new InboxItem
        {
            UserId = subscription.Owner, EventId = Guid.CreateVersion7(), EventType = "WebhookSubscriptionDisabled", Subject = subscription.Id.ToString(),
            Title = "Your webhook subscription was disabled",
            Body = $"Deliveries to {subscription.Url} failed {counts[0]} times in a row, so the subscription {subscription.Id} was disabled. " +
                   "Fix the endpoint, enable it again (POST /api/subscriptions/{id}/enable) and redeliver the parked deliveries (POST /api/subscriptions/{id}/redeliver).",
            Severity = "High", Urgent = true, CreatedAt = now,
        });
        db.AddIntegrationEvent(new Platform.Contracts.Notifications.InboxItemAdded(
            subscription.Owner, "WebhookSubscriptionDisabled", subscription.Id.ToString(), true, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogDisabled(subscriptionId, subscription.Url, counts[0]);
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < _nextCleanup) return;
        _nextCleanup = now + TimeSpan.FromHours(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var before = now - notificationOptions.Value.EventRetention;
        await db.Deliveries.Where(d => d.Status == DeliveryStatus.Delivered && d.CreatedAt < before).ExecuteDeleteAsync(ct);
        await db.Events.Where(e => e.ReceivedAt < before && !db.Deliveries.Any(d => d.EventId == e.Id)).ExecuteDeleteAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery dispatcher started with {Workers} loop(s); e-mail: {Email}")]
    private partial void LogStarted(int workers, string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery batch failed")]
    protected override partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} ({Url}) disabled after {Failures} failed attempts in a row")]
    private partial void LogDisabled(Guid subscriptionId, string url, int failures);
}
