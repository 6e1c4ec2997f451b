using Microsoft.EntityFrameworkCore;
using Platform.Data.People;

namespace Platform.Messaging;

/// <summary>
/// The base of every service's own database: its mapping is the <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes of the service's assembly (Data/Configurations/), its key numbers come from PostgreSQL sequences
/// (<see cref="NumberSequences"/>), and the platform's tables (outbox, inbox, audit trail, Idempotency-Key) and its copy of the people
/// directory (<see cref="DirectoryPerson"/>) are mapped beside them.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The sequences the service numbers its records from (HD-…, PRJ-…, AST-…); none by default.</summary>
    protected virtual IEnumerable<string> NumberSequences => [];

    /// <summary>The next number of a sequence (unique, not gap-free).</summary>
    public async Task<long> NextNumberAsync(string sequence, CancellationToken cancellationToken) =>
        await Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>Reserves <paramref name="count"/> numbers of a sequence at once (bulk import, receipts).</summary>
    public async Task<IReadOnlyList<long>> NextNumbersAsync(string sequence, int count, CancellationToken cancellationToken) =>
        count == 0
            ? []
            : await Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\" FROM generate_series(1, {count})").ToListAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var sequence in NumberSequences) modelBuilder.HasSequence<long>(sequence);
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        modelBuilder.AddPlatformTables();
        modelBuilder.AddPeopleDirectory();
    }
}
