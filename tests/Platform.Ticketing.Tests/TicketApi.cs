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
    public static Task<TicketResponse> RaiseTicketAsync(
        this HttpClient client, string title = "Printer on floor 3 jams", string description = "Every second page jams since this morning.",
        string category = "misc", string impact = "Medium", string urgency = "Medium", string? requester = null, string? assetTag = null) =>
        TicketAsync(client.PostJsonAsync("/api/tickets", new { title, description, requester, category, impact, urgency, assetTag }), HttpStatusCode.Created);

    public static Task<TicketResponse> GetTicketAsync(this HttpClient client, string ticket) =>
        TicketAsync(client.GetAsync($"/api/tickets/{ticket}"));

    /// <summary>A workflow action (start, pend, resolve…), 200 expected.</summary>
    public static Task<TicketResponse> ActAsync(this HttpClient client, string ticket, string action) =>
        TicketAsync(client.PostJsonAsync($"/api/tickets/{ticket}/transitions", new { action }));

    /// <summary>Routes the ticket to a queue (200 expected): the queue's rule picks the agent.</summary>
    public static Task<TicketResponse> RouteAsync(this HttpClient client, string ticket, string queue) =>
        TicketAsync(client.PostJsonAsync($"/api/tickets/{ticket}/route", new { queue }));

    public static Task<TicketResponse> AssignAsync(this HttpClient client, string ticket, string assignee) =>
        TicketAsync(client.PostJsonAsync($"/api/tickets/{ticket}/assign", new { assignee }));

    /// <summary>The ticket a call answers with; any other status than <paramref name="expected"/> fails with the body.</summary>
    private static async Task<TicketResponse> TicketAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TicketResponse>();
    }
}
