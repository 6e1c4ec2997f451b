using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Projects;
using Platform.Contracts.Ticketing;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.Projects.Data;
using Platform.Projects.Domain;

namespace Platform.Projects.Consumers;

/// <summary>
/// Opens the project issue for a promoted ticket, exactly once: the inbox drops redeliveries of the same
/// message, and the unique source ticket index stops a second promotion message for the same ticket.
/// </summary>
public sealed class TicketPromotedToProjectConsumer(ProjectsDbContext db, TimeProvider clock)
    : IdempotentConsumer<TicketPromotedToProject, ProjectsDbContext>(db)
{
    protected override async Task HandleAsync(TicketPromotedToProject message, ConsumeContext<TicketPromotedToProject> context)
    {
        var ct = context.CancellationToken;
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
        Db.Issues.Add(ProjectIssue.Open(number, project, $"{message.TicketKey}: {message.Title}", message.Description,
            IssueWorkflow.SeverityFromPriority(message.Priority), owner: null, message.TicketId, message.TicketKey, now));
    }
}
