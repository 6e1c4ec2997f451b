using Platform.Projects.Data;

namespace Platform.Projects.Tests;

/// <summary>
/// The projects service on its own database and virtual host. People:LearnFromTokens is on, so whoever calls is known
/// from their token; the people a test only names (a manager, an owner, a member who never calls first) join the
/// directory through <see cref="PeopleAsync"/> (identity's PersonJoined), as they would in production.
/// </summary>
public sealed class ProjectsFixture() : ServiceFixture<Program, ProjectsDbContext>("Projects", ("carol", "pmo-analyst"),
    typeof(ProjectCreated), typeof(ProjectIssueCreated), typeof(ProjectIssueResolved), typeof(ProjectIssueReopened),
    typeof(TicketPromotionRejected), typeof(ProjectIssueReopenRefused), typeof(ProjectMemberAdded), typeof(ProjectMemberRemoved),
    typeof(ProjectEscalationRaised), typeof(ProjectEscalationAcknowledged), typeof(ProjectEscalationResolved),
    typeof(ProjectRiskScoreChanged), typeof(MilestoneOverdue), typeof(ResourceOverAllocated))
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("People:LearnFromTokens", "true")];

    /// <summary>Makes these people known to the service (PersonJoined, no platform role), and waits until they are.</summary>
    public Task PeopleAsync(params string[] userIds) => Task.WhenAll(userIds.Distinct().Select(id => JoinAsync(id, [])));
}
