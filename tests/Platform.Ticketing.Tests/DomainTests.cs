namespace Platform.Ticketing.Tests;

public class PriorityMatrixTests
{
    [Theory]
    [InlineData(Impact.High, Urgency.High, Priority.P1)]
    [InlineData(Impact.High, Urgency.Medium, Priority.P2)]
    [InlineData(Impact.Medium, Urgency.High, Priority.P2)]
    [InlineData(Impact.High, Urgency.Low, Priority.P3)]
    [InlineData(Impact.Medium, Urgency.Medium, Priority.P3)]
    [InlineData(Impact.Low, Urgency.High, Priority.P3)]
    [InlineData(Impact.Medium, Urgency.Low, Priority.P4)]
    [InlineData(Impact.Low, Urgency.Medium, Priority.P4)]
    [InlineData(Impact.Low, Urgency.Low, Priority.P4)]
    public void Priority_follows_the_ITIL_matrix(Impact impact, Urgency urgency, Priority expected) =>
        PriorityMatrix.Default.For(impact, urgency).ShouldBe(expected);

    [Fact]
    public void Unknown_values_are_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => PriorityMatrix.Default.For((Impact)9, Urgency.Low));
}

public class TicketWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Ticket NewTicket() =>
        Ticket.Open(1, "VPN down", "Cannot connect", "alice", "network", Impact.Medium, Urgency.High, Now);

    [Fact]
    public void The_whole_workflow_from_new_to_closed()
    {
        var t = NewTicket();
        t.Status.ShouldBe(TicketStatus.New);
        t.Assign("bob", "lead", Now);
        t.Status.ShouldBe(TicketStatus.Assigned);
        t.Apply(TicketAction.Start, "bob", Now);
        t.Status.ShouldBe(TicketStatus.InProgress);
        t.Apply(TicketAction.Pend, "bob", Now);
        t.Status.ShouldBe(TicketStatus.Pending);
        t.Apply(TicketAction.Resume, "bob", Now);
        t.Status.ShouldBe(TicketStatus.InProgress);
        t.Apply(TicketAction.Resolve, "bob", Now);
        t.Status.ShouldBe(TicketStatus.Resolved);
        t.ResolvedAt.ShouldBe(Now);
        t.Apply(TicketAction.Reopen, "alice", Now);
        t.Status.ShouldBe(TicketStatus.Assigned);
        t.ResolvedAt.ShouldBeNull();
        t.Apply(TicketAction.Start, "bob", Now);
        t.Apply(TicketAction.Resolve, "bob", Now);
        t.Apply(TicketAction.Close, "bob", Now);
        t.Status.ShouldBe(TicketStatus.Closed);
        t.ClosedAt.ShouldBe(Now);
    }

    [Theory]
    [InlineData(TicketAction.Start)]
    [InlineData(TicketAction.Pend)]
    [InlineData(TicketAction.Resume)]
    [InlineData(TicketAction.Resolve)]
    [InlineData(TicketAction.Close)]
    [InlineData(TicketAction.Reopen)]
    public void A_new_ticket_must_be_assigned_first(TicketAction action)
    {
        var t = NewTicket();
        var ex = Should.Throw<DomainException>(() => t.Apply(action, "bob", Now));
        ex.Code.ShouldBe("invalid-transition");
        t.Status.ShouldBe(TicketStatus.New);
    }

    [Fact]
    public void A_closed_ticket_cannot_be_reopened_or_commented()
    {
        var t = NewTicket();
        t.Assign("bob", "lead", Now);
        t.Apply(TicketAction.Resolve, "bob", Now);
        t.Apply(TicketAction.Close, "bob", Now);
        Should.Throw<DomainException>(() => t.Apply(TicketAction.Reopen, "alice", Now)).Code.ShouldBe("invalid-transition");
        Should.Throw<DomainException>(() => t.AddComment("alice", "hello?", CommentKind.Public, Now)).Code.ShouldBe("ticket-closed");
        Should.Throw<DomainException>(() => t.Assign("carol", "lead", Now));
    }

    [Fact]
    public void Allowed_actions_match_the_transitions()
    {
        TicketWorkflow.AllowedActions(TicketStatus.New).ShouldBeEmpty();
        TicketWorkflow.AllowedActions(TicketStatus.InProgress).ShouldBe([TicketAction.Pend, TicketAction.Resolve], ignoreOrder: true);
        TicketWorkflow.AllowedActions(TicketStatus.Resolved).ShouldBe([TicketAction.Close, TicketAction.Reopen], ignoreOrder: true);
        TicketWorkflow.AllowedActions(TicketStatus.Closed).ShouldBeEmpty();
    }

    [Fact]
    public void A_promoted_ticket_follows_its_project_issue()
    {
        var t = NewTicket();
        var project = Guid.NewGuid();
        t.PromoteTo(project, "PRJ-1", "bob", Now);
        t.Status.ShouldBe(TicketStatus.WithProject);
        Should.Throw<DomainException>(() => t.Apply(TicketAction.Resolve, "bob", Now)).Code.ShouldBe("with-project");
        Should.Throw<DomainException>(() => t.PromoteTo(project, "PRJ-1", "bob", Now)).Code.ShouldBe("already-promoted");

        var issue = Guid.NewGuid();
        t.LinkProjectIssue(project, "PRJ-1", issue, "ISS-4", Now);
        t.ProjectIssueKey.ShouldBe("ISS-4");
        t.ResolveFromProject("ISS-4", "patched", Now);
        t.Status.ShouldBe(TicketStatus.Resolved);
        t.Comments.ShouldContain(c => c.Kind == CommentKind.System && c.Body.Contains("ISS-4") && c.Body.Contains("resolved"));
        t.ReopenFromProject("ISS-4", "came back", Now);
        t.Status.ShouldBe(TicketStatus.WithProject);
    }

    [Fact]
    public void A_rejected_promotion_returns_the_ticket()
    {
        var t = NewTicket();
        t.Assign("bob", "lead", Now);
        t.PromoteTo(Guid.NewGuid(), "PRJ-9", "bob", Now);
        t.RejectPromotion("project PRJ-9 does not exist", Now);
        t.Status.ShouldBe(TicketStatus.Assigned);
        t.ProjectId.ShouldBeNull();
    }
}
