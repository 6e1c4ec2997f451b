namespace Platform.Ticketing.Domain;

/// <summary>
/// A file on a ticket or on one of its comments (a screenshot, a log). The bytes live in their own table
/// (<see cref="AttachmentContent"/>), written in the same transaction, so a listing never reads them and a file
/// is never half there. An attachment on an internal note is internal: requesters never see it.
/// </summary>
public sealed class TicketAttachment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TicketId { get; init; }
    public Guid? CommentId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }

    /// <summary>SHA-256 of the bytes, hex; also the download's ETag.</summary>
    public required string Sha256 { get; init; }

    public bool Internal { get; init; }
    public required string UploadedBy { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
}

public sealed class AttachmentContent
{
    public Guid AttachmentId { get; init; }
    public required byte[] Data { get; init; }
}

/// <summary>What an upload may be: at most <see cref="MaxBytes"/>, one of <see cref="AllowedTypes"/> ("Attachments").</summary>
public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public string[] AllowedTypes { get; set; } =
    [
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
        "text/plain", "text/csv", "application/json", "application/zip", "application/gzip",
    ];
}

/// <summary>Checks that a file's bytes are what its declared type says (a renamed executable is not a PNG).</summary>
public static class FileSignature
{
    private static readonly Dictionary<string, byte[][]> Magic = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        ["image/jpeg"] = [[0xFF, 0xD8, 0xFF]],
        ["image/gif"] = ["GIF87a"u8.ToArray(), "GIF89a"u8.ToArray()],
        ["application/pdf"] = ["%PDF-"u8.ToArray()],
        ["application/zip"] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06]],
        ["application/gzip"] = [[0x1F, 0x8B]],
    };

    private static readonly HashSet<string> Text = new(StringComparer.OrdinalIgnoreCase) { "text/plain", "text/csv", "application/json" };

    /// <summary>Null when the content matches the type; otherwise why not.</summary>
    public static string? Check(string contentType, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return "The file is empty.";
        if (contentType.Equals("image/webp", StringComparison.OrdinalIgnoreCase))
            return data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)
                ? null : "The file is not a WebP image.";
        if (Magic.TryGetValue(contentType, out var signatures))
        {
            foreach (var signature in signatures)
                if (data.StartsWith(signature)) return null;
            return $"The file's content is not {contentType}.";
        }

        if (Text.Contains(contentType))
        {
            if (data.Contains((byte)0)) return $"A {contentType} file holds no NUL bytes; upload binaries as application/zip.";
            try
            {
                _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(data);
                return null;
            }
            catch (System.Text.DecoderFallbackException)
            {
                return $"A {contentType} file must be UTF-8 text.";
            }
        }

        return null; // a type allowed by configuration that we have no signature for
    }

    /// <summary>A file name safe to store and to send back: no path, no control characters, at most 200 characters.</summary>
    public static string CleanName(string? name)
    {
        var leaf = Path.GetFileName((name ?? "").Replace('\\', '/').Split('/')[^1]);
        var clean = new string(leaf.Where(c => !char.IsControl(c) && c != '"').ToArray()).Trim();
        if (clean.Length == 0 || clean is "." or "..") clean = "attachment";
        return clean.Length <= 200 ? clean : clean[^200..];
    }
}
