namespace Platform.Ticketing.Tests;

/// <summary>
/// The service database prepares statements it runs again and again (shared/Platform.Data/ServiceDatabase.cs,
/// Database:MaxAutoPrepare): on one connection, a query run a few times is prepared on PostgreSQL itself.
/// </summary>
public class PreparedStatementTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    [Fact]
    public async Task A_query_run_again_and_again_is_prepared_on_its_connection()
    {
        var prepared = await fx.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                for (var i = 0; i < 8; i++) await db.Tickets.CountAsync(t => t.Category == "prepared-statement-probe");
                return await db.Database.SqlQuery<int>(
                    $"SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%prepared-statement-probe%'").SingleAsync();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        prepared.ShouldBeGreaterThan(0);
    }
}
