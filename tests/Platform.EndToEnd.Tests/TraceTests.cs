namespace Platform.EndToEnd.Tests;

/// <summary>
/// One trace follows the business flow (DESIGN.md §3): the caller's traceparent enters at the gateway, goes to
/// ticketing, into ticketing's outbox, over RabbitMQ to projects' consumer, into projects' outbox, and back over
/// RabbitMQ to ticketing's consumer. Every process prints its finished spans (console exporter, simple
/// processor: printed when the span ends), so the test reads them from the processes' output.
/// </summary>
public class TraceTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    private static readonly TimeSpan SpanTimeout = TimeSpan.FromSeconds(15);


    [Fact]
    public async Task One_trace_id_crosses_gateway_ticketing_rabbitmq_projects_and_back()
    {
        var project = await CreateProjectAsync("Trace project");
        var ticket = await CreateStartedTicketAsync();
        var ticketKey = ticket.Str("key");

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpanId = ActivitySpanId.CreateRandom().ToHexString();
        var traceParent = $"00-{traceId}-{callerSpanId}-01";
        Output.WriteLine($"traceparent: {traceParent}");

        var promote = await PromoteWhenProjectKnownAsync(ticketKey, project.Str("key"), traceParent);
        await ShouldBeAsync(promote, HttpStatusCode.Accepted);
        await Eventually.GetAsync(() => GetTicketAsync(ticketKey),
            t => t.GetProperty("project").GetProperty("issueKey").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(20));

        // gateway: the request span continues the caller's trace
        var gateway = await SpanAsync(Fx.Gateway, traceId, "the gateway's server span for POST /api/tickets/…/promote",
            s => s.Kind == "Server" && s.Tags.GetValueOrDefault("url.path") == $"/api/tickets/{ticketKey}/promote"
                 && s.Tags.GetValueOrDefault("http.response.status_code") == "202");
        gateway.ParentSpanId.ShouldBe(callerSpanId);

        // ticketing: the promote request, then the outbox publishing TicketPromotedToProject in the same trace
        await SpanAsync(Fx.Ticketing, traceId, "ticketing's server span for the promote request",
            s => s.Kind == "Server" && s.DisplayName.Contains("/promote") && s.Tags.GetValueOrDefault("http.response.status_code") == "202");
        await SpanAsync(Fx.Ticketing, traceId, "ticketing's outbox publishing TicketPromotedToProject",
            s => s.Kind == "Producer" && Mentions(s, "TicketPromotedToProject"));

        // projects: its consumer of TicketPromotedToProject, and the outbox publishing ProjectIssueCreated
        await SpanAsync(Fx.Projects, traceId, "projects' consumer span for TicketPromotedToProject",
            s => s.Kind == "Consumer" && Mentions(s, "TicketPromotedToProject"));
        await SpanAsync(Fx.Projects, traceId, "projects' outbox publishing ProjectIssueCreated",
            s => s.Kind == "Producer" && Mentions(s, "ProjectIssueCreated"));

        // ticketing again: its consumer of ProjectIssueCreated (after the issue was created)
        var back = await SpanAsync(Fx.Ticketing, traceId, "ticketing's consumer span for ProjectIssueCreated",
            s => s.Kind == "Consumer" && Mentions(s, "ProjectIssueCreated"));

        // And the spans form one unbroken chain of parents, from that last consumer back to the caller.
        var chain = SpanChains.Chain(Fx.All, back, traceId, callerSpanId);
        Output.WriteLine("chain, last hop first:\n  " + string.Join("\n  ", chain));
        var services = chain.Select(h => h.Service).Distinct().ToList();
        services.ShouldBe(["ticketing", "projects", "gateway"], ignoreOrder: true);
        // …crossing the processes in this order (consecutive duplicates collapsed), read from the caller on
        var order = chain.Select(h => h.Service).Reverse().Aggregate(new List<string>(), (list, s) =>
        {
            if (list.Count == 0 || list[^1] != s) list.Add(s);
            return list;
        });
        order.ShouldBe(["gateway", "ticketing", "projects", "ticketing"]);
    }

    private static bool Mentions(ConsoleSpan span, string messageType) =>
        span.DisplayName.Contains(messageType, StringComparison.Ordinal)
        || span.DisplayName.Contains(Kebab(messageType), StringComparison.Ordinal)
        || span.Tags.Values.Any(v => v.Contains(messageType, StringComparison.Ordinal));

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Waits until the process printed a span of the trace that matches; fails saying which spans of the trace it did print.</summary>
    private async Task<ConsoleSpan> SpanAsync(ServiceProcess process, string traceId, string what, Func<ConsoleSpan, bool> match)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var spans = ConsoleSpans.Parse(process.Lines).Where(s => s.TraceId == traceId).ToList();
            var hit = spans.FirstOrDefault(match);
            if (hit is not null)
            {
                Output.WriteLine($"{process.Name}: {hit} after {clock.ElapsedMilliseconds} ms");
                return hit;
            }

            if (clock.Elapsed > SpanTimeout)
                throw new ShouldAssertException(
                    $"The trace {traceId} broke: {process.Name} printed no span for {what} within {SpanTimeout.TotalSeconds} s. " +
                    $"Spans of this trace it printed ({spans.Count}):\n  {string.Join("\n  ", spans)}\n" +
                    $"All processes, spans of this trace:\n{SpanChains.AllSpans(Fx.All, traceId)}");
            await Task.Delay(100);
        }
    }

}
