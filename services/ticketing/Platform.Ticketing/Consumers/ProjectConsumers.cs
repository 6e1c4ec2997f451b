using Platform.Contracts;
using Platform.Contracts.Projects;
using Platform.Messaging.Inbox;

namespace Platform.Ticketing.Consumers;

/// <summary>Keeps ticketing's list of projects a ticket can be promoted to.</summary>
public sealed class ProjectCreatedConsumer(TicketingDbContext db)
    : IdempotentConsumer<ProjectCreated, TicketingDbContext>(db)
{
    protected override async Task HandleAsync(ProjectCreated message, CancellationToken ct)
    {
        var existing = await Db.KnownProjects.FindAsync([message.ProjectId], ct);
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
    /// <summary>
    /// The ticket the message is about, read from the contract's facets: the ticket a project issue was born from
    /// (<see cref="ITicketBorn"/>, null for an issue raised in the project), or the ticket an answer to a promotion
    /// or a reopening names (<see cref="ITicketEvent"/>).
    /// </summary>
    private static Guid? SourceTicketId(TMessage message) => message switch
    {
        ITicketBorn born => born.SourceTicketId,
        ITicketEvent answer => answer.TicketId,
        _ => null,
    };

    /// <summary>
    /// The project issue the message names (<see cref="IProjectIssueEvent"/>), which the ticket is linked to before
    /// <see cref="Apply"/> (a resolution or a reopening may overtake the creation event on another queue); null for a
    /// message that names none.
    /// </summary>
    private static (Guid ProjectId, string ProjectKey, Guid IssueId, string IssueKey)? IssueOf(TMessage message) =>
        message is IProjectIssueEvent issue ? (issue.ProjectId, issue.ProjectKey, issue.IssueId, issue.IssueKey) : null;

    protected virtual void Apply(Ticket ticket, TMessage message, DateTimeOffset now) { }

    /// <summary>An issue raised in its project, not born from a ticket, is acknowledged without a transaction.</summary>
    protected override bool Concerns(TMessage message) => SourceTicketId(message) is not null;

    protected override async Task HandleAsync(TMessage message, CancellationToken ct)
    {
        if (SourceTicketId(message) is not { } ticketId) return; // an issue not born from a ticket
        var ticket = await Db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return;
        var now = clock.GetUtcNow();
        if (IssueOf(message) is { } issue) ticket.LinkProjectIssue(issue.ProjectId, issue.ProjectKey, issue.IssueId, issue.IssueKey, now);
        Apply(ticket, message, now);
    }
}

public sealed class ProjectIssueCreatedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<ProjectIssueCreated>(db, clock);

public sealed class ProjectIssueResolvedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<ProjectIssueResolved>(db, clock)
{
    protected override void Apply(Ticket ticket, ProjectIssueResolved m, DateTimeOffset now) =>
        ticket.ResolveFromProject(m.IssueKey, m.Resolution, now);
}

public sealed class ProjectIssueReopenedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<ProjectIssueReopened>(db, clock)
{
    protected override void Apply(Ticket ticket, ProjectIssueReopened m, DateTimeOffset now) =>
        ticket.ReopenFromProject(m.IssueKey, m.Reason, now);
}

public sealed class TicketPromotionRejectedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<TicketPromotionRejected>(db, clock)
{
    protected override void Apply(Ticket ticket, TicketPromotionRejected m, DateTimeOffset now) =>
        ticket.RejectPromotion(m.Reason, now);
}

public sealed class ProjectIssueReopenRefusedConsumer(TicketingDbContext db, TimeProvider clock)
    : ProjectIssueConsumer<ProjectIssueReopenRefused>(db, clock)
{
    protected override void Apply(Ticket ticket, ProjectIssueReopenRefused m, DateTimeOffset now) =>
        ticket.ReopenRefusedByProject(m.IssueKey, m.Reason, now);
}
