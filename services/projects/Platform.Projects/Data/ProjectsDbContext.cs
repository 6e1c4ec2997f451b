using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Projects.Domain;

namespace Platform.Projects.Data;

public sealed class ProjectsDbContext(DbContextOptions<ProjectsDbContext> options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectIssue> Issues => Set<ProjectIssue>();

    public async Task<long> NextNumberAsync(string sequence, CancellationToken cancellationToken) =>
        await Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\"").SingleAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(Sequences.Projects);
        modelBuilder.HasSequence<long>(Sequences.Issues);

        modelBuilder.Entity<Project>(b =>
        {
            b.ToTable("projects");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.HasIndex(p => p.Number).IsUnique();
            b.Ignore(p => p.Key);
            b.Property(p => p.Name).HasMaxLength(200);
            b.Property(p => p.Description).HasMaxLength(10_000);
            b.Property(p => p.Manager).HasMaxLength(200);
            b.Property(p => p.Version).IsRowVersion();
            b.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(p => p.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<ProjectMember>(b =>
        {
            b.ToTable("project_members");
            b.HasKey(m => new { m.ProjectId, m.UserId });
            b.Property(m => m.UserId).HasMaxLength(200);
            b.Property(m => m.Role).HasMaxLength(50);
            b.HasIndex(m => m.UserId);
        });

        modelBuilder.Entity<ProjectIssue>(b =>
        {
            b.ToTable("project_issues");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).ValueGeneratedNever();
            b.HasIndex(i => i.Number).IsUnique();
            b.Ignore(i => i.Key);
            b.Property(i => i.ProjectKey).HasMaxLength(50);
            b.Property(i => i.Title).HasMaxLength(200);
            b.Property(i => i.Description).HasMaxLength(10_000);
            b.Property(i => i.Owner).HasMaxLength(200);
            b.Property(i => i.SourceTicketKey).HasMaxLength(50);
            b.Property(i => i.Resolution).HasMaxLength(10_000);
            b.Property(i => i.Severity).HasConversion<string>().HasMaxLength(20);
            b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(i => i.Version).IsRowVersion();
            b.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(i => new { i.ProjectId, i.Number });
            // One issue per ticket, whatever happens upstream: the last line of defence behind the inbox.
            b.HasIndex(i => i.SourceTicketId).IsUnique().HasFilter("source_ticket_id IS NOT NULL");
        });

        modelBuilder.AddPlatformTables();
    }
}

public static class Sequences
{
    public const string Projects = "project_numbers";
    public const string Issues = "project_issue_numbers";
}
