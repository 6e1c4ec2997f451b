using System.Text.Json;

namespace Platform.Portal.Api;

// The ticket page's and the requester's extra shapes (issue 17: attachments, SLA, rating, major incident, asset,
// history, queues, projects). Only what the screens use; unknown members are ignored.

/// <summary>One SLA clock as ticketing reads it now: business minutes allowed, used and left; when it falls due.</summary>
/// <param name="WarningPercent">The share of the target used at which ticketing warns (the policy's).</param>
/// <param name="Counting">Running and within the calendar's business hours now: the time left goes down.</param>
/// <param name="CountingChangesAt">When a running clock next starts (the desk opens) or stops (it closes) counting, within a week; else null.</param>
public sealed record SlaClockView(int TargetMinutes, int ElapsedMinutes, int RemainingMinutes, DateTimeOffset? DueAt, DateTimeOffset? StoppedAt, string State,
    int WarningPercent = 80, bool Counting = true, DateTimeOffset? CountingChangesAt = null);

public sealed record SlaView(Guid PolicyId, Guid CalendarId, bool Paused, SlaClockView FirstResponse, SlaClockView Resolution);

public sealed record SatisfactionView(int Rating, string? Comment, DateTimeOffset RatedAt);

public sealed record MajorIncidentView(string Reason, string DeclaredBy, DateTimeOffset DeclaredAt);

/// <summary>The monitoring alert a ticket stands for: every delivery into the ticket counted, repeats without news included.</summary>
public sealed record AlertView(string Source, string AlertId, int Deliveries, string LastStatus, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);

/// <summary>The asset a ticket is about, as ticketing last heard of it from the assets service.</summary>
public sealed record AssetSummary(
    string Tag, bool Known, string? Kind, string? Model, string? Status, string? AssignedTo, string? ProjectKey,
    int? OtherOpenTickets, DateTimeOffset? AsOf, string Href);

public sealed record Attachment(
    Guid Id, string FileName, string ContentType, long Size, string Sha256, Guid? CommentId, bool Internal,
    string UploadedBy, DateTimeOffset UploadedAt, string Href)
{
    /// <summary>Shown as a preview: the image types ticketing accepts (never SVG, which could carry script).</summary>
    public bool IsImage => ContentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";
}

/// <summary>One change of a ticket from its audit trail: when, who, what, and the fields changed ([before, after]).</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Actor, string Action, JsonElement Changes);

public sealed record QueueSummary(Guid Id, string Key, string Name);

public sealed record ProjectSummary(Guid Id, string Key, string Name, string? Description = null);

public sealed record ProjectIssueSummary(Guid Id, string Key, string Title, string Status, string? Resolution = null, TicketRef? SourceTicket = null);

public sealed record TicketRef(Guid Id, string? Key, string Href);

/// <summary>What a file upload must respect before it is sent (ticketing's "Attachments" limits, mirrored in Portal:Attachments).</summary>
public sealed class AttachmentLimits
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public string[] AllowedTypes { get; set; } =
    [
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
        "text/plain", "text/csv", "application/json", "application/zip", "application/gzip",
    ];

    /// <summary>
    /// A problem (413 or 415, as ticketing would answer) for a file that cannot be accepted, or null. Checked before
    /// the upload so that nobody waits for ten megabytes to travel only to be refused; ticketing checks again.
    /// </summary>
    public Problem? Check(string fileName, string? contentType, long size)
    {
        if (size > MaxBytes)
            return new Problem { Status = 413, Title = "File too large", Detail = $"{fileName}: attachments are limited to {MaxBytes} bytes.", Type = "too-large" };
        var type = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!AllowedTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            return new Problem
            {
                Status = 415, Title = "Unsupported file type", Type = "unsupported-type",
                Detail = $"{fileName}: '{(type.Length == 0 ? "?" : type)}' files are not accepted; allowed: {string.Join(", ", AllowedTypes)}.",
            };
        return null;
    }

    /// <summary>A size as people read it: 512 B, 12.3 KB, 4.5 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };
}
