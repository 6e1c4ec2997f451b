using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Ticketing.Domain;

namespace Platform.Ticketing.Data;

public sealed class TicketingDbContext(DbContextOptions<TicketingDbContext> options) : DbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketComment> Comments => Set<TicketComment>();
    public DbSet<KnownProject> KnownProjects => Set<KnownProject>();

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
            b.HasIndex(t => new { t.Priority, t.Number });
            b.HasIndex(t => new { t.Assignee, t.Number });
            b.HasIndex(t => t.ProjectIssueId);
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

        modelBuilder.Entity<KnownProject>(b =>
        {
            b.ToTable("known_projects");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.Key).HasMaxLength(50);
            b.Property(p => p.Name).HasMaxLength(200);
            b.HasIndex(p => p.Key).IsUnique();
        });

        modelBuilder.AddPlatformTables();
    }
}
