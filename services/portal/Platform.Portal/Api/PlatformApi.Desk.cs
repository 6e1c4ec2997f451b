namespace Platform.Portal.Api;

// Help desk configuration (admins): queues and their members, ticket categories and their templates (ticketing).
public sealed partial class PlatformApi
{
    public Task<ApiResult<IReadOnlyList<DeskQueue>>> DeskQueuesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<DeskQueue>>("api/queues", ct);

    public Task<ApiResult<DeskQueue>> DeskQueueAsync(string key, CancellationToken ct = default) =>
        GetAsync<DeskQueue>($"api/queues/{Uri.EscapeDataString(key)}", ct);

    public Task<ApiResult<DeskQueue>> CreateQueueAsync(QueueDraft draft, CancellationToken ct = default) =>
        PostAsync<DeskQueue>("api/queues", draft, ct);

    public Task<ApiResult<DeskQueue>> UpdateQueueAsync(string key, QueueDraft draft, CancellationToken ct = default) =>
        SendAsync<DeskQueue>(HttpMethod.Put, $"api/queues/{Uri.EscapeDataString(key)}", draft, ct);

    /// <summary>Adds the agent to the queue, or sets their availability.</summary>
    public Task<ApiResult<DeskQueue>> PutQueueMemberAsync(string key, string agent, bool available, CancellationToken ct = default) =>
        SendAsync<DeskQueue>(HttpMethod.Put, $"api/queues/{Uri.EscapeDataString(key)}/members/{Uri.EscapeDataString(agent)}", new { available }, ct);

    public Task<ApiResult<bool>> RemoveQueueMemberAsync(string key, string agent, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"api/queues/{Uri.EscapeDataString(key)}/members/{Uri.EscapeDataString(agent)}", null, ct);

    public Task<ApiResult<Category>> CreateCategoryAsync(CategoryDraft draft, CancellationToken ct = default) =>
        PostAsync<Category>("api/ticket-categories", draft, ct);

    public Task<ApiResult<Category>> UpdateCategoryAsync(string key, CategoryDraft draft, CancellationToken ct = default) =>
        SendAsync<Category>(HttpMethod.Put, $"api/ticket-categories/{Uri.EscapeDataString(key)}", draft, ct);

    public Task<ApiResult<bool>> DeleteCategoryAsync(string key, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"api/ticket-categories/{Uri.EscapeDataString(key)}", null, ct);
}

/// <summary>A queue of agents (GET /api/queues): its assignment rule, team lead and members with their open tickets.</summary>
public sealed record DeskQueue(Guid Id, string Key, string Name, string Rule, string? TeamLead, string? LastAssigned, IReadOnlyList<QueueMember> Members);

public sealed record QueueMember(string Agent, bool Available, int OpenTickets);

public sealed record QueueDraft(string? Key, string? Name, string? Rule, string? TeamLead);

public sealed record CategoryDraft(string? Key, string? Name, string? DefaultImpact, string? DefaultUrgency, string? DefaultQueue,
    string? TemplateTitle, string? TemplateDescription);
