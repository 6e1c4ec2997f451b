using System.Globalization;

namespace Platform.Notifications.Features.Inbox;

public sealed record InboxItemResponse(
    long Id, Guid EventId, string EventType, string? Subject, string Title, string Body, string? Severity, bool Urgent,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static InboxItemResponse From(InboxItem i) =>
        new(i.Id, i.EventId, i.EventType, i.Subject, i.Title, i.Body, i.Severity, i.Urgent, i.CreatedAt, i.ReadAt);
}

/// <summary>A page of the inbox, newest first, with the unread count.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItemResponse> Items, string? NextCursor, int Unread);

public sealed record UnreadCount(int Unread);

public sealed record MarkedRead(int Marked);

/// <summary>Channels and quiet hours ("22:00" to "07:00" in the IANA time zone; "" clears them); fields left out keep their value.</summary>
public sealed record PreferencesRequest(bool? Inbox, bool? Email, bool? Digest, string? QuietFrom, string? QuietTo, string? TimeZone, string? EmailAddress);

public sealed record PreferencesResponse(
    string UserId, bool Inbox, bool Email, bool Digest, string? QuietFrom, string? QuietTo, string TimeZone, string? EmailAddress)
{
    public static PreferencesResponse From(Preference p) => new(p.UserId, p.Inbox, p.Email, p.Digest,
        p.QuietFrom?.ToString("HH:mm", CultureInfo.InvariantCulture), p.QuietTo?.ToString("HH:mm", CultureInfo.InvariantCulture), p.TimeZone, p.EmailAddress);
}

/// <summary>The signed-in caller's own inbox and preferences (any caller with the notifications scope).</summary>
public static class InboxEndpoints
{
    internal static async Task<Results<Ok<InboxPage>, ValidationProblem>> List(
        NotificationsDbContext db, HttpContext http, CancellationToken ct, bool? unread = null, string? type = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator().Optional("type", type, Lengths.EventName);
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var me = Caller.Of(http).Id;
        var query = db.Inbox.AsNoTracking().Where(i => i.UserId == me);
        if (unread == true) query = query.Where(i => i.ReadAt == null);
        if (unread == false) query = query.Where(i => i.ReadAt != null);
        if (type is not null) query = query.Where(i => i.EventType == type);
        var rows = await query.PageRowsAsync(page, i => i.Id, newestFirst: true, ct);
        var count = await db.Inbox.CountAsync(i => i.UserId == me && i.ReadAt == null, ct);
        var result = page.ToPage(rows, i => i.Id, InboxItemResponse.From);
        return TypedResults.Ok(new InboxPage(result.Items, result.NextCursor, count));
    }

    internal static async Task<Ok<UnreadCount>> Unread(NotificationsDbContext db, HttpContext http, CancellationToken ct)
    {
        var me = Caller.Of(http).Id;
        return TypedResults.Ok(new UnreadCount(await db.Inbox.CountAsync(i => i.UserId == me && i.ReadAt == null, ct)));
    }

    internal static async Task<Results<Ok<InboxItemResponse>, ProblemHttpResult>> MarkRead(
        string id, NotificationsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var me = Caller.Of(http).Id;
        var item = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            ? await db.Inbox.FirstOrDefaultAsync(i => i.Id == key && i.UserId == me, ct)
            : null;
        if (item is null) return Problems.NotFound("Inbox item", id);
        item.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(InboxItemResponse.From(item));
    }

    internal static async Task<Ok<MarkedRead>> MarkAllRead(NotificationsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var me = Caller.Of(http).Id;
        var now = clock.GetUtcNow();
        var marked = await db.Inbox.Where(i => i.UserId == me && i.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReadAt, now), ct);
        return TypedResults.Ok(new MarkedRead(marked));
    }

    internal static async Task<Ok<PreferencesResponse>> GetPreferences(NotificationsDbContext db, HttpContext http, CancellationToken ct)
    {
        var me = Caller.Of(http).Id;
        var found = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == me, ct);
        return TypedResults.Ok(PreferencesResponse.From(found ?? Preference.DefaultFor(me)));
    }

    internal static async Task<Results<Ok<PreferencesResponse>, ValidationProblem>> PutPreferences(
        PreferencesRequest request, NotificationsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        TimeOnly from = default, to = default;
        var v = new Validator()
            .Check(request.QuietFrom is null or "" || TimeOnly.TryParseExact(request.QuietFrom, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out from),
                "quietFrom", "'quietFrom' must be a time as HH:mm (24 h).")
            .Check(request.QuietTo is null or "" || TimeOnly.TryParseExact(request.QuietTo, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out to),
                "quietTo", "'quietTo' must be a time as HH:mm (24 h).")
            .Check(string.IsNullOrEmpty(request.QuietFrom) == string.IsNullOrEmpty(request.QuietTo), "quietTo", "Give both 'quietFrom' and 'quietTo', or neither (empty strings clear them).")
            .Check(request.TimeZone is null || (request.TimeZone.Length <= Lengths.TimeZone && TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _)),
                "timeZone", "'timeZone' must be an IANA time zone such as Europe/Berlin.")
            .Check(request.EmailAddress is null or "" || (request.EmailAddress.Length <= Lengths.Email && MimeKit.MailboxAddress.TryParse(request.EmailAddress, out var address)
                && address.Address.Contains('@')), "emailAddress", "'emailAddress' must be an e-mail address.");
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var me = Caller.Of(http).Id;
        var preference = await db.Preferences.FirstOrDefaultAsync(p => p.UserId == me, ct);
        if (preference is null) db.Preferences.Add(preference = Preference.DefaultFor(me));
        if (request.Inbox is { } inbox) preference.Inbox = inbox;
        if (request.Email is { } email) preference.Email = email;
        if (request.Digest is { } digest) preference.Digest = digest;
        if (request.QuietFrom is not null)
        {
            var clear = request.QuietFrom.Length == 0;
            preference.QuietFrom = clear ? null : from;
            preference.QuietTo = clear ? null : to;
        }

        if (request.TimeZone is not null) preference.TimeZone = request.TimeZone;
        if (request.EmailAddress is not null) preference.EmailAddress = request.EmailAddress.Length == 0 ? null : request.EmailAddress;
        preference.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PreferencesResponse.From(preference));
    }
}
