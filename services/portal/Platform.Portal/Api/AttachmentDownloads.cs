namespace Platform.Portal.Api;

/// <summary>
/// Attachment downloads and image previews for the browser, which holds no token: the portal asks ticketing through
/// the gateway with the signed-in person's token and streams the answer back (so a file the person may not see is a
/// 404 here too). The bytes keep ticketing's guards: nosniff, a sandboxing CSP, no caching.
/// </summary>
public static class AttachmentDownloads
{
    public static string Url(string ticketKey, Guid id) => $"files/tickets/{Uri.EscapeDataString(ticketKey)}/attachments/{id}";

    public static void MapAttachmentDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet("/files/tickets/{key}/attachments/{id:guid}", DownloadAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task DownloadAsync(string key, Guid id, PlatformApi api, HttpContext http, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await api.DownloadAsync(key, id, ct);
        }
        catch (HttpRequestException)
        {
            await Results.Problem(statusCode: 502, title: "The platform cannot be reached.").ExecuteAsync(http);
            return;
        }

        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            var headers = response.Content.Headers;
            if (headers.ContentType is { } type) http.Response.ContentType = type.ToString();
            if (headers.ContentLength is { } length) http.Response.ContentLength = length;
            if (headers.ContentDisposition is { } disposition) http.Response.Headers.ContentDisposition = disposition.ToString();
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            http.Response.Headers.CacheControl = "private, no-store";
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await body.CopyToAsync(http.Response.Body, ct);
        }
    }
}
