using System.Net;
using System.Net.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace Platform.Ticketing.Features.Projects;

/// <summary>Where ticketing asks the projects service ("ProjectsApi"); no address, no asking.</summary>
public sealed class ProjectsApiOptions
{
    /// <summary>The projects service itself (not the gateway), for example http://127.0.0.1:5102/.</summary>
    public Uri? BaseAddress { get; set; }
}

/// <summary>
/// The rare synchronous query of DESIGN.md §1: ticketing knows projects from their ProjectCreated events, so a project
/// created a moment ago may not be known yet when someone promotes a ticket to it. Then the promotion asks the projects
/// service, with the caller's own token (the projects service answers only for what the caller may see), through the
/// standard resilience pipeline every HttpClient gets from the service defaults (timeouts, retries, circuit breaker).
/// </summary>
public sealed class ProjectsClient(HttpClient http)
{
    private sealed record ProjectSummary(Guid Id, string Key, string Name);

    /// <summary>The project, null when the projects service does not know it (or will not show it to the caller),
    /// or when no address is configured. Throws when the projects service cannot be reached.</summary>
    public async Task<KnownProject?> FindAsync(string reference, string? authorization, CancellationToken ct)
    {
        if (http.BaseAddress is null) return null;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/projects/{Uri.EscapeDataString(reference)}");
        if (AuthenticationHeaderValue.TryParse(authorization, out var token)) request.Headers.Authorization = token;
        using var response = await http.SendAsync(request, ct);
        // 404 (or 401/403: not for this caller's eyes; 400: no project could have that reference): not a project to
        // promote to. A 408 or 429 (the gateway's rate limit) and any 5xx are "cannot be asked right now", never
        // "does not exist": the caller is told to retry.
        if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
            return null;
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The projects service answered {(int)response.StatusCode} about '{reference}'.", null, response.StatusCode);
        var project = await response.Content.ReadFromJsonAsync<ProjectSummary>(ct)
            ?? throw new HttpRequestException("The projects service answered an empty body.");
        return new KnownProject { Id = project.Id, Key = project.Key, Name = project.Name };
    }

    /// <summary>The caller's Authorization header, to forward as it came.</summary>
    public static string? AuthorizationOf(HttpContext http) => http.Request.Headers[HeaderNames.Authorization].FirstOrDefault();
}
