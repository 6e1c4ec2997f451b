using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Ticketing.Features.Attachments;

public sealed record AttachmentResponse(
    Guid Id, string FileName, string ContentType, long Size, string Sha256, Guid? CommentId, bool Internal,
    string UploadedBy, DateTimeOffset UploadedAt, string Href)
{
    public static AttachmentResponse From(TicketAttachment a, string ticketKey) => new(
        a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.CommentId, a.Internal, a.UploadedBy, a.UploadedAt,
        $"/api/tickets/{ticketKey}/attachments/{a.Id}/content");
}

/// <summary>
/// Files on tickets and comments: multipart upload (field "file", optional "commentId", and "internal" for agents),
/// size and type limits ("Attachments"), content checked against the declared type, stored in PostgreSQL with the
/// ticket. Whoever may see the ticket may see its files, except that internal ones are for agents and PMO only;
/// for anyone else they do not exist (404).
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>Room for the multipart envelope around the file.</summary>
    private const long EnvelopeBytes = 64 * 1024;

    /// <param name="tickets">The /api/tickets group (TicketingService.cs).</param>
    public static void MapAttachmentEndpoints(this RouteGroupBuilder tickets)
    {
        tickets = tickets.MapGroup("").WithTags("Tickets");
        tickets.MapPost("/{ticket}/attachments", Upload).WithName("UploadTicketAttachment").DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        tickets.MapGet("/{ticket}/attachments", List).WithName("ListTicketAttachments");
        tickets.MapGet("/{ticket}/attachments/{id:guid}", Get).WithName("GetTicketAttachment");
        tickets.MapGet("/{ticket}/attachments/{id:guid}/content", Download).WithName("DownloadTicketAttachment");
        tickets.MapDelete("/{ticket}/attachments/{id:guid}", Delete).WithName("DeleteTicketAttachment")
            .RequireAuthorization(Policies.TicketsWork);
    }

    private static async Task<Results<Created<AttachmentResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        string ticket, HttpRequest request, TicketingDbContext db, TimeProvider clock, IOptions<AttachmentOptions> options,
        CancellationToken ct)
    {
        var limits = options.Value;
        var caller = Caller.Of(request.HttpContext);
        var found = await db.PeekTicketAsync(ticket, caller, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        if (found.Status == TicketStatus.Closed)
            return Problems.Conflict("ticket-closed", $"{found.Key} is closed; open a new ticket instead.");

        if (request.ContentLength > limits.MaxBytes + EnvelopeBytes) return TooLarge(limits);
        if (!request.HasFormContentType)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Upload a file as multipart/form-data with the field 'file'.");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } max)
            max.MaxRequestBodySize = limits.MaxBytes + EnvelopeBytes;

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxBytes + EnvelopeBytes }, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limits);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["file"] = [$"The multipart body could not be read: {e.Message}"] });
        }

        var file = form.Files.GetFile("file");
        var v = new Validator().Check(file is not null && form.Files.Count == 1, "file", "Send exactly one file, in the field 'file'.");
        Guid? commentId = null;
        if (form.TryGetValue("commentId", out var commentText) && !string.IsNullOrWhiteSpace(commentText))
        {
            if (Guid.TryParse(commentText, out var parsed)) commentId = parsed;
            else v.Check(false, "commentId", "'commentId' must be a comment's id.");
        }
        var wantsInternal = form.TryGetValue("internal", out var internalText) && bool.TryParse(internalText, out var flag) && flag;
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (wantsInternal && !caller.SeesAllTickets) return Problems.Forbidden("Internal attachments are for agents and PMO only.");
        if (file!.Length > limits.MaxBytes) return TooLarge(limits);

        var contentType = (file.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!limits.AllowedTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type",
                $"'{contentType}' files are not accepted; allowed: {string.Join(", ", limits.AllowedTypes)}.");

        var comment = commentId is null ? null
            : await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId && c.TicketId == found.Id, ct);
        if (commentId is not null && (comment is null || (comment.Kind == CommentKind.Internal && !caller.SeesAllTickets)))
            return Problems.NotFound("Comment", commentId);

        byte[] data;
        await using (var stream = file.OpenReadStream())
        {
            data = new byte[file.Length];
            await stream.ReadExactlyAsync(data, ct);
        }

        if (FileSignature.Check(contentType, data) is { } mismatch)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "File content does not match its type", mismatch);

        var attachment = new TicketAttachment
        {
            TicketId = found.Id,
            CommentId = commentId,
            FileName = FileSignature.CleanName(file.FileName),
            ContentType = contentType,
            Size = data.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(data)),
            Internal = wantsInternal || comment?.Kind == CommentKind.Internal,
            UploadedBy = caller.Id,
            UploadedAt = clock.GetUtcNow(),
        };
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachment.Id, Data = data });
        await db.SaveChangesAsync(ct);
        var response = AttachmentResponse.From(attachment, found.Key);
        return TypedResults.Created(response.Href.Replace("/content", ""), response);
    }

    private static async Task<Results<Ok<IReadOnlyList<AttachmentResponse>>, ProblemHttpResult>> List(
        string ticket, TicketingDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.PeekTicketAsync(ticket, caller, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        var rows = await Visible(db, found.Id, caller).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<AttachmentResponse>>(rows.Select(a => AttachmentResponse.From(a, found.Key)).ToList());
    }

    private static async Task<Results<Ok<AttachmentResponse>, ProblemHttpResult>> Get(
        string ticket, Guid id, TicketingDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.PeekTicketAsync(ticket, caller, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        var attachment = await Visible(db, found.Id, caller).FirstOrDefaultAsync(a => a.Id == id, ct);
        return attachment is null ? Problems.NotFound("Attachment", id) : TypedResults.Ok(AttachmentResponse.From(attachment, found.Key));
    }

    /// <summary>The bytes, always as a download (never rendered inline from our origin), with the hash as ETag.</summary>
    private static async Task<IResult> Download(string ticket, Guid id, TicketingDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.PeekTicketAsync(ticket, caller, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        var attachment = await Visible(db, found.Id, caller).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (attachment is null) return Problems.NotFound("Attachment", id);
        var content = await db.AttachmentContents.AsNoTracking().FirstAsync(c => c.AttachmentId == id, ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(content.Data, attachment.ContentType, attachment.FileName,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{attachment.Sha256}\""));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string ticket, Guid id, TicketingDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.PeekTicketAsync(ticket, caller, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        return await db.DeleteAsync<TicketAttachment>(a => a.Id == id && a.TicketId == found.Id, "Attachment", id, ct); // its content goes with it (cascade)
    }

    private static IQueryable<TicketAttachment> Visible(TicketingDbContext db, Guid ticketId, Caller caller)
    {
        var internals = caller.SeesAllTickets;
        return db.Attachments.AsNoTracking().Where(a => a.TicketId == ticketId && (internals || !a.Internal));
    }

    private static ProblemHttpResult TooLarge(AttachmentOptions limits) => Problem(StatusCodes.Status413PayloadTooLarge,
        "File too large", $"Attachments are limited to {limits.MaxBytes} bytes.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
