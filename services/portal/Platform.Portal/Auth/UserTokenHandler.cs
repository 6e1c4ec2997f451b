using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Platform.Portal.Auth;

/// <summary>
/// Puts the signed-in person's own access token on every call the portal makes to the platform's API (through the
/// gateway): the services decide what that person may see and do; the portal has no identity of its own there.
/// The person is the one of the Blazor circuit at work, or of the HTTP request while a page is rendered on the server.
/// </summary>
public sealed class UserTokenHandler(CircuitServices circuit, IHttpContextAccessor http, PortalSessions sessions) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        var token = await sessions.AccessTokenAsync(PortalSessions.SessionOf(user), cancellationToken);
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> CurrentUserAsync()
    {
        if (circuit.Services?.GetService<AuthenticationStateProvider>() is { } state)
            return (await state.GetAuthenticationStateAsync()).User;
        return http.HttpContext?.User;
    }
}
