namespace Platform.Ticketing.Tests;

/// <summary>
/// The ticket calls most tests make, answered as the service's own response records (read with the API's JSON
/// options: web names, enums by name), so a test that checks a shape says it with types rather than field names.
/// </summary>
public static class TicketApi
{
    /// <summary>The body as <typeparamref name="T"/>, the record the endpoint answers with.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(Json.Options)
        ?? throw new InvalidOperationException($"Empty body with status {(int)response.StatusCode}.");

    /// <summary>A 400's field errors (a ValidationProblem's "errors"), by field.</summary>
    public static async Task<IDictionary<string, string[]>> ErrorsAsync(this HttpResponseMessage response) =>
        (await response.ReadAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()).Errors;

    /// <summary>Raises a ticket (201 expected) and answers it; the defaults make a P3 "misc" ticket.</summary>
    public static async Task<TicketResponse> RaiseTicketAsync(
        this HttpClient client, string title = "Printer on floor 3 jams", string description = "Every second page jams since this morning.",
        string category = "misc", string impact = "Medium", string urgency = "Medium", string? requester = null, string? assetTag = null)
    {
        var response = await client.PostJsonAsync("/api/tickets", new { title, description, requester, category, impact, urgency, assetTag });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TicketResponse>();
    }

    public static async Task<TicketResponse> GetTicketAsync(this HttpClient client, string ticket)
    {
        var response = await client.GetAsync($"/api/tickets/{ticket}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TicketResponse>();
    }

    /// <summary>A workflow action (start, pend, resolve…), 200 expected.</summary>
    public static async Task<TicketResponse> ActAsync(this HttpClient client, string ticket, string action)
    {
        var response = await client.PostJsonAsync($"/api/tickets/{ticket}/transitions", new { action });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TicketResponse>();
    }

    /// <summary>Routes the ticket to a queue (200 expected): the queue's rule picks the agent.</summary>
    public static async Task<TicketResponse> RouteAsync(this HttpClient client, string ticket, string queue)
    {
        var response = await client.PostJsonAsync($"/api/tickets/{ticket}/route", new { queue });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TicketResponse>();
    }

    public static async Task<TicketResponse> AssignAsync(this HttpClient client, string ticket, string assignee)
    {
        var response = await client.PostJsonAsync($"/api/tickets/{ticket}/assign", new { assignee });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TicketResponse>();
    }
}
