using Platform.Contracts.Ticketing;
using Platform.Messaging.Inbox;

namespace Platform.Projects.Consumers;

/// <summary>
/// Opens the project issue for a promoted ticket, exactly once: the inbox drops redeliveries of the same
/// message, and the unique source ticket index stops a second promotion message for the same ticket.
/// </summary>
public sealed class TicketPromotedToProjectConsumer(ProjectsDbContext db, TimeProvider clock)
    : IdempotentConsumer<TicketPromotedToProject, ProjectsDbContext>(db)
{
    protected override async Task HandleAsync(TicketPromotedToProject message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await Db.Issues.AnyAsync(i => i.SourceTicketId == message.TicketId, ct)) return;

        var project = await Db.Projects.FirstOrDefaultAsync(p => p.Id == message.ProjectId, ct);
        if (project is null)
        {
            Db.AddIntegrationEvent(new TicketPromotionRejected(message.TicketId, message.TicketKey, message.ProjectId,
                $"project {message.ProjectKey} does not exist", now));
            return;
        }

        var number = await Db.NextNumberAsync(Sequences.Issues, ct);
        var issue = ProjectIssue.Open(number, project, $"{message.TicketKey}: {message.Title}", message.Description,
            IssueWorkflow.SeverityFromPriority(message.Priority), owner: null, message.TicketId, message.TicketKey, now);
        Db.Issues.Add(issue);

        // Rule: a P1 (Critical) ticket handed to a project goes straight to the PMO.
        if (issue.Severity == IssueSeverity.Critical)
            await Escalator.TryRaiseAsync(Db, project, EscalationRule.CriticalTicketIssue, EscalationSource.Issue, issue.Id.ToString(),
                issue.Key, EscalationSeverity.Critical,
                $"{message.TicketKey} ({message.Priority}) became {issue.Key} on {project.Key}: {message.Title}", Actor.System, now, ct);
    }
}
