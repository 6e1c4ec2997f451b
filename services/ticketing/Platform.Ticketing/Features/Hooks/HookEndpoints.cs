using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Platform.Ticketing.Features.Hooks;

/// <summary>An alert from a monitoring tool. Status "firing" (default) or "resolved"; severity critical, major, minor or info.</summary>
public sealed record AlertRequest(string? AlertId, string? Status, string? Title, string? Description, string? Severity, string? Category);

public sealed record AlertResponse(string Action, Guid? TicketId, string? TicketKey);

/// <summary>
/// Signed inbound events from tools (no bearer token: the gateway routes /hooks/** anonymously, the HMAC signature
/// is the credential). An alert becomes a ticket, deduplicated by (source, alert id): a repeat adds a comment (and
/// reopens a resolved ticket; a closed one gives way to a new ticket), "resolved" resolves it.
/// </summary>
public static class HookEndpoints
{
    private static readonly string[] Statuses = ["firing", "resolved"];
    private static readonly string[] Severities = ["critical", "major", "minor", "info"];

    /// <summary>
    /// Idempotency-Key does not apply: a hook has no caller to scope a key to, it already counts a delivery once by its
    /// (source, alert id) and signature, and its retry loop needs transactions of its own.
    /// </summary>
    public static void MapHookEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/hooks/{source}", Receive).WithTags("Hooks").WithName("ReceiveHook").AllowAnonymous().WithoutIdempotencyKeys();

    private static (Impact, Urgency) Classify(string? severity) => severity?.ToLowerInvariant() switch
    {
        "critical" => (Impact.High, Urgency.High),
        "major" => (Impact.High, Urgency.Medium),
        "info" => (Impact.Low, Urgency.Low),
        _ => (Impact.Medium, Urgency.Medium),
    };

    private static async Task<Results<Created<AlertResponse>, Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> Receive(
        string source, HttpContext http, TicketingDbContext db, TimeProvider clock, IOptions<InboundOptions> options,
        PriorityMatrix matrix, CancellationToken ct)
    {
        var inbound = options.Value;
        if (http.Request.ContentLength > inbound.MaxBodyBytes) return TooLarge(inbound);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > inbound.MaxBodyBytes) return TooLarge(inbound);
        var body = buffer.ToArray();

