using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts.Projects;
using Platform.Contracts.Ticketing;
using Platform.Portal.Api;
using Platform.Portal.Live;

namespace Platform.Portal.Tests;

/// <summary>The PMO screens' live feed (Live/ProjectLive.cs): which events it hears and which screens each reaches.</summary>
public sealed class ProjectLiveTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Every_project_event_is_heard_and_no_ticket_event()
    {
        ProjectLiveEvents.Types.ShouldContain(typeof(ProjectEscalationRaised));
        ProjectLiveEvents.Types.ShouldContain(typeof(ProjectEscalationAcknowledged));
        ProjectLiveEvents.Types.ShouldContain(typeof(ProjectRiskScoreChanged));
        ProjectLiveEvents.Types.ShouldContain(typeof(ProjectIssueCreated));
        ProjectLiveEvents.Types.ShouldNotContain(typeof(TicketCreated));
        ProjectLiveEvents.Types.ShouldNotContain(typeof(TicketPromotionRejected)); // about a ticket, not a project
    }

    [Fact]
    public void A_project_signal_reaches_the_pmo_screens_of_that_project_or_of_all_projects_and_no_ticket_screen()
    {
        var hub = new LiveHub(NullLogger<LiveHub>.Instance);
        var heard = new List<string>();
        Task Hear(string screen) { lock (heard) heard.Add(screen); return Task.CompletedTask; }
        using var portfolio = hub.Subscribe("carol", true, tickets: false, inbox: false, _ => Hear("portfolio"));
        portfolio.Projects = true;
        using var thisProject = hub.Subscribe("carol", true, tickets: false, inbox: false, _ => Hear("PRJ-1 page"));
        (thisProject.Projects, thisProject.ProjectKey) = (true, "PRJ-1");
        using var otherProject = hub.Subscribe("carol", true, tickets: false, inbox: false, _ => Hear("PRJ-2 page"));
        (otherProject.Projects, otherProject.ProjectKey) = (true, "PRJ-2");
        using var queue = hub.Subscribe("bob", true, tickets: true, inbox: true, _ => Hear("queue"));

        var signal = ProjectLiveEvents.SignalOf(new ProjectRiskScoreChanged(Guid.NewGuid(), "RSK-1", Guid.NewGuid(), "PRJ-1", 9, 16, "carol", At));
        signal.ShouldNotBeNull();
        (signal.Topic, signal.ProjectKey).ShouldBe((LiveTopic.Project, "PRJ-1"));
        hub.Publish(signal);
        heard.ShouldBe(["portfolio", "PRJ-1 page"], ignoreOrder: true);

        heard.Clear();
        hub.Publish(new LiveSignal(LiveTopic.Ticket, "TicketCreated", "HD-1", Guid.NewGuid(), ["alice"], At));
        heard.ShouldBe(["queue"]); // a ticket signal does not wake the PMO screens
    }

    [Fact]
    public async Task A_person_the_directory_does_not_answer_shows_as_their_id()
    {
        var names = new PeopleNames(new PlatformApi(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") }));
        await names.LoadAsync(["pm.jones", null, "pm.jones"]);
        names.Of("pm.jones").ShouldBe("pm.jones");
        names.Of(null).ShouldBeNull();
        names.Of("never.asked").ShouldBe("never.asked");
    }
}
