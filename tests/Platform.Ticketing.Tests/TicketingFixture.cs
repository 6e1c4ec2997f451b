using System.Collections.Concurrent;
using Platform.Contracts.Projects;

namespace Platform.Ticketing.Tests;

public sealed class TicketingFixture() : ServiceFixture<Program, TicketingDbContext>("Ticketing", ("bob", "agent"),
    typeof(TicketCreated), typeof(TicketStatusChanged), typeof(TicketPromotedToProject), typeof(TicketSlaWarning), typeof(TicketSlaBreached),
    typeof(MajorIncidentDeclared), typeof(TicketAssigned), typeof(TicketCommented), typeof(TicketAssetLinked))
{
    /// <summary>
    /// People:LearnFromTokens on, in every ticketing fixture: each caller is known from their token; everyone a test
    /// names without them ever calling (an assignee, a queue member, a requester on whose behalf) joins first, by
    /// <see cref="ServiceFixture{TEntryPoint, TDbContext}.JoinAsync"/>.
    /// </summary>
    public static readonly KeyValuePair<string, string?> LearnPeopleFromTokens = new("People:LearnFromTokens", "true");

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [LearnPeopleFromTokens];

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _joined = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="ServiceFixture{TEntryPoint, TDbContext}.JoinAsync"/> once per fixture, for the people several tests
    /// share (alice the requester, nina the team lead, the members of test queues); answers the id.
    /// </summary>
    public Task<string> JoinOnceAsync(string userId, string role) =>
        _joined.GetOrAdd(userId, id => new(() => JoinAsync(id, [role]))).Value;

    /// <summary>Announces a project as the projects service would, and waits until ticketing knows it.</summary>
    public async Task<(Guid Id, string Key)> KnownProjectAsync()
    {
        var id = Guid.NewGuid();
        var key = $"PRJ-{Random.Shared.Next(100_000, 999_999)}";
        await Bus.PublishAsync(new ProjectCreated(id, key, "Network refresh", "pm", DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.GetAsync(() => WithDbAsync(db => db.KnownProjects.AnyAsync(p => p.Id == id)), known => known);
        return (id, key);
    }
}
