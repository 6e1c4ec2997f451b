using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Platform.Portal.Auth;
using Platform.ServiceDefaults;

namespace Platform.Portal.Api;

/// <summary>
/// The platform's API as the portal calls it: through the gateway, with the signed-in person's token
/// (<see cref="Auth.UserTokenHandler"/>). Every write carries an Idempotency-Key, so a retried call lands once.
/// Built in the scope of whoever uses it (a circuit, or an HTTP request), it names that scope's person on each request
/// it sends; the token handler, which IHttpClientFactory builds in a scope of its own, reads the person from there.
/// </summary>
public sealed partial class PlatformApi(HttpClient http, AuthenticationStateProvider? auth = null)
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaultsExtensions.ConfigureJson(options);
        return options;
    }

    public Task<ApiResult<IReadOnlyList<Category>>> CategoriesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<Category>>("api/ticket-categories", ct);

    public Task<ApiResult<Ticket>> CreateTicketAsync(TicketDraft ticket, CancellationToken ct = default) =>
        PostAsync<Ticket>("api/tickets", ticket, ct);

    /// <summary>The tickets <paramref name="requester"/> raised, newest first.</summary>
    public Task<ApiResult<Page<Ticket>>> TicketsOfAsync(string requester, string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<Ticket>>($"api/tickets?requester={Uri.EscapeDataString(requester)}&limit=25{Cursor(cursor)}", ct);

    /// <summary>The agents' queue: every ticket the caller may see, by status, or matching a full-text search.</summary>
    public Task<ApiResult<Page<Ticket>>> QueueAsync(string? status, string? search, string? cursor, CancellationToken ct = default)
    {
        var filter = string.IsNullOrEmpty(status) ? "" : $"&status={Uri.EscapeDataString(status)}";
        return string.IsNullOrWhiteSpace(search)
            ? GetAsync<Page<Ticket>>($"api/tickets?limit=25{filter}{Cursor(cursor)}", ct)
            : GetAsync<Page<Ticket>>($"api/tickets/search?q={Uri.EscapeDataString(search.Trim())}&limit=25{filter}{Cursor(cursor)}", ct);
    }

    public Task<ApiResult<Ticket>> TicketAsync(string key, CancellationToken ct = default) =>
        GetAsync<Ticket>($"api/tickets/{Uri.EscapeDataString(key)}", ct);

    public Task<ApiResult<Comment>> CommentAsync(string key, string? body, bool isInternal, CancellationToken ct = default) =>
        PostAsync<Comment>($"api/tickets/{Uri.EscapeDataString(key)}/comments", new { body, @internal = isInternal }, ct);

    public Task<ApiResult<Ticket>> AssignAsync(string key, string? assignee, CancellationToken ct = default) =>
        PostAsync<Ticket>($"api/tickets/{Uri.EscapeDataString(key)}/assign", new { assignee }, ct);

    public Task<ApiResult<Ticket>> TransitionAsync(string key, string action, string? comment, CancellationToken ct = default) =>
        PostAsync<Ticket>($"api/tickets/{Uri.EscapeDataString(key)}/transitions", new { action, comment }, ct);

    /// <summary>The people directory's search (pickers): by name, optionally only those with a role.</summary>
    public Task<ApiResult<Page<Person>>> PeopleAsync(string? query, string? role, CancellationToken ct = default)
    {
        var url = $"api/people?limit=10&q={Uri.EscapeDataString(query?.Trim() ?? "")}";
        if (!string.IsNullOrEmpty(role)) url += $"&role={Uri.EscapeDataString(role)}";
        return GetAsync<Page<Person>>(url, ct);
    }

    public Task<ApiResult<Person>> PersonAsync(string id, CancellationToken ct = default) =>
        GetAsync<Person>($"api/people/{Uri.EscapeDataString(id)}", ct);

    /// <summary>Sends with the person of this scope on the request (see <see cref="UserTokenHandler.User"/>).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        if (await UserAsync() is { } user) request.Options.Set(UserTokenHandler.User, user);
        return await http.SendAsync(request, completion, ct);
    }

    private Task<HttpResponseMessage> GetResponseAsync(string url, CancellationToken ct,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, url), ct, completion);

    /// <summary>
    /// The circuit's person; outside a circuit or a page being rendered (an endpoint such as an attachment download)
    /// there is no authentication state, and the token handler takes the HTTP request's user instead.
    /// </summary>
    private async Task<ClaimsPrincipal?> UserAsync()
    {
        if (auth is null) return null;
        try
        {
            return (await auth.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Cursor(string? cursor) => cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}";

    private async Task<ApiResult<T>> GetAsync<T>(string url, CancellationToken ct)
    {
        try
        {
            using var response = await GetResponseAsync(url, ct);
            return await ReadAsync<T>(response, ct);
        }
        catch (HttpRequestException e)
        {
            return Unreachable<T>(e);
        }
    }

    private async Task<ApiResult<T>> PostAsync<T>(string url, object body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await SendAsync(request, ct);
            return await ReadAsync<T>(response, ct);
        }
        catch (HttpRequestException e)
        {
            return Unreachable<T>(e);
        }
    }

    private static ApiResult<T> Unreachable<T>(HttpRequestException e) =>
        new(default, new Problem { Title = "The platform cannot be reached.", Detail = e.Message, Status = 503 }, 503);

    private static async Task<ApiResult<T>> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
            return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, ct), null, status);

        Problem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.Ordinal))
        {
            try { problem = await response.Content.ReadFromJsonAsync<Problem>(Json, ct); }
            catch (JsonException) { /* not a problem document */ }
        }

        problem ??= new Problem { Title = response.ReasonPhrase };
        problem.Status ??= status;
        return new ApiResult<T>(default, problem, status);
    }
}
