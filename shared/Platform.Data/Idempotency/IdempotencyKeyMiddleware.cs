using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Npgsql;
using Platform.ServiceDefaults;

namespace Platform.Data;

/// <summary>
/// <c>Idempotency-Key</c> on POST: a retried write lands once.
/// <list type="bullet">
/// <item>Scope: the key belongs to the caller (<see cref="Actor.Of"/>: token subject, or client id). Anonymous
/// endpoints (signed hooks) and endpoints marked <see cref="IdempotencyKeys.WithoutIdempotencyKeys{TBuilder}"/> ignore it.</item>
/// <item>The request runs in one transaction on the service's DbContext, which the endpoint's SaveChanges joins. The
/// key row is inserted first, the outcome (status, body, content type, Location) written into it after the endpoint,
/// then everything commits together: a write that committed always has its key and outcome, a write that did not
/// leaves no key. Endpoints that need a transaction of their own join this one
/// (<see cref="JoinableTransaction"/>).</item>
/// <item>Only answers below 400 are kept and replayed (the write took effect). A 4xx or 5xx answer, or an exception,
/// rolls back the request's writes and the key together: nothing took effect and the client may retry with the same
/// key, after correcting the request if it was refused.</item>
/// <item>A kept key: the same request (method, path and query, body: SHA-256) gets the first answer again, marked
/// <c>Idempotent-Replayed: true</c>, and nothing runs; another request gets 422 <c>idempotency-key-reused</c>.</item>
/// <item>Concurrent requests with one key: the second waits on the key's row lock until the first commits (then it
/// replays) or rolls back (then it runs); after <see cref="IdempotencyOptions.InProgressWait"/> it answers 409
/// <c>idempotency-key-in-progress</c> with Retry-After.</item>
/// </list>
/// A request without the header costs one header lookup.
/// </summary>
public sealed class IdempotencyKeyMiddleware<TDbContext>(RequestDelegate next, IOptions<IdempotencyOptions> options, TimeProvider clock)
    where TDbContext : DbContext
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(IdempotencyKeys.HeaderName, out var values))
            return next(context);
        // A route that did not match (404, 405) has nothing to protect; a key needs a caller to belong to.
        if (context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<WithoutIdempotencyKeysMetadata>() is not null
            || context.User.Identity is not { IsAuthenticated: true })
            return next(context);
        return HandleAsync(context, values);
    }

    private async Task HandleAsync(HttpContext context, StringValues values)
    {
        var ct = context.RequestAborted;
        var key = IdempotencyKeys.Parse(values);
        if (key is null)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: $"'{IdempotencyKeys.HeaderName}' must be one value of 1 to {IdempotencyKeys.MaxKeyLength} visible ASCII characters (a UUID, say).",
                extensions: new Dictionary<string, object?> { ["code"] = "idempotency-key-invalid" }).ExecuteAsync(context);
            return;
        }

        var caller = Actor.Of(context);
        var hash = await HashRequestAsync(context.Request, ct);
        var db = context.RequestServices.GetRequiredService<TDbContext>();
        var settings = options.Value;

        // Twice at most: a row pruned between the claim and the read is claimed again.
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            Stored? existing;
            try
            {
                existing = await ClaimAsync(db, transaction, caller, key, hash, settings, ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                // The first request with this key still holds it after InProgressWait.
                await transaction.RollbackAsync(CancellationToken.None);
                await InProgressAsync(context);
                return;
            }

            if (existing is null)
            {
                await RunAndRecordAsync(context, db, transaction, caller, key);
                return;
            }

            await transaction.RollbackAsync(ct);
            if (existing.Missing && attempt < 2) continue;
            await AnswerAsync(context, existing, hash, ct);
            return;
        }
    }

    /// <summary>
    /// Inserts the key row (or takes over an expired one) and returns null when this request now owns the key;
    /// otherwise the stored row. A concurrent first request's uncommitted row makes the insert wait (bounded by
    /// lock_timeout); the SELECT after it is a new statement, so it sees what that request committed.
    /// </summary>
    private async Task<Stored?> ClaimAsync(TDbContext db, IDbContextTransaction transaction, string caller, string key, string hash,
        IdempotencyOptions settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var waitMs = (long)settings.InProgressWait.TotalMilliseconds;
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SET LOCAL lock_timeout = {waitMs}"),
                new NpgsqlBatchCommand("""
                    INSERT INTO idempotency_keys (caller, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (caller, key) DO UPDATE
                        SET request_hash = excluded.request_hash, created_at = excluded.created_at, status_code = NULL,
                            content_type = NULL, response_body = NULL, location = NULL
                        WHERE idempotency_keys.created_at < $5
                    RETURNING true
                    """)
                {
                    Parameters = { new() { Value = caller }, new() { Value = key }, new() { Value = hash }, new() { Value = now }, new() { Value = now - settings.Retention } },
                },
                new NpgsqlBatchCommand("SET LOCAL lock_timeout = DEFAULT"),
                new NpgsqlBatchCommand("SELECT request_hash, status_code, content_type, response_body, location FROM idempotency_keys WHERE caller = $1 AND key = $2")
                {
                    Parameters = { new() { Value = caller }, new() { Value = key } },
                },
            },
        };

        // Statements without rows (SET) yield no result set: the INSERT's RETURNING comes first, then the SELECT.
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct)) return null;
        await reader.NextResultAsync(ct);
        if (!await reader.ReadAsync(ct)) return new Stored(true, "", null, null, null, null);
        return new Stored(false, reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    /// <summary>Runs the endpoint with its answer held back; keeps it with the key and commits, or rolls back.</summary>
    private async Task RunAndRecordAsync(HttpContext context, TDbContext db, IDbContextTransaction transaction, string caller, string key)
    {
        var response = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var held = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(held);
        try
        {
            await next(context);
            await held.CompleteAsync();
        }
        finally
        {
            // An exception leaves here with the transaction rolled back (disposed by the caller) and the real body
            // back in place for the exception handler's ProblemDetails.
            context.Features.Set(response);
        }

        var status = context.Response.StatusCode;
        // The endpoint answered, but the connection under the request's transaction may be gone (the database
        // restarted during the request): nothing it wrote was committed, so the answer must not claim success.
        if (status < 400 && transaction.GetDbTransaction().Connection is null)
            throw new DatabaseUnavailableException("The database connection was lost during the request; nothing was committed.");
        if (status < 400)
        {
            // Not cancelled by the client going away: the work is done, and its retry must find the outcome.
            var location = context.Response.Headers.Location.ToString();
            await using var record = new NpgsqlCommand("""
                UPDATE idempotency_keys SET status_code = $3, content_type = $4, response_body = $5, location = $6
                WHERE caller = $1 AND key = $2
                """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction())
            {
                Parameters =
                {
                    new() { Value = caller }, new() { Value = key }, new() { Value = status },
                    new() { Value = (object?)context.Response.ContentType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new() { Value = buffer.ToArray() },
                    new() { Value = location.Length > 0 ? location : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                },
            };
            await record.ExecuteNonQueryAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        else
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static async Task AnswerAsync(HttpContext context, Stored stored, string hash, CancellationToken ct)
    {
        if (stored.RequestHash != hash)
        {
            await Problems.Unprocessable("idempotency-key-reused",
                $"This {IdempotencyKeys.HeaderName} was already used for a different request (method, path or body); use a new key for a new request.")
                .ExecuteAsync(context);
            return;
        }

        if (stored.StatusCode is not { } status)
        {
            // Not reached with committed rows (the outcome is written before the commit); kept as the safe answer.
            await InProgressAsync(context);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        if (stored.Location is not null) context.Response.Headers.Location = stored.Location;
        if (stored.ContentType is not null) context.Response.ContentType = stored.ContentType;
        if (stored.Body is { Length: > 0 } body) await context.Response.Body.WriteAsync(body, ct);
    }

    /// <summary>409 with Retry-After: the first request with this key has not finished.</summary>
    private static Task InProgressAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return Problems.Conflict("idempotency-key-in-progress",
            $"A request with this {IdempotencyKeys.HeaderName} is still in progress; retry shortly to get its outcome.").ExecuteAsync(context);
    }

    /// <summary>SHA-256 (hex) over method, path and query, and body; the body is buffered and rewound for the endpoint.</summary>
    private static async Task<string> HashRequestAsync(HttpRequest request, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.PathBase}{request.Path}{request.QueryString}\n"));
        request.EnableBuffering();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0) hash.AppendData(chunk, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A key row someone else committed (or <see cref="Missing"/> when it was pruned meanwhile).</summary>
    private sealed record Stored(bool Missing, string RequestHash, int? StatusCode, string? ContentType, byte[]? Body, string? Location);
}
