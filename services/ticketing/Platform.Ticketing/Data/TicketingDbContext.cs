using Platform.Data.Reference;
using Platform.Messaging;

namespace Platform.Ticketing.Data;

/// <summary>
/// Ticketing's database. The mapping is one <see cref="IEntityTypeConfiguration{TEntity}"/> per entity in
/// Configurations/. Two interceptors, registered by AddTicketing (TicketingService.cs), work on every save, each named for
/// its concern: <see cref="SlaClockInterceptor"/> (tickets' SLA clocks follow their status) and
/// <see cref="SearchTextInterceptor"/> (new comments join their ticket's search text); then the shared outbox and
/// audit interceptors of AddServiceDatabase.
/// </summary>
public sealed class TicketingDbContext(DbContextOptions<TicketingDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketComment> Comments => Set<TicketComment>();
    public DbSet<KnownProject> KnownProjects => Set<KnownProject>();
    public DbSet<KnownAsset> KnownAssets => Set<KnownAsset>();
    public DbSet<SlaCalendar> Calendars => Set<SlaCalendar>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<TicketQueue> Queues => Set<TicketQueue>();
    public DbSet<KbArticle> Articles => Set<KbArticle>();
    public DbSet<TicketArticleLink> ArticleLinks => Set<TicketArticleLink>();
    public DbSet<TicketCategory> Categories => Set<TicketCategory>();
    public DbSet<TicketAttachment> Attachments => Set<TicketAttachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    /// <summary>This process's reference data (<see cref="ReferenceCache{TSnapshot}"/>, a singleton of the application's services).</summary>
    public ReferenceCache<ReferenceSnapshot> Reference => _reference ??= this.ReferenceCache<ReferenceSnapshot>();

    private ReferenceCache<ReferenceSnapshot>? _reference;

    /// <summary>Puts a new ticket under the SLA policy for its priority and category, if one applies.</summary>
    public async Task ApplySlaPolicyAsync(Ticket ticket, CancellationToken ct)
    {
        var policies = (await Reference.GetAsync(this, ct)).Policies;
        if (SlaPolicy.For(policies, ticket.Priority, ticket.Category) is { } policy) ticket.ApplySla(policy);
    }

    /// <summary>Next ticket number from the ticket_numbers sequence (gap-free is not promised, unique is).</summary>
    public Task<long> NextTicketNumberAsync(CancellationToken cancellationToken) => NextNumberAsync("ticket_numbers", cancellationToken);

    protected override IEnumerable<string> NumberSequences => ["ticket_numbers"];
}
