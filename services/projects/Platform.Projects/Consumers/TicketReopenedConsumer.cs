using Platform.Contracts.Ticketing;
using Platform.Messaging.Inbox;

namespace Platform.Projects.Consumers;

/// <summary>
/// A promoted ticket was reopened (it is with the project again): reopen the issue born from it, so that ticket and
/// issue stay in step. A resolved issue is reopened (ProjectIssueReopened flows back to the ticket as usual); an issue
/// that is open already stays as it is (someone reopened it first); a closed or missing issue cannot be reopened, and
/// ProjectIssueReopenRefused gives the ticket back to the help desk. The inbox drops redeliveries; a concurrent change
/// of the issue fails its version check and the retry sees the new state.
/// </summary>
public sealed class TicketReopenedConsumer(ProjectsDbContext db, TimeProvider clock)
    : IdempotentConsumer<TicketReopened, ProjectsDbContext>(db)
{
    protected override async Task HandleAsync(TicketReopened message, CancellationToken ct)
    {
        if (message.ProjectIssueId is null) return; // a ticket that never went to a project
        var now = clock.GetUtcNow();
        var issue = await Db.Issues.FirstOrDefaultAsync(i => i.SourceTicketId == message.TicketId, ct);
        switch (issue?.Status)
        {
            case IssueStatus.Resolved:
                issue.Apply(IssueAction.Reopen, $"{message.TicketKey} was reopened by {message.ReopenedBy}: {message.Reason}",
                    message.ReopenedBy, now);
                break;
            case IssueStatus.Open or IssueStatus.InProgress:
                break;
            default:
                Db.AddIntegrationEvent(new ProjectIssueReopenRefused(message.TicketId, message.TicketKey, issue?.Id ?? message.ProjectIssueId,
                    issue?.Key ?? message.ProjectIssueKey,
                    issue is null ? $"issue {message.ProjectIssueKey} does not exist" : $"issue {issue.Key} is closed", now));
                break;
        }
    }
}
