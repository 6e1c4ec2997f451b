using Platform.Contracts.Projects;

namespace Platform.Ticketing.Tests;

public sealed class TicketingFixture() : ServiceFixture<Program, TicketingDbContext>("Ticketing", ("bob", "agent"),
    typeof(TicketCreated), typeof(TicketStatusChanged), typeof(TicketPromotedToProject), typeof(TicketSlaWarning), typeof(TicketSlaBreached),
    typeof(MajorIncidentDeclared), typeof(TicketAssigned), typeof(TicketCommented), typeof(TicketAssetLinked))
{
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
