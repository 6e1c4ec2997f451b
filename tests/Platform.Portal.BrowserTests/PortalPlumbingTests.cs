using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// What the help desk issue asks of the portal beyond its pages: a click that promotes a ticket is one trace from the
/// portal through the gateway, ticketing, RabbitMQ and projects; a requester sees the project issue's key as text (they
/// cannot open project issues), the agent as a link; people show by name; a broken circuit reconnects by itself.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalPlumbingTests(PortalFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan SpanTimeout = TimeSpan.FromSeconds(20);
    private readonly Sessions _sessions = new(fx, output, "plumbing");

    static PortalPlumbingTests() => SetDefaultExpectTimeout(30_000);


    [Fact]
    public async Task A_promote_click_is_one_trace_from_the_portal_through_gateway_ticketing_rabbitmq_and_projects()
    {
        var text = Texts.For("en");
        var word = "Tr" + Guid.NewGuid().ToString("N")[..8];
        var projectName = $"Trace fleet {word}";
        var created = await fx.Http.PostJsonAsync("/api/projects", new { name = projectName, manager = "carol", description = "Traced." });
        var projectKey = (await created.ReadJsonAsync(HttpStatusCode.Created)).Str("key");
        (await fx.Http.PostJsonAsync($"/api/projects/{projectKey}/members", new { userId = "bob", role = "member" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var aliceApi = await fx.ClientForAsync("alice");
        var ticket = await (await aliceApi.PostJsonAsync("/api/tickets", new
        {
            title = $"Scanner offline {word}", description = "Since this morning.", category = PortalFixture.CategoryKey, impact = "Low", urgency = "Low",
        })).ReadJsonAsync(HttpStatusCode.Created);
        var key = ticket.Str("key");

        // bob promotes it from the ticket page: one click.
        var bob = await _sessions.SignInAsync("bob", text);
        await bob.GotoAsync($"{fx.BaseUrl}tickets/{key}");
        await Expect(bob.GetByTestId("requester")).ToHaveTextAsync("Alice Anderson"); // by name, not the id
        await bob.GetByTestId("project-picker").ClickAsync();
        var option = bob.GetByRole(AriaRole.Option, new() { Name = $"{projectKey} · {projectName}", Exact = true });
        await option.ClickAsync();
        await Expect(option).ToBeHiddenAsync();
        await bob.GetByTestId("promote").ClickAsync();
        await Expect(bob.GetByTestId("issue-key").GetByRole(AriaRole.Link)).ToBeVisibleAsync();
        var issueKey = (await bob.GetByTestId("issue-key").InnerTextAsync()).Trim();

        // The gateway's span of the promote request names the trace; the portal's call is its parent.
        var gateway = await SpanAsync(fx.Gateway, null, "the gateway's server span for POST /api/tickets/…/promote",
            s => s.Kind == "Server" && s.Tags.GetValueOrDefault("url.path") == $"/api/tickets/{key}/promote"
                 && s.Tags.GetValueOrDefault("http.response.status_code") == "202");
        var traceId = gateway.TraceId;
        var back = await SpanAsync(fx.Ticketing, traceId, "ticketing's consumer span for ProjectIssueCreated",
            s => s.Kind == "Consumer" && Mentions(s, "ProjectIssueCreated"));

        // From ticketing's last consumer back to the root: one unbroken chain of parents, rooted in the portal's click.
        var chain = SpanChains.Chain(Processes, back, traceId);
        output.WriteLine("chain, last hop first:\n  " + string.Join("\n  ", chain));
        var root = chain[^1];
        root.Service.ShouldBe("portal");
        root.Span.ParentSpanId.ShouldBeNull("the click starts its own trace, not a child of the circuit's WebSocket request");
        root.Span.DisplayName.ShouldStartWith("Event onclick"); // Blazor's event activity (exported here; Telemetry/PortalTracing.cs without an exporter)
        chain.ShouldContain(h => h.Service == "portal" && h.Span.Kind == "Client" && h.Span.SpanId == gateway.ParentSpanId);
        var order = chain.Select(h => h.Service).Reverse().Aggregate(new List<string>(), (list, s) =>
        {
            if (list.Count == 0 || list[^1] != s) list.Add(s);
            return list;
        });
        order.ShouldBe(["portal", "gateway", "ticketing", "projects", "ticketing"]);
        // Another click on the same page (same circuit, same WebSocket) is another trace.
        await bob.GetByLabel(text.Message).FillAsync($"Handed to the project {word}");
        await bob.GetByTestId("send-comment").ClickAsync();
        await Expect(bob.GetByTestId("conversation")).ToContainTextAsync($"Handed to the project {word}");
        var reply = await SpanAsync(fx.Gateway, null, "the gateway's server span for POST /api/tickets/…/comments",
            s => s.Kind == "Server" && s.Tags.GetValueOrDefault("url.path") == $"/api/tickets/{key}/comments");
        reply.TraceId.ShouldNotBe(traceId);

        // alice, the requester, cannot open project issues: she sees the key as text, not a dead link.
        var alice = await _sessions.SignInAsync("alice", text);
        await alice.GotoAsync($"{fx.BaseUrl}tickets/{key}");
        await Expect(alice.GetByTestId("issue-key")).ToHaveTextAsync(issueKey);
        await Expect(alice.GetByTestId("issue-key-text")).ToHaveTextAsync(issueKey);
        await Expect(alice.GetByTestId("issue-key").GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        await Expect(alice.GetByTestId("requester")).ToHaveTextAsync("Alice Anderson");
    }

    [Fact]
    public async Task A_dropped_circuit_reconnects_by_itself_and_the_page_works_again_without_a_reload()
    {
        var text = Texts.For("en");
        var word = "Rc" + Guid.NewGuid().ToString("N")[..8];
        var alice = await _sessions.SignInAsync("alice", text);

        // Every WebSocket of the page goes through a route the test can cut (as a network failure would).
        var sockets = new List<IWebSocketRoute>();
        await alice.RouteWebSocketAsync(new Regex("/_blazor"), ws =>
        {
            lock (sockets) sockets.Add(ws);
            ws.ConnectToServer();
        });
        await alice.GotoAsync($"{fx.BaseUrl}tickets/new");
        await Expect(alice.GetByTestId("category")).ToBeVisibleAsync();
        await Until(() => Count(sockets) == 1, "the circuit's WebSocket");
        await alice.EvaluateAsync("() => { window.__notReloaded = true; }");

        // The connection drops.
        IWebSocketRoute first;
        lock (sockets) first = sockets[0];
        await first.CloseAsync(new() { Code = 4000, Reason = "network failure (test)" });

        // Blazor reconnects on its own: a new WebSocket, the same page (no reload), and the form works on the server.
        await Until(() => Count(sockets) >= 2, "a second WebSocket (the reconnection)");
        await Expect(alice.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
        (await alice.EvaluateAsync<bool>("() => window.__notReloaded === true")).ShouldBeTrue("the page was reloaded");
        // The circuit answers on the server again: submitting the empty form goes to ticketing and its field errors show.
        await alice.GetByLabel(text.Title).FillAsync($"Dock flickers {word}");
        await alice.GetByTestId("submit").ClickAsync();
        await Expect(alice.Locator(".mud-input-error").First).ToBeVisibleAsync();
        (await alice.EvaluateAsync<bool>("() => window.__notReloaded === true")).ShouldBeTrue("the page was reloaded");
    }

    private static int Count(List<IWebSocketRoute> sockets)
    {
        lock (sockets) return sockets.Count;
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 30 s for {what}.");
            await Task.Delay(100);
        }
    }

    private static bool Mentions(ConsoleSpan span, string messageType) =>
        span.DisplayName.Contains(messageType, StringComparison.Ordinal)
        || span.DisplayName.Contains(Kebab(messageType), StringComparison.Ordinal)
        || span.Tags.Values.Any(v => v.Contains(messageType, StringComparison.Ordinal));

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private IEnumerable<ServiceProcess> Processes => fx.All.Append(fx.Portal);

    /// <summary>Waits until the process printed a matching span (of the trace, when one is given).</summary>
    private async Task<ConsoleSpan> SpanAsync(ServiceProcess process, string? traceId, string what, Func<ConsoleSpan, bool> match)
    {
        var deadline = DateTime.UtcNow + SpanTimeout;
        while (true)
        {
            var hit = ConsoleSpans.Parse(process.Lines).Where(s => traceId is null || s.TraceId == traceId).FirstOrDefault(match);
            if (hit is not null) return hit;
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException($"{process.Name} printed no span for {what} within {SpanTimeout.TotalSeconds} s." +
                    (traceId is null ? "" : $"\nSpans of the trace:\n{SpanChains.AllSpans(Processes, traceId)}"));
            await Task.Delay(100);
        }
    }


    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();
}
