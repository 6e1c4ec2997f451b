using MassTransit;
using Platform.Contracts.Projects;
using Platform.Messaging.Inbox;

namespace Platform.Ticketing.Consumers;

/// <summary>Keeps ticketing's list of projects a ticket can be promoted to.</summary>
public sealed class ProjectCreatedConsumer(TicketingDbContext db)
    : IdempotentConsumer<ProjectCreated, TicketingDbContext>(db)
{
    protected override async Task HandleAsync(ProjectCreated message, ConsumeContext<ProjectCreated> context)
    {
        var existing = await Db.KnownProjects.FindAsync([message.ProjectId], context.CancellationToken);
        if (existing is null)
            Db.KnownProjects.Add(new KnownProject { Id = message.ProjectId, Key = message.ProjectKey, Name = message.Name });
        else
            existing.Name = message.Name;
    }
}

/// <summary>Base for the consumers that apply a project issue's life to the ticket it was born from.</summary>
public abstract class ProjectIssueConsumer<TMessage>(TicketingDbContext db, TimeProvider clock)
    : IdempotentConsumer<TMessage, TicketingDbContext>(db)
    where TMessage : class
{
    protected abstract Guid? SourceTicketId(TMessage message);

    /// <summary>
    /// The project issue the message names, which the ticket is linked to before <see cref="Apply"/> (a resolution or
    /// a reopening may overtake the creation event on another queue); null for a message that names none.
    /// </summary>
    protected virtual (Guid ProjectId, string ProjectKey, Guid IssueId, string IssueKey)? IssueOf(TMessage message) => null;

    protected virtual void Apply(Ticket ticket, TMessage message, DateTimeOffset now) { }

    protected override async Task HandleAsync(TMessage message, ConsumeContext<TMessage> context)
    {
        if (SourceTicketId(message) is not { } ticketId) return; // an issue not born from a ticket
        var ticket = await Db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, context.CancellationToken);
        if (ticket is null) return;
        var now = clock.GetUtcNow();
        if (IssueOf(message) is { } issue) ticket.LinkProjectIssue(issue.ProjectId, issue.ProjectKey, issue.IssueId, issue.IssueKey, now);
        Apply(ticket, message, now);
    }
}

public sealed class ProjectIssueCreatedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<ProjectIssueCreated>(db, clock)
{
    protected override Guid? SourceTicketId(ProjectIssueCreated m) => m.SourceTicketId;

    protected override (Guid ProjectId, string ProjectKey, Guid IssueId, string IssueKey)? IssueOf(ProjectIssueCreated m) => (m.ProjectId, m.ProjectKey, m.IssueId, m.IssueKey);
}

public sealed class ProjectIssueResolvedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<ProjectIssueResolved>(db, clock)
{
    protected override Guid? SourceTicketId(ProjectIssueResolved m) => m.SourceTicketId;

    protected override (Guid ProjectId, string ProjectKey, Guid IssueId, string IssueKey)? IssueOf(ProjectIssueResolved m) => (m.ProjectId, m.ProjectKey, m.IssueId, m.IssueKey);

    protected override void Apply(Ticket ticket, ProjectIssueResolved m, DateTimeOffset now) =>
        ticket.ResolveFromProject(m.IssueKey, m.Resolution, now);
}

public sealed class ProjectIssueReopenedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<ProjectIssueReopened>(db, clock)
{
    protected override Guid? SourceTicketId(ProjectIssueReopened m) => m.SourceTicketId;

    protected override (Guid ProjectId, string ProjectKey, Guid IssueId, string IssueKey)? IssueOf(ProjectIssueReopened m) => (m.ProjectId, m.ProjectKey, m.IssueId, m.IssueKey);

    protected override void Apply(Ticket ticket, ProjectIssueReopened m, DateTimeOffset now) =>
        ticket.ReopenFromProject(m.IssueKey, m.Reason, now);
}

public sealed class TicketPromotionRejectedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<TicketPromotionRejected>(db, clock)
{
    protected override Guid? SourceTicketId(TicketPromotionRejected m) => m.TicketId;

    protected override void Apply(Ticket ticket, TicketPromotionRejected m, DateTimeOffset now) =>
        ticket.RejectPromotion(m.Reason, now);
}

public sealed class ProjectIssueReopenRefusedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<ProjectIssueReopenRefused>(db, clock)
{
    protected override Guid? SourceTicketId(ProjectIssueReopenRefused m) => m.TicketId;

    protected override void Apply(Ticket ticket, ProjectIssueReopenRefused m, DateTimeOffset now) =>
        ticket.ReopenRefusedByProject(m.IssueKey, m.Reason, now);
}
