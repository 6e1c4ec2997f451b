namespace Platform.Projects.Features;

/// <summary>
/// Every route of the projects API in one table: method, path, handler, and endpoint name (the key of its words in
/// Endpoints/ProjectsApiDocs.cs; the OpenAPI lint fails on a name without words). The handlers, their requests and
/// their validation live with their capability under Features/&lt;Capability&gt;/. Everything under /api/projects
/// needs the projects scope; PMO rules beyond that are checked in the handlers (Features/ProjectAccess.cs).
/// </summary>
public static class ProjectsRoutes
{
    public static void MapProjectsApi(this IEndpointRouteBuilder app)
    {
        // Project: Features/Projects/ProjectEndpoints.cs
        var projects = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization(Policies.Projects);
        projects.MapPost("/", ProjectEndpoints.Create).WithName("CreateProject").RequireAuthorization(Policies.ProjectsManage);
        projects.MapGet("/", ProjectEndpoints.List).WithName("ListProjects");
        projects.MapGet("/{project}", ProjectEndpoints.Get).WithName("GetProject");
        projects.MapPatch("/{project}", ProjectEndpoints.Update).WithName("UpdateProject");
        projects.MapGet("/{project}/members", ProjectEndpoints.ListMembers).WithName("ListProjectMembers");
        projects.MapPost("/{project}/members", ProjectEndpoints.AddMember).WithName("AddProjectMember");
        projects.MapDelete("/{project}/members/{userId}", ProjectEndpoints.RemoveMember).WithName("RemoveProjectMember");

        // Orphans (what people who left still hold): Features/Orphans/OrphanEndpoints.cs
        projects.MapGet("/{project}/orphans", OrphanEndpoints.List).WithName("ListProjectOrphans");

        // Issue: Features/Issues/IssueEndpoints.cs
        projects.MapGet("/{project}/issues", IssueEndpoints.ListIssues).WithName("ListProjectIssues");
        projects.MapPost("/{project}/issues", IssueEndpoints.CreateIssue).WithName("CreateProjectIssue");
        projects.MapGet("/{project}/issues/{issue}", IssueEndpoints.GetIssue).WithName("GetProjectIssue");
        projects.MapPost("/{project}/issues/{issue}/transitions", IssueEndpoints.TransitionIssue).WithName("TransitionProjectIssue");
        projects.MapPatch("/{project}/issues/{issue}", IssueEndpoints.UpdateIssue).WithName("UpdateProjectIssue");

        // Risk: Features/Risks/RiskEndpoints.cs
        projects.MapGet("/{project}/risks", RiskEndpoints.List).WithName("ListProjectRisks");
        projects.MapPost("/{project}/risks", RiskEndpoints.Create).WithName("CreateProjectRisk");
        projects.MapGet("/{project}/risks/{risk}", RiskEndpoints.Get).WithName("GetProjectRisk");
        projects.MapPatch("/{project}/risks/{risk}", RiskEndpoints.Update).WithName("UpdateProjectRisk");

        // Schedule: Features/Schedule/ScheduleEndpoints.cs
        projects.MapGet("/{project}/milestones", ScheduleEndpoints.ListMilestones).WithName("ListMilestones");
        projects.MapPost("/{project}/milestones", ScheduleEndpoints.CreateMilestone).WithName("CreateMilestone");
        projects.MapPatch("/{project}/milestones/{milestone:guid}", ScheduleEndpoints.UpdateMilestone).WithName("UpdateMilestone");
        projects.MapGet("/{project}/tasks", ScheduleEndpoints.ListTasks).WithName("ListTasks");
        projects.MapPost("/{project}/tasks", ScheduleEndpoints.CreateTask).WithName("CreateTask");
        projects.MapGet("/{project}/tasks/{task}", ScheduleEndpoints.GetTask).WithName("GetTask");
        projects.MapPatch("/{project}/tasks/{task}", ScheduleEndpoints.UpdateTask).WithName("UpdateTask");
        projects.MapPost("/{project}/tasks/{task}/dependencies", ScheduleEndpoints.AddDependency).WithName("AddTaskDependency");
        projects.MapDelete("/{project}/tasks/{task}/dependencies/{other}", ScheduleEndpoints.RemoveDependency).WithName("RemoveTaskDependency");
        projects.MapGet("/{project}/progress", ScheduleEndpoints.Progress).WithName("GetProjectProgress");

        // Deliverable: Features/Deliverables/DeliverableEndpoints.cs
        projects.MapGet("/{project}/deliverables", DeliverableEndpoints.List).WithName("ListDeliverables");
        projects.MapPost("/{project}/deliverables", DeliverableEndpoints.Create).WithName("CreateDeliverable");
        projects.MapGet("/{project}/deliverables/{deliverable}", DeliverableEndpoints.Get).WithName("GetDeliverable");
        projects.MapPatch("/{project}/deliverables/{deliverable}", DeliverableEndpoints.Update).WithName("UpdateDeliverable");
        projects.MapPost("/{project}/deliverables/{deliverable}/transitions", DeliverableEndpoints.Transition).WithName("TransitionDeliverable");

        // Escalation: Features/Escalations/EscalationEndpoints.cs
        projects.MapPost("/{project}/escalations", EscalationEndpoints.Create).WithName("CreateProjectEscalation");
        projects.MapGet("/{project}/escalations", EscalationEndpoints.ListForProject).WithName("ListProjectEscalations");
        var escalations = app.MapGroup("/api/escalations").WithTags("Escalations").RequireAuthorization(Policies.Projects);
        escalations.MapGet("/", EscalationEndpoints.List).WithName("ListEscalations");
        escalations.MapGet("/{escalation}", EscalationEndpoints.Get).WithName("GetEscalation");
        escalations.MapPost("/{escalation}/transitions", EscalationEndpoints.Transition).WithName("TransitionEscalation");

        // Portfolio: Features/Portfolio/PortfolioEndpoints.cs
        projects.MapGet("/{project}/health", PortfolioEndpoints.GetHealth).WithName("GetProjectHealth");
        projects.MapPut("/{project}/health/override", PortfolioEndpoints.Override).WithName("OverrideProjectHealth");
        projects.MapDelete("/{project}/health/override", PortfolioEndpoints.ClearOverride).WithName("ClearProjectHealthOverride");
        var portfolio = app.MapGroup("/api/portfolio").WithTags("Portfolio").RequireAuthorization(Policies.Projects);
        portfolio.MapGet("/", PortfolioEndpoints.List).WithName("GetPortfolio");

        // Cost and earned value: Features/Cost/CostEndpoints.cs
        projects.MapGet("/{project}/cost", CostEndpoints.Get).WithName("GetProjectCost");
        projects.MapPut("/{project}/cost/budget", CostEndpoints.SetBudget).WithName("SetProjectBudget");
        projects.MapGet("/{project}/costs", CostEndpoints.ListCosts).WithName("ListProjectCosts");
        projects.MapPost("/{project}/costs", CostEndpoints.RecordCost).WithName("RecordProjectCost");
        projects.MapDelete("/{project}/costs/{cost:guid}", CostEndpoints.DeleteCost).WithName("DeleteProjectCost");
        portfolio.MapGet("/cost", CostEndpoints.Portfolio).WithName("GetPortfolioCost");
        var rates = app.MapGroup("/api/cost/rates").WithTags("Cost").RequireAuthorization(Policies.Projects);
        rates.MapGet("/", CostEndpoints.ListRates).WithName("ListLabourRates");
        rates.MapPut("/{role}", CostEndpoints.SetRate).WithName("SetLabourRate");
        rates.MapDelete("/{role}", CostEndpoints.DeleteRate).WithName("DeleteLabourRate");

        // Standards: Features/Templates/TemplateEndpoints.cs
        var templates = app.MapGroup("/api/templates").WithTags("Templates").RequireAuthorization(Policies.Projects);
        templates.MapGet("/", TemplateEndpoints.List).WithName("ListProjectTemplates");
        templates.MapGet("/{key}", TemplateEndpoints.Get).WithName("GetProjectTemplate");
        templates.MapPut("/{key}", TemplateEndpoints.Publish).WithName("PublishProjectTemplate");
        templates.MapDelete("/{key}", TemplateEndpoints.Retire).WithName("RetireProjectTemplate");
        projects.MapPut("/{project}/template", TemplateEndpoints.Follow).WithName("FollowProjectTemplate");
        projects.MapGet("/{project}/compliance", TemplateEndpoints.Compliance).WithName("GetProjectCompliance");
        projects.MapPut("/{project}/compliance/{item}/skip", TemplateEndpoints.Skip).WithName("SkipStandardItem");
        projects.MapDelete("/{project}/compliance/{item}/skip", TemplateEndpoints.Unskip).WithName("UnskipStandardItem");
        projects.MapPost("/{project}/compliance/{item}/instantiate", TemplateEndpoints.Instantiate).WithName("InstantiateStandardItem");
        portfolio.MapGet("/compliance", TemplateEndpoints.Portfolio).WithName("GetPortfolioCompliance");

        // Vendors: Features/Vendors/VendorEndpoints.cs
        var vendors = app.MapGroup("/api/vendors").WithTags("Vendors").RequireAuthorization(Policies.Projects);
        vendors.MapGet("/", VendorEndpoints.List).WithName("ListVendors");
        vendors.MapPost("/", VendorEndpoints.Register).WithName("RegisterVendor");
        vendors.MapGet("/{vendor}", VendorEndpoints.Get).WithName("GetVendor");
        vendors.MapPatch("/{vendor}", VendorEndpoints.Update).WithName("UpdateVendor");
        projects.MapGet("/{project}/contracts", VendorEndpoints.ListForProject).WithName("ListProjectContracts");
        projects.MapPost("/{project}/contracts", VendorEndpoints.Sign).WithName("SignVendorContract");

        // Allocation: Features/Allocations/AllocationEndpoints.cs
        projects.MapGet("/{project}/allocations", AllocationEndpoints.ListForProject).WithName("ListProjectAllocations");
        projects.MapPost("/{project}/allocations", AllocationEndpoints.Create).WithName("CreateProjectAllocation");
        projects.MapDelete("/{project}/allocations/{allocation:guid}", AllocationEndpoints.Delete).WithName("DeleteProjectAllocation");
        var people = app.MapGroup("/api/people").WithTags("People").RequireAuthorization(Policies.Projects);
        people.MapGet("/{userId}/allocations", AllocationEndpoints.ListForPerson).WithName("ListPersonAllocations");

        // Meeting: Features/Meetings/MeetingEndpoints.cs
        projects.MapGet("/{project}/meetings", MeetingEndpoints.List).WithName("ListMeetings");
        projects.MapPost("/{project}/meetings", MeetingEndpoints.Create).WithName("CreateMeeting");
        projects.MapGet("/{project}/meetings/{meeting}", MeetingEndpoints.Get).WithName("GetMeeting");
        projects.MapPatch("/{project}/meetings/{meeting}", MeetingEndpoints.Update).WithName("UpdateMeeting");
        projects.MapPost("/{project}/meetings/{meeting}/decisions", MeetingEndpoints.Decide).WithName("RecordMeetingDecision");
        projects.MapPost("/{project}/meetings/{meeting}/action-items", MeetingEndpoints.AddActionItem).WithName("AddMeetingActionItem");
        var meetings = app.MapGroup("/api/meetings").WithTags("Meetings").RequireAuthorization(Policies.Projects);
        meetings.MapGet("/action-items", MeetingEndpoints.ActionItems).WithName("ListActionItems");

        // StatusReport: Features/StatusReports/StatusReportEndpoints.cs
        projects.MapPost("/{project}/status-reports", StatusReportEndpoints.Generate).WithName("GenerateStatusReport");
        projects.MapGet("/{project}/status-reports", StatusReportEndpoints.List).WithName("ListStatusReports");
        var statusReports = app.MapGroup("/api/status-reports").WithTags("Status reports").RequireAuthorization(Policies.Projects);
        statusReports.MapGet("/{report}", StatusReportEndpoints.Get).WithName("GetStatusReport");
    }
}
