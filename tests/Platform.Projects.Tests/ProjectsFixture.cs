using Platform.Projects.Data;

namespace Platform.Projects.Tests;

public sealed class ProjectsFixture() : ServiceFixture<Program, ProjectsDbContext>("Projects", ("carol", "pmo-analyst"),
    typeof(ProjectCreated), typeof(ProjectIssueCreated), typeof(ProjectIssueResolved), typeof(ProjectIssueReopened),
    typeof(TicketPromotionRejected), typeof(ProjectIssueReopenRefused), typeof(ProjectMemberAdded), typeof(ProjectMemberRemoved),
    typeof(ProjectEscalationRaised), typeof(ProjectEscalationAcknowledged), typeof(ProjectEscalationResolved),
    typeof(ProjectRiskScoreChanged), typeof(MilestoneOverdue), typeof(ResourceOverAllocated));
