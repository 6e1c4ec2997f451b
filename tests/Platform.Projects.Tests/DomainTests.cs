namespace Platform.Projects.Tests;

public class IssueWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static ProjectIssue NewIssue() =>
        ProjectIssue.Open(3, Project.Create(1, "Office move", "", "pm", null, null, Now), "Cabling", "", IssueSeverity.High,
            null, Guid.NewGuid(), "HD-9", Now);

    [Theory]
    [InlineData("P1", IssueSeverity.Critical)]
    [InlineData("P2", IssueSeverity.High)]
    [InlineData("P3", IssueSeverity.Medium)]
    [InlineData("P4", IssueSeverity.Low)]
    public void Ticket_priority_maps_to_issue_severity(string priority, IssueSeverity severity) =>
        IssueWorkflow.SeverityFromPriority(priority).ShouldBe(severity);

    [Fact]
    public void Keys_are_human()
    {
        var issue = NewIssue();
        issue.Key.ShouldBe("ISS-3");
        issue.ProjectKey.ShouldBe("PRJ-1");
    }

    [Fact]
    public void Resolve_and_reopen_set_and_clear_the_resolution_time()
    {
        var issue = NewIssue();
        issue.Apply(IssueAction.Start, null, "pm", Now);
        issue.Status.ShouldBe(IssueStatus.InProgress);
        issue.Apply(IssueAction.Resolve, "Re-cabled", "pm", Now);
        issue.Status.ShouldBe(IssueStatus.Resolved);
        issue.Resolution.ShouldBe("Re-cabled");
        issue.ResolvedAt.ShouldBe(Now);
        issue.Apply(IssueAction.Reopen, "Still broken", "pm", Now);
        issue.Status.ShouldBe(IssueStatus.InProgress);
        issue.ResolvedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData(IssueAction.Reopen)]
    [InlineData(IssueAction.Close)]
    public void An_open_issue_cannot_be_reopened_or_closed(IssueAction action) =>
        Should.Throw<DomainException>(() => NewIssue().Apply(action, null, "pm", Now)).Code.ShouldBe("invalid-transition");

    [Fact]
    public void A_closed_issue_is_final()
    {
        var issue = NewIssue();
        issue.Apply(IssueAction.Resolve, null, "pm", Now);
        issue.Apply(IssueAction.Close, null, "pm", Now);
        foreach (var action in Enum.GetValues<IssueAction>())
            Should.Throw<DomainException>(() => issue.Apply(action, null, "pm", Now));
    }
}
