using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts.Assets;
using Platform.Contracts.Projects;
using Platform.Contracts.Ticketing;
using Platform.Portal.Live;

namespace Platform.Portal.Tests;

/// <summary>The PSO screens' live feed (Live/AssetsLive.cs): every assets event, and only the screens that asked for it.</summary>
public sealed class AssetsLiveTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Every_assets_event_is_heard_and_no_other()
    {
        AssetsLiveEvents.Types.ShouldContain(typeof(KittingRequested));
        AssetsLiveEvents.Types.ShouldContain(typeof(KittingCompleted));
        AssetsLiveEvents.Types.ShouldContain(typeof(ReturnRequested));
        AssetsLiveEvents.Types.ShouldContain(typeof(AssetAssigned));
        AssetsLiveEvents.Types.ShouldContain(typeof(ProcurementReceived));
        AssetsLiveEvents.Types.ShouldNotContain(typeof(TicketCreated));
        AssetsLiveEvents.Types.ShouldNotContain(typeof(ProjectRiskScoreChanged));
    }

    [Fact]
    public void A_kitting_request_wakes_the_pso_screens_and_no_ticket_or_pmo_screen()
    {
        var hub = new LiveHub(NullLogger<LiveHub>.Instance);
        var heard = new List<string>();
        Task Hear(string screen) { lock (heard) heard.Add(screen); return Task.CompletedTask; }
        using var kitting = hub.Subscribe("dave", false, tickets: false, inbox: false, _ => Hear("kitting"));
        kitting.Assets = true;
        using var portfolio = hub.Subscribe("carol", true, tickets: false, inbox: false, _ => Hear("portfolio"));
        portfolio.Projects = true;
        using var queue = hub.Subscribe("bob", true, tickets: true, inbox: true, _ => Hear("queue"));

        var signal = AssetsLiveEvents.SignalOf(new KittingRequested(Guid.NewGuid(), "KIT-1", Guid.NewGuid(), "PRJ-1", "erin", "developer", "Kit", ["Laptop"], At));
        (signal.Topic, signal.Event).ShouldBe((LiveTopic.Assets, "KittingRequested"));
        hub.Publish(signal);
        heard.ShouldBe(["kitting"]);
    }
}
