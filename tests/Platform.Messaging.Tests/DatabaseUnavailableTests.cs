using Npgsql;

namespace Platform.Messaging.Tests;

/// <summary>A database that is down or restarting is a 503 (retry), not a 500; other failures stay 500.</summary>
public class DatabaseUnavailableTests
{
    [Fact]
    public async Task A_refused_connection_is_recognised_as_the_database_being_unavailable()
    {
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=2");
        var failure = await Should.ThrowAsync<Exception>(() => connection.OpenAsync());
        ProblemExceptionHandler.IsDatabaseUnavailable(failure).ShouldBeTrue(failure.ToString());
        ProblemExceptionHandler.IsDatabaseUnavailable(new InvalidOperationException("wrapped", failure)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("57P01", true)]  // admin shutdown: the server is restarting
    [InlineData("57P03", true)]  // cannot connect now: still starting
    [InlineData("08006", true)]  // connection failure
    [InlineData("53300", true)]  // too many connections
    [InlineData("23505", false)] // unique violation: a conflict, not an outage
    [InlineData("42P01", false)] // undefined table: a bug
    public void Server_states_that_mean_try_again(string sqlState, bool unavailable) =>
        ProblemExceptionHandler.IsDatabaseUnavailable(new PostgresException("m", "FATAL", "FATAL", sqlState)).ShouldBe(unavailable);

    [Fact]
    public void Ordinary_bugs_stay_bugs() =>
        ProblemExceptionHandler.IsDatabaseUnavailable(new NullReferenceException()).ShouldBeFalse();
}
