using System.Net.Http.Headers;
using System.Security.Claims;

namespace Platform.Portal.Auth;

/// <summary>
/// Puts the signed-in person's own access token on every call the portal makes to the platform's API (through the
/// gateway): the services decide what that person may see and do; the portal has no identity of its own there.
/// The person is the one <see cref="Api.PlatformApi"/> names on the request (its circuit's, or its page's), else the
/// user of the HTTP request at hand (an endpoint such as an attachment download).
/// </summary>
/// <remarks>
/// The person travels on the request rather than in an ambient (async-local) value: a circuit's services found that
/// way could be those of a circuit already gone, and a page then failed with "Cannot access a disposed object".
/// </remarks>
public sealed class UserTokenHandler(IHttpContextAccessor http, PortalSessions sessions) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<ClaimsPrincipal> User = new("Platform.Portal.User");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var user = request.Options.TryGetValue(User, out var named) ? named : http.HttpContext?.User;
        var token = await sessions.AccessTokenAsync(PortalSessions.SessionOf(user), cancellationToken);
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
