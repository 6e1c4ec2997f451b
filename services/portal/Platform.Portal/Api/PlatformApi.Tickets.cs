using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.Portal.Api;

// The ticket page and requester self-service beyond the basics (issue 17): attachments, rating, priority, major
// incidents, routing, promotion, the asset, history; projects for the picker. Every call goes through the gateway with
// the person's token (UserTokenHandler); the services decide who may do what.
public sealed partial class PlatformApi
{
    private static string T(string key) => $"api/tickets/{Uri.EscapeDataString(key)}";

    public Task<ApiResult<IReadOnlyList<Attachment>>> AttachmentsAsync(string key, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<Attachment>>($"{T(key)}/attachments", ct);

    /// <summary>Uploads one file (multipart, field "file"), optionally to a comment; ticketing checks size, type and content.</summary>
    public async Task<ApiResult<Attachment>> UploadAsync(string key, string fileName, string contentType, Stream content,
        Guid? commentId = null, CancellationToken ct = default)
    {
        try
        {
            using var form = new MultipartFormDataContent();
            var file = new StreamContent(content);
            file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", fileName);
            if (commentId is { } id) form.Add(new StringContent(id.ToString()), "commentId");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{T(key)}/attachments") { Content = form };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await SendAsync(request, ct);
            return await ReadAsync<Attachment>(response, ct);
        }
        catch (HttpRequestException e)
        {
            return Unreachable<Attachment>(e);
        }
    }

    /// <summary>The file's bytes as ticketing answers them (the caller streams and disposes the response).</summary>
    public Task<HttpResponseMessage> DownloadAsync(string key, Guid id, CancellationToken ct = default) =>
        GetResponseAsync($"{T(key)}/attachments/{id}/content", ct, HttpCompletionOption.ResponseHeadersRead);

    public Task<ApiResult<Ticket>> RateAsync(string key, int rating, string? comment, CancellationToken ct = default) =>
        PostAsync<Ticket>($"{T(key)}/satisfaction", new { rating, comment }, ct);

    public Task<ApiResult<Ticket>> ChangePriorityAsync(string key, string impact, string urgency, CancellationToken ct = default) =>
        PostAsync<Ticket>($"{T(key)}/priority", new { impact, urgency }, ct);

    public Task<ApiResult<Ticket>> MajorIncidentAsync(string key, bool declare, string? reason, CancellationToken ct = default) =>
        PostAsync<Ticket>(declare ? $"{T(key)}/major-incident" : $"{T(key)}/major-incident/stand-down", new { reason }, ct);

    public Task<ApiResult<IReadOnlyList<QueueSummary>>> QueuesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<QueueSummary>>("api/queues", ct);

    public Task<ApiResult<Ticket>> RouteAsync(string key, string? queue, CancellationToken ct = default) =>
        PostAsync<Ticket>($"{T(key)}/route", new { queue, autoAssign = false }, ct);

    public Task<ApiResult<Ticket>> PromoteAsync(string key, string? projectKey, CancellationToken ct = default) =>
        PostAsync<Ticket>($"{T(key)}/promote", new { projectKey }, ct);

    public Task<ApiResult<Ticket>> LinkAssetAsync(string key, string? assetTag, CancellationToken ct = default) =>
        SendAsync<Ticket>(HttpMethod.Put, $"{T(key)}/asset", new { assetTag }, ct);

    public Task<ApiResult<IReadOnlyList<HistoryEntry>>> HistoryAsync(string key, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<HistoryEntry>>($"{T(key)}/history", ct);

    /// <summary>The projects the caller may see (agents: those they are a member of), for the promote picker.</summary>
    public Task<ApiResult<Page<ProjectSummary>>> ProjectsAsync(CancellationToken ct = default) =>
        GetAsync<Page<ProjectSummary>>("api/projects?limit=100", ct);

    /// <summary>A project issue by the link a promoted ticket gives (/api/projects/{id}/issues/{id}).</summary>
    public Task<ApiResult<ProjectIssueSummary>> ProjectIssueAsync(string href, CancellationToken ct = default) =>
        GetAsync<ProjectIssueSummary>(href.TrimStart('/'), ct);

    /// <summary>A write that answers a body (PUT, or POST without the helpers above).</summary>
    private async Task<ApiResult<TResult>> SendAsync<TResult>(HttpMethod method, string url, object body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: Json) };
            if (method == HttpMethod.Post) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await SendAsync(request, ct);
            return await ReadAsync<TResult>(response, ct);
        }
        catch (HttpRequestException e)
        {
            return Unreachable<TResult>(e);
        }
    }

    /// <summary>A write that answers 204: true, or the problem.</summary>
    private async Task<ApiResult<bool>> SendNoContentAsync(HttpMethod method, string url, object? body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = JsonContent.Create(body, options: Json);
            if (method == HttpMethod.Post) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await SendAsync(request, ct);
            if (response.IsSuccessStatusCode) return new ApiResult<bool>(true, null, (int)response.StatusCode);
            var failed = await ReadAsync<bool>(response, ct);
            return failed;
        }
        catch (HttpRequestException e)
        {
            return Unreachable<bool>(e);
        }
    }
}
