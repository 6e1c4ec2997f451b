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
    /// The next number of a sequence (unique, not gap-free): one scalar command (<see cref="RawAsync{TResult}"/>), not a
    /// query through EF Core's pipeline, which composed, looked up and materialised this one-line statement for every
    /// created ticket (a twentieth of ticketing's CPU samples under load, issue 19).
    /// </summary>
    public Task<long> NextNumberAsync(string sequence, CancellationToken cancellationToken) =>
        RawAsync("SELECT nextval($1::regclass)", [sequence],
            async (command, ct) => Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);

    /// <summary>
    /// Runs one statement on the context's connection and in its transaction, if any, outside EF Core's query pipeline:
    /// for the few statements a hot path runs for every message or request, where composing, caching and materialising
    /// cost more than the statement. <paramref name="values"/> are its positional parameters <c>$1</c>, <c>$2</c>…
    /// (null is sent as SQL NULL); <paramref name="run"/> executes the command and reads what it needs.
    /// </summary>
    public async Task<TResult> RawAsync<TResult>(string sql, IReadOnlyList<object?> values,
        Func<System.Data.Common.DbCommand, CancellationToken, Task<TResult>> run, CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken); // counted: a connection already open stays open
        try
        {
            await using var command = Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
            foreach (var value in values)
            {
                var parameter = command.CreateParameter();
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            return await run(command, cancellationToken);
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
