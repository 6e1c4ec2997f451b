namespace Platform.Ticketing.Tests;

/// <summary>
/// Categories, SLA policies and calendars are cached per process (Data/ReferenceData.cs): a change through the API
/// applies to the next ticket at once, and a change another replica made is heard by its NOTIFY.
/// </summary>
public class ReferenceDataTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private HttpClient Http => fx.Http;

    private async Task<string> RaiseFromTemplateAsync(string category)
    {
        var response = await Http.PostJsonAsync("/api/tickets", new { category });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).Str("title");
    }

    private Task<bool> ListeningAsync() =>
        Task.FromResult(fx.Service.Services.GetRequiredService<Platform.Data.Reference.ReferenceCache<ReferenceSnapshot>>().Listening);

    [Fact]
    public async Task A_category_changed_through_the_api_applies_to_the_next_ticket_at_once()
    {
        await Eventually.GetAsync(ListeningAsync, listening => listening); // the cache is on
        var key = $"ref-{Guid.NewGuid():N}"[..12];
        (await Http.PostJsonAsync("/api/ticket-categories", new { key, name = "Reference", defaultImpact = "Low", defaultUrgency = "Low", templateTitle = "First template", templateDescription = "Filled by the template." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RaiseFromTemplateAsync(key)).ShouldBe("First template");

        (await Http.PutAsJsonAsync($"/api/ticket-categories/{key}", new { key, name = "Reference", defaultImpact = "Low", defaultUrgency = "Low", templateTitle = "Second template", templateDescription = "Filled by the template." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RaiseFromTemplateAsync(key)).ShouldBe("Second template");

        // Deleted (a bulk delete): the template no longer fills the title.
        (await Http.DeleteAsync($"/api/ticket-categories/{key}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var untitled = await Http.PostJsonAsync("/api/tickets", new { category = key, description = "x", impact = "Low", urgency = "Low" });
        untitled.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await untitled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_change_another_replica_made_is_heard_by_its_notice()
    {
        await Eventually.GetAsync(ListeningAsync, listening => listening);
        var key = $"ref-{Guid.NewGuid():N}"[..12];
        (await Http.PostJsonAsync("/api/ticket-categories", new { key, name = "Elsewhere", defaultImpact = "Low", defaultUrgency = "Low", templateTitle = "Before", templateDescription = "Filled by the template." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RaiseFromTemplateAsync(key)).ShouldBe("Before"); // read, and held

        // Another process changes the row without a notice: this one still holds what it read (it is a cache).
        await fx.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ticket_categories SET template_title = 'After' WHERE key = {key}"));
        (await RaiseFromTemplateAsync(key)).ShouldBe("Before");

        // Its notice (what another replica's save sends) reaches this one's listener: the next ticket reads the change.
        await fx.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{ReferenceSnapshot.Channel}', '')"));
        await Eventually.GetAsync(() => RaiseFromTemplateAsync(key), title => title == "After", TimeSpan.FromSeconds(10));
    }
}