        var now = clock.GetUtcNow();
        var secret = inbound.Sources.TryGetValue(source, out var configured) ? configured.Secret : null;
        if (HookSignature.Check(secret, http.Request.Headers["X-Signature"], http.Request.Headers["X-Signature-Timestamp"], body, now, inbound.Tolerance) is { } why)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: why);

        AlertRequest? alert;
        try
        {
            alert = JsonSerializer.Deserialize<AlertRequest>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "The request body is not valid JSON.");
        }

        if (alert is null) return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "A JSON request body is required.");
        var status = alert.Status?.Trim().ToLowerInvariant() ?? "firing";
        var v = new Validator()
            .Required("alertId", alert.AlertId)
            .Check(Statuses.Contains(status), "status", "'status' must be firing or resolved.")
            .Check(alert.Severity is null || Severities.Contains(alert.Severity.ToLowerInvariant()), "severity", "'severity' must be critical, major, minor or info.")
            .Optional("title", alert.Title, Lengths.Title).Optional("description", alert.Description, Lengths.Text).Optional("category", alert.Category, Lengths.Key);
        if (status == "firing") v.Required("title", alert.Title);
        // Control characters are the Validator's rule (PostgreSQL cannot store U+0000): tab and line breaks only in the
        // description; status and severity are refused by their lists.
        if (!v.IsValid) return Problems.Validation(v.Errors);

        // The very same request again (same timestamp, same signature) is a replay: the signature is remembered in
        // the transaction of the delivery's effect, so a replay counts once across replicas and concurrent duplicates.
        var replayKey = http.Request.Headers["X-Signature"].ToString().Trim().ToLowerInvariant();
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(http.Request.Headers["X-Signature-Timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        // A timestamp older than the window is refused by the signature check, so its row can go; a second window
        // of margin covers replicas whose clocks disagree a little.
        var prunable = now - 2 * inbound.Tolerance;

        // Deliveries of one alert take turns (its row's lock; a lock on its key in ApplyAsync while it has no row); the
        // retry below stays for a race on the alert's key that the lock does not cover (another process of an older
        // version), where the loser replays as a repeat, and for a transaction PostgreSQL aborted to break a deadlock.
        var alertId = alert.AlertId!.Trim();
        var description = alert.Description?.Trim() ?? "";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (status == "firing")
                {
                    // The storm path: one statement remembers the signature and, when the repeat brings no news, counts it.
                    var (remembered, counted) = await RememberAndCountAsync(db, source.ToLowerInvariant(), replayKey, signedAt, now, prunable,
                        alertId, AlertText.Hash(description), now - inbound.RepeatQuietPeriod, ct);
                    if (!remembered) return Replayed();
                    if (counted is { } c)
                    {
                        await tx.CommitAsync(ct);
                        return TypedResults.Ok(new AlertResponse("counted", c.Id, Ticket.KeyPrefix + c.Number));
                    }

                    await PruneAsync(db, prunable, ct);
                }
                else if (!await RememberAsync(db, source.ToLowerInvariant(), replayKey, signedAt, now, prunable, ct))
                    return Replayed();

                var result = await ApplyAsync(source.ToLowerInvariant(), alertId, alert, description, status, db, now,
                    now - inbound.RepeatQuietPeriod, matrix, ct);
                await tx.CommitAsync(ct);
                return result;
            }
            catch (DbUpdateException ex) when (attempt < 3 && (ex is DbUpdateConcurrencyException
                || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }))
            {
                db.ChangeTracker.Clear();
            }
            catch (Exception ex) when (attempt < 3 && IsDeadlock(ex))
            {
                // PostgreSQL broke a lock cycle by aborting this delivery's transaction (the lock order in ApplyAsync
                // avoids the cycles this endpoint makes by itself; this covers any other, e.g. an older version's
                // process or a maintenance statement). Nothing of the attempt was kept, so it runs again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static bool IsDeadlock(Exception ex) =>
        (ex as PostgresException ?? ex.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.DeadlockDetected };

    private static ProblemHttpResult Replayed() =>
        Problems.Conflict("replayed-request", "This request (same timestamp and signature) was already received; send a new delivery with a new timestamp.");

    /// <summary>False when the source's signature was already taken (the request is a replay).</summary>
    private static async Task<bool> RememberAsync(TicketingDbContext db, string source, string signature, DateTimeOffset signedAt,
        DateTimeOffset now, DateTimeOffset prunable, CancellationToken ct)
    {
        await PruneAsync(db, prunable, ct);
        // A concurrent duplicate waits here for the first one's transaction: it counts once if that commits.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO inbound_hook_signatures (source, signature, signed_at, seen_at) VALUES ({source}, {signature}, {signedAt}, {now})
            ON CONFLICT DO NOTHING
            """, ct);
        return inserted == 1;
    }

    /// <summary>Opportunistic pruning that never waits: rows another delivery is deleting right now are left to it.</summary>
    private static Task<int> PruneAsync(TicketingDbContext db, DateTimeOffset prunable, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            DELETE FROM inbound_hook_signatures WHERE (source, signature) IN (
                SELECT source, signature FROM inbound_hook_signatures WHERE signed_at < {prunable} LIMIT 500 FOR UPDATE SKIP LOCKED)
            """, ct);

    private static long _lastStormPrune;

    /// <summary>
    /// A firing delivery in one round trip: remembers its signature (a replay is not remembered: false) and, when the
    /// alert's ticket is open, the description is the one last commented and that comment is recent, counts the
    /// delivery on the alert and answers its ticket; otherwise (a new alert, news, a resolved or closed ticket) the
    /// caller goes on to <see cref="ApplyAsync"/> in the same transaction. The alert's row is locked by the update as
    /// by ApplyAsync's FOR UPDATE, so deliveries of one alert still take turns. Old signatures are pruned at most once
    /// a second per process here (every delivery that writes a ticket prunes as well).
    /// </summary>
    private static async Task<(bool Remembered, (Guid Id, long Number)? Counted)> RememberAndCountAsync(TicketingDbContext db,
        string source, string signature, DateTimeOffset signedAt, DateTimeOffset now, DateTimeOffset prunable, string alertId,
        string hash, DateTimeOffset quietSince, CancellationToken ct)
    {
        var last = Interlocked.Read(ref _lastStormPrune);
        if (Environment.TickCount64 - last > 1000 && Interlocked.CompareExchange(ref _lastStormPrune, Environment.TickCount64, last) == last)
            await PruneAsync(db, prunable, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("""
            WITH sig AS (
                INSERT INTO inbound_hook_signatures (source, signature, signed_at, seen_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT DO NOTHING RETURNING 1),
            counted AS (
                UPDATE inbound_alerts a SET deliveries = a.deliveries + 1, last_seen_at = $4, last_status = 'firing'
                FROM tickets t
                WHERE EXISTS (SELECT 1 FROM sig) AND a.source = $1 AND a.alert_id = $5 AND t.id = a.ticket_id
                  AND t.status NOT IN ('Resolved', 'Closed') AND a.last_comment_hash = $6 AND a.last_commented_at > $7
                RETURNING t.id, t.number)
            SELECT (SELECT count(*) FROM sig), counted.id, counted.number FROM (SELECT 1) one LEFT JOIN counted ON true
            """, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction())
        {
            Parameters = { new() { Value = source }, new() { Value = signature }, new() { Value = signedAt }, new() { Value = now },
                new() { Value = alertId }, new() { Value = hash }, new() { Value = quietSince } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var remembered = reader.GetInt64(0) == 1;
        return (remembered, reader.IsDBNull(1) ? null : (reader.GetGuid(1), reader.GetInt64(2)));
    }

    private static ProblemHttpResult TooLarge(InboundOptions o) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: $"The body must be at most {o.MaxBodyBytes} bytes.");

    private static async Task<Results<Created<AlertResponse>, Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        string source, string alertId, AlertRequest alert, string description, string status, TicketingDbContext db, DateTimeOffset now,
        DateTimeOffset quietSince, PriorityMatrix matrix, CancellationToken ct)
    {
        // Deliveries of one alert take turns from here, on its row. A delivery that finds no row takes a
        // transaction-scoped lock on the alert's key and looks again: the second delivery of a new alert waits for the
        // first to commit and then finds its ticket, instead of opening a ticket of its own and failing on the alert's
        // key at commit (in a storm, hundreds of wasted ticket creations at once). The key's lock is taken only while
        // the delivery holds no lock on the row, never after it: the storm path's UPDATE can leave the row locked (a
        // row updated concurrently is locked before it is checked again), and waiting for the key then made a cycle
        // with a delivery that held the key and waited for the row (PostgreSQL aborted one of them: HTTP 500).
        var known = await LockAlertAsync(db, source, alertId, ct);
        if (known is null)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(4209, hashtext({source + "\u001f" + alertId}))", ct);
            known = await LockAlertAsync(db, source, alertId, ct);
        }

        var ticket = known is null ? null : await db.Tickets.FirstOrDefaultAsync(t => t.Id == known.TicketId, ct);

        if (status == "resolved")
        {
            if (ticket is null) return TypedResults.Ok(new AlertResponse("ignored", null, null));
            ticket.AlertResolved(source, now);
            Seen(known!, status, now);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new AlertResponse("resolved", ticket.Id, ticket.Key));
        }

        if (ticket is not null && ticket.Status != TicketStatus.Closed)
        {
            // The storm path's rule again, on the locked row: a concurrent delivery may have commented the same news
            // since that statement read it.
            var news = ticket.Status == TicketStatus.Resolved || known!.LastCommentHash != AlertText.Hash(description)
                || known.LastCommentedAt is not { } commented || commented <= quietSince;
            Seen(known!, status, now);
            if (!news)
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new AlertResponse("counted", ticket.Id, ticket.Key));
            }

            ticket.AlertRepeated(source, description, now);
            known!.Commented(description, now);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new AlertResponse("commented", ticket.Id, ticket.Key));
        }

        var (impact, urgency) = Classify(alert.Severity);
        var created = Ticket.Open(await db.NextTicketNumberAsync(ct), alert.Title!.Trim(),
            description.Length == 0 ? $"Alert {alertId} from {source}." : description,
            source, string.IsNullOrWhiteSpace(alert.Category) ? "monitoring" : alert.Category.Trim(), impact, urgency, now, matrix);
        await db.ApplySlaPolicyAsync(created, ct);
        db.Tickets.Add(created);
        if (known is null)
        {
            known = new InboundAlert
            {
                Source = source, AlertId = alertId, TicketId = created.Id, LastStatus = status, Deliveries = 1, FirstSeenAt = now, LastSeenAt = now,
            };
            db.Set<InboundAlert>().Add(known);
        }
        else
        {
            known.TicketId = created.Id; // the old ticket was closed: the alert starts a new one, counted afresh
            known.Deliveries = 0;
            Seen(known, status, now);
        }

        known.Commented(description, now);

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tickets/{created.Key}", new AlertResponse("created", created.Id, created.Key));
    }

    private static async Task<InboundAlert?> LockAlertAsync(TicketingDbContext db, string source, string alertId, CancellationToken ct) =>
        (await db.Set<InboundAlert>()
            .FromSql($"SELECT * FROM inbound_alerts WHERE source = {source} AND alert_id = {alertId} FOR UPDATE").ToListAsync(ct)).FirstOrDefault();

    private static void Seen(InboundAlert a, string status, DateTimeOffset now)
    {
        a.LastStatus = status;
        a.Deliveries++;
        a.LastSeenAt = now;
    }
}
