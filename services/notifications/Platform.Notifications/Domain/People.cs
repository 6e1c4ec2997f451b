namespace Platform.Notifications.Domain;

/// <summary>A ticket's requester and assignee, as ticketing's events told us.</summary>
[Platform.Data.NotAudited]
public sealed class TicketContact
{
    public Guid TicketId { get; init; }
    public required string TicketKey { get; set; }
    public string? Requester { get; set; }
    public string? Assignee { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A project's manager and sponsor, as projects' events told us.</summary>
[Platform.Data.NotAudited]
public sealed class ProjectContact
{
    public Guid ProjectId { get; init; }
    public required string ProjectKey { get; set; }
    public string? Manager { get; set; }
    public string? Sponsor { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One person's channels: the in-app inbox, immediate e-mail, and the daily digest (non-urgent e-mails gathered into
/// one at <c>Notifications:DigestHour</c> local time). During quiet hours non-urgent e-mails wait until they end;
/// P1 and escalations go out at once.
/// </summary>
public sealed class Preference
{
    public required string UserId { get; init; }
    public bool Inbox { get; set; } = true;
    public bool Email { get; set; } = true;
    public bool Digest { get; set; }
    public TimeOnly? QuietFrom { get; set; }
    public TimeOnly? QuietTo { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string? EmailAddress { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static Preference DefaultFor(string userId) => new() { UserId = userId };

    /// <summary>When a non-urgent e-mail may go: now, or when the quiet hours in the person's time zone end.</summary>
    public DateTimeOffset SendAt(DateTimeOffset now, bool urgent)
    {
        if (urgent || QuietFrom is not { } from || QuietTo is not { } to || from == to) return now;
        var zone = Zone();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inside = from < to ? time >= from && time < to : time >= from || time < to;
        if (!inside) return now;
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (from > to && time >= from) endDate = endDate.AddDays(1);
        return ToUtc(endDate.ToDateTime(to), zone);
    }

    /// <summary>The next digest time (the given hour, local) after <paramref name="now"/>.</summary>
    public DateTimeOffset NextDigest(DateTimeOffset now, int hour)
    {
        var zone = Zone();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var at = DateOnly.FromDateTime(local.DateTime).ToDateTime(new TimeOnly(hour, 0));
        if (at <= local.DateTime) at = at.AddDays(1);
        return ToUtc(at, zone);
    }

    private TimeZoneInfo Zone() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        // A wall-clock time skipped by a DST change happens an hour later.
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
    }
}

/// <summary>One notification in a person's in-app inbox; at most one per (person, event).</summary>
[Platform.Data.NotAudited]
public sealed class InboxItem
{
    public long Id { get; private set; }
    public required string UserId { get; init; }
    public Guid EventId { get; init; }
    public required string EventType { get; init; }
    public string? Subject { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public string? Severity { get; init; }
    public bool Urgent { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; set; }
}
