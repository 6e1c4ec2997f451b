using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Messaging;
using Platform.Ticketing.Domain;
using Platform.Ticketing.Features;

namespace Platform.Ticketing.Data;

public sealed class TicketingDbContext(DbContextOptions<TicketingDbContext> options) : DbContext(options)
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

    private static readonly JsonSerializerOptions PeriodJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        SyncSlaClocksAsync(sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await SyncSlaClocksAsync(sync: false, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public const string PublicCommentsText = "PublicCommentsText";
    public const string InternalNotesText = "InternalNotesText";
    public const string SearchVector = "SearchVector";
    public const string InternalSearchVector = "InternalSearchVector";
    private const int MaxFoldedText = 200_000;

    /// <summary>New comments are folded into their ticket's search text (public and system replies, internal notes apart).</summary>
    private void FoldCommentsIntoSearchText()
    {
        var added = ChangeTracker.Entries<TicketComment>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        var tickets = ChangeTracker.Entries<Ticket>().ToDictionary(e => e.Entity.Id);
        foreach (var comment in added.OrderBy(c => c.CreatedAt))
        {
            if (!tickets.TryGetValue(comment.TicketId, out var ticket)) continue;
            var property = ticket.Property<string>(comment.Kind == CommentKind.Internal ? InternalNotesText : PublicCommentsText);
            var text = string.IsNullOrEmpty(property.CurrentValue) ? comment.Body : property.CurrentValue + "\n" + comment.Body;
            property.CurrentValue = text.Length > MaxFoldedText ? text[..MaxFoldedText] : text;
        }
    }

    /// <summary>Every ticket about to be written gets its SLA clocks brought in line with its status (see Ticket.SyncSla).</summary>
    private async Task SyncSlaClocksAsync(bool sync, CancellationToken ct)
    {
        ChangeTracker.DetectChanges();
        FoldCommentsIntoSearchText();
        var tickets = ChangeTracker.Entries<Ticket>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.SlaCalendarId is not null)
            .Select(e => e.Entity).ToList();
        if (tickets.Count == 0) return;
        var ids = tickets.Select(t => t.SlaCalendarId!.Value).Distinct().ToList();
        var query = Calendars.AsNoTracking().Where(c => ids.Contains(c.Id));
        var calendars = (sync ? query.ToList() : await query.ToListAsync(ct)).ToDictionary(c => c.Id, c => c.ToBusinessCalendar());
        foreach (var ticket in tickets)
        {
            // The moment of the ticket's last change is the moment its clocks start, pause or stop.
            var calendar = calendars.TryGetValue(ticket.SlaCalendarId!.Value, out var found) ? found : BusinessCalendar.AlwaysOpen();
            ticket.SyncSla(calendar, ticket.UpdatedAt);
        }
    }

    /// <summary>Puts a new ticket under the SLA policy for its priority and category, if one applies.</summary>
    public async Task ApplySlaPolicyAsync(Ticket ticket, CancellationToken ct)
    {
        var policies = await SlaPolicies.AsNoTracking().Where(p => p.Priority == ticket.Priority).ToListAsync(ct);
        if (SlaPolicy.For(policies, ticket.Priority, ticket.Category) is { } policy) ticket.ApplySla(policy);
    }

    /// <summary>Next ticket number from the ticket_numbers sequence (gap-free is not promised, unique is).</summary>
    public async Task<long> NextTicketNumberAsync(CancellationToken cancellationToken) =>
        await Database.SqlQuery<long>($"SELECT nextval('ticket_numbers') AS \"Value\"").SingleAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>("ticket_numbers");

        modelBuilder.Entity<Ticket>(b =>
        {
            b.ToTable("tickets");
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).ValueGeneratedNever();
            b.HasIndex(t => t.Number).IsUnique();
            b.Ignore(t => t.Key);
            b.Property(t => t.Title).HasMaxLength(200);
            b.Property(t => t.Description).HasMaxLength(10_000);
            b.Property(t => t.Requester).HasMaxLength(200);
            b.Property(t => t.Category).HasMaxLength(100);
            b.Property(t => t.Assignee).HasMaxLength(200);
            b.Property(t => t.ProjectKey).HasMaxLength(50);
            b.Property(t => t.ProjectIssueKey).HasMaxLength(50);
            b.Property(t => t.Impact).HasConversion<string>().HasMaxLength(20);
            b.Property(t => t.Urgency).HasConversion<string>().HasMaxLength(20);
            b.Property(t => t.Priority).HasConversion<string>().HasMaxLength(4);
            b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(t => t.Version).IsRowVersion();
            // The list filters people use, each with the keyset order (number desc) behind it.
            b.HasIndex(t => new { t.Status, t.Number });
            // Status and priority together (an agent's "new P1s"): with only the single-column indexes a rare or empty
            // combination walked every row (25 s on 1 M tickets in bench/run.sh); joint statistics in the migration.
            b.HasIndex(t => new { t.Status, t.Priority, t.Number });
            b.HasIndex(t => new { t.Priority, t.Number });
            b.HasIndex(t => new { t.Assignee, t.Number });
            b.HasIndex(t => new { t.Requester, t.Number });
            b.HasIndex(t => t.ProjectIssueId);
            b.Property(t => t.Queue).HasMaxLength(100);
            b.Property(t => t.AssetTag).HasMaxLength(50);
            b.Property(t => t.MajorIncidentReason).HasMaxLength(2_000);
            b.Property(t => t.MajorIncidentDeclaredBy).HasMaxLength(200);
            b.HasIndex([nameof(Ticket.Number)], "major_incident").HasFilter("major_incident").HasDatabaseName("ix_tickets_major_incident");
            b.HasIndex(t => t.AssetTag).HasFilter("asset_tag IS NOT NULL");
            b.Property(t => t.SatisfactionComment).HasMaxLength(2_000);
            // Full-text search: title (A), description (B) and public replies (C) for everyone; internal notes in a
            // vector of their own that only agents' searches use. The comment texts are shadow columns kept by
            // SaveChanges (so the audit trail does not repeat them), the vectors generated by PostgreSQL.
            b.Property<string>(PublicCommentsText).HasDefaultValue("");
            b.Property<string>(InternalNotesText).HasDefaultValue("");
            b.Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector).HasComputedColumnSql(
                "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B') || setweight(to_tsvector('english', coalesce(public_comments_text, '')), 'C')",
                stored: true);
            b.Property<NpgsqlTypes.NpgsqlTsVector>(InternalSearchVector).HasComputedColumnSql(
                "to_tsvector('english', coalesce(internal_notes_text, ''))", stored: true);
            b.HasIndex(SearchVector).HasMethod("GIN");
            // Agents search both vectors at once: GIN index on (search_vector || internal_search_vector), created by SQL in the migration.
            b.HasIndex(t => new { t.Queue, t.Number });
            // Partial indexes on running clocks' due times for the breach checker are created in the migration (SQL).
            // Complex properties: columns of the ticket row (first_response_*, resolution_*), tracked as part of it.
            b.ComplexProperty(t => t.FirstResponse, ConfigureClock);
            b.ComplexProperty(t => t.Resolution, ConfigureClock);
            b.HasMany(t => t.Comments).WithOne().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(t => t.Comments).HasField("_comments").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<TicketComment>(b =>
        {
            b.ToTable("ticket_comments");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Author).HasMaxLength(200);
            b.Property(c => c.Body).HasMaxLength(10_000);
            b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            b.HasIndex(c => new { c.TicketId, c.CreatedAt });
        });

        modelBuilder.Entity<TicketAttachment>(b =>
        {
            b.ToTable("ticket_attachments");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.FileName).HasMaxLength(200);
            b.Property(a => a.ContentType).HasMaxLength(100);
            b.Property(a => a.Sha256).HasMaxLength(64);
            b.Property(a => a.UploadedBy).HasMaxLength(200);
            b.HasIndex(a => new { a.TicketId, a.UploadedAt });
            b.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<TicketComment>().WithMany().HasForeignKey(a => a.CommentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AttachmentContent>(b =>
        {
            b.ToTable("ticket_attachment_contents");
            b.HasKey(c => c.AttachmentId);
            b.Property(c => c.AttachmentId).ValueGeneratedNever();
            b.HasOne<TicketAttachment>().WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<KnownProject>(b =>
        {
            b.ToTable("known_projects");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.Key).HasMaxLength(50);
            b.Property(p => p.Name).HasMaxLength(200);
            b.HasIndex(p => p.Key).IsUnique();
        });

        modelBuilder.Entity<KnownAsset>(b =>
        {
            b.ToTable("known_assets");
            b.HasKey(a => a.Tag);
            b.Property(a => a.Tag).HasMaxLength(50);
            b.Property(a => a.Kind).HasMaxLength(50);
            b.Property(a => a.Model).HasMaxLength(200);
            b.Property(a => a.Status).HasMaxLength(30);
            b.Property(a => a.AssignedTo).HasMaxLength(200);
            b.Property(a => a.ProjectKey).HasMaxLength(50);
        });

        modelBuilder.Entity<SlaCalendar>(b =>
        {
            b.ToTable("calendars");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Name).HasMaxLength(100);
            b.HasIndex(c => c.Name).IsUnique();
            b.Property(c => c.TimeZone).HasMaxLength(100);
            b.Property(c => c.WorkingPeriods).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, PeriodJson),
                s => JsonSerializer.Deserialize<List<WorkingPeriod>>(s, PeriodJson) ?? new List<WorkingPeriod>(),
                new ValueComparer<List<WorkingPeriod>>(
                    (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p)), v => v.ToList()));
            b.Property(c => c.Version).IsRowVersion();
        });

        modelBuilder.Entity<SlaPolicy>(b =>
        {
            b.ToTable("sla_policies");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.Name).HasMaxLength(100);
            b.Property(p => p.Priority).HasConversion<string>().HasMaxLength(4);
            b.Property(p => p.Category).HasMaxLength(100);
            b.Property(p => p.EscalateToQueue).HasMaxLength(100);
            b.Property(p => p.NotifyOnBreach).HasMaxLength(200);
            // One general policy per priority (category null) and one per priority and category.
            b.HasIndex(p => new { p.Priority, p.Category }).IsUnique().AreNullsDistinct(false);
            b.HasOne<SlaCalendar>().WithMany().HasForeignKey(p => p.CalendarId).OnDelete(DeleteBehavior.Restrict);
            b.Property(p => p.Version).IsRowVersion();
        });

        modelBuilder.Entity<TicketQueue>(b =>
        {
            b.ToTable("queues");
            b.HasKey(q => q.Id);
            b.Property(q => q.Id).ValueGeneratedNever();
            b.Property(q => q.Key).HasMaxLength(100);
            b.HasIndex(q => q.Key).IsUnique();
            b.Property(q => q.Name).HasMaxLength(200);
            b.Property(q => q.Rule).HasConversion<string>().HasMaxLength(20);
            b.Property(q => q.TeamLead).HasMaxLength(200);
            b.Property(q => q.LastAssigned).HasMaxLength(200);
            b.Property(q => q.Version).IsRowVersion();
            b.HasMany(q => q.Members).WithOne().HasForeignKey(m => m.QueueId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<QueueMember>(b =>
        {
            b.ToTable("queue_members");
            b.HasKey(m => new { m.QueueId, m.Agent });
            b.Property(m => m.Agent).HasMaxLength(200);
            b.HasIndex(m => m.Agent);
        });

        modelBuilder.Entity<KbArticle>(b =>
        {
            b.ToTable("kb_articles");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.Title).HasMaxLength(200);
            b.Property(a => a.Body).HasMaxLength(50_000);
            b.Property(a => a.Author).HasMaxLength(200);
            b.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(20);
            b.Property(a => a.SearchVector).HasComputedColumnSql(
                "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')",
                stored: true);
            b.HasIndex(a => a.SearchVector).HasMethod("GIN");
            b.HasIndex(a => a.Tags).HasMethod("GIN");
            b.Property(a => a.Version).IsRowVersion();
        });

        modelBuilder.Entity<TicketArticleLink>(b =>
        {
            b.ToTable("ticket_article_links");
            b.HasKey(l => new { l.TicketId, l.ArticleId });
            b.Property(l => l.LinkedBy).HasMaxLength(200);
            b.HasOne<Ticket>().WithMany().HasForeignKey(l => l.TicketId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<KbArticle>().WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(l => l.ArticleId);
        });

        modelBuilder.Entity<TicketCategory>(b =>
        {
            b.ToTable("ticket_categories");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Key).HasMaxLength(100);
            b.HasIndex(c => c.Key).IsUnique();
            b.Property(c => c.Name).HasMaxLength(200);
            b.Property(c => c.DefaultImpact).HasConversion<string>().HasMaxLength(20);
            b.Property(c => c.DefaultUrgency).HasConversion<string>().HasMaxLength(20);
            b.Property(c => c.DefaultQueue).HasMaxLength(100);
            b.Property(c => c.TemplateTitle).HasMaxLength(200);
            b.Property(c => c.TemplateDescription).HasMaxLength(10_000);
            b.Property(c => c.Version).IsRowVersion();
        });

        modelBuilder.Entity<InboundAlert>(b =>
        {
            b.ToTable("inbound_alerts");
            b.HasKey(a => new { a.Source, a.AlertId });
            b.Property(a => a.Source).HasMaxLength(100);
            b.Property(a => a.AlertId).HasMaxLength(200);
            b.Property(a => a.LastStatus).HasMaxLength(20);
            b.HasIndex(a => a.TicketId);
        });

        modelBuilder.Entity<InboundHookSignature>(b =>
        {
            b.ToTable("inbound_hook_signatures");
            b.HasKey(s => new { s.Source, s.Signature });
            b.Property(s => s.Source).HasMaxLength(100);
            b.Property(s => s.Signature).HasMaxLength(100);
            b.HasIndex(s => s.SignedAt);
        });

        modelBuilder.Entity<InboundMail>(b =>
        {
            b.ToTable("inbound_mails");
            b.HasKey(m => m.MessageId);
            b.Property(m => m.MessageId).HasMaxLength(300);
            b.Property(m => m.Sender).HasMaxLength(320);
            b.Property(m => m.Outcome).HasMaxLength(20);
            b.HasIndex(m => m.TicketId);
        });

        modelBuilder.Entity<SlaNotice>(b =>
        {
            b.ToTable("sla_notices");
            b.HasKey(n => new { n.TicketId, n.Kind });
            b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        });

        modelBuilder.AddPlatformTables();
    }

    private static void ConfigureClock(ComplexPropertyBuilder<SlaClock> clock)
    {
        clock.Property(c => c.Target);
        clock.Property(c => c.WarningPercent);
        clock.Property(c => c.Elapsed);
        clock.Property(c => c.RunningSince);
        clock.Property(c => c.StoppedAt);
        clock.Property(c => c.DueAt);
        clock.Property(c => c.WarnAt);
    }
}
