using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Platform.Portal.Api;
using Platform.Portal.Auth;

namespace Platform.Portal.Tests;

/// <summary>
/// Who the portal calls the API as: the person of the scope that built <see cref="PlatformApi"/> (a circuit), named on
/// every request it sends, so the token handler never has to guess from ambient state (which once pointed at a circuit
/// already gone: "Cannot access a disposed object").
/// </summary>
public sealed class ApiUserTests
{
    [Fact]
    public async Task Every_request_names_the_person_of_the_api_s_own_scope()
    {
        var seen = new RecordingHandler();
        var dave = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "dave"), new Claim("sid", "s-dave")], "test"));
        var api = new PlatformApi(new HttpClient(seen) { BaseAddress = new Uri("http://gateway.test/") }, new FixedState(dave));

        await api.TicketAsync("HD-1", Xunit.TestContext.Current.CancellationToken);
        await api.CommentAsync("HD-1", "hello", false, Xunit.TestContext.Current.CancellationToken);
        using (await api.DownloadAsync("HD-1", Guid.NewGuid(), Xunit.TestContext.Current.CancellationToken)) { }

        seen.Users.Count.ShouldBe(3);
        seen.Users.ShouldAllBe(u => u != null && u.Identity!.Name == "dave");
    }

    [Fact]
    public async Task Outside_a_circuit_the_request_names_nobody_and_the_handler_takes_the_http_request_s_user()
    {
        var seen = new RecordingHandler();
        var api = new PlatformApi(new HttpClient(seen) { BaseAddress = new Uri("http://gateway.test/") }, new NoState());

        await api.TicketAsync("HD-1", Xunit.TestContext.Current.CancellationToken);

        seen.Users.ShouldBe([null]);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<ClaimsPrincipal?> Users { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Users.Add(request.Options.TryGetValue(UserTokenHandler.User, out var user) ? user : null);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
        }
    }

    private sealed class FixedState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    /// <summary>As ASP.NET Core's server provider answers outside a circuit or a rendered page.</summary>
    private sealed class NoState : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            throw new InvalidOperationException("GetAuthenticationStateAsync was called before SetAuthenticationState.");
    }
}
