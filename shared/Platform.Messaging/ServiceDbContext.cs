using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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

    /// <summary>
    /// The next number of a sequence (unique, not gap-free): one scalar command on the context's connection (and its
    /// transaction, if any), not a query through EF Core's pipeline, which composed, looked up and materialised this
    /// one-line statement for every created ticket (a twentieth of ticketing's CPU samples under load, issue 19).
    /// </summary>
    public async Task<long> NextNumberAsync(string sequence, CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken); // counted: a connection already open stays open
        try
        {
            await using var command = Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT nextval($1::regclass)";
            command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
            var name = command.CreateParameter();
            name.Value = sequence;
            command.Parameters.Add(name);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

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
