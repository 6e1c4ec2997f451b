using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Portal.Api;
using Platform.Portal.Components.Shared;
using Platform.Portal.Live;

namespace Platform.Portal.Tests;

/// <summary>
/// The header's inbox link: its accessible name holds the count the badge shows (99+ past 99), as axe's
/// label-content-name-mismatch rule asks; the exact count stays in data-unread.
/// </summary>
public sealed class InboxBadgeTests : PortalContext
{
    private sealed class UnreadHandler(int unread) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"unread\":{unread}}}", Encoding.UTF8, "application/json"),
            });
    }

    private IRenderedComponent<InboxBadge> Render(int unread)
    {
        Services.AddSingleton(new PlatformApi(new HttpClient(new UnreadHandler(unread)) { BaseAddress = new Uri("http://127.0.0.1:9/") }));
        Services.AddSingleton(new LiveHub(NullLogger<LiveHub>.Instance));
        return Render<InboxBadge>();
    }

    [Theory]
    [InlineData(5, "5")]
    [InlineData(99, "99")]
    [InlineData(102, "99+")]
    public void The_links_name_holds_the_count_the_badge_shows(int unread, string shown)
    {
        var cut = Render(unread);
        cut.WaitForAssertion(() => cut.Find("[data-testid='unread-badge']").GetAttribute("data-unread").ShouldBe(unread.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var link = cut.Find("[data-testid='inbox-link']");
        link.GetAttribute("aria-label").ShouldBe($"Inbox: Unread notifications: {shown}");
        link.TextContent.Trim().ShouldContain(shown);
    }
}
