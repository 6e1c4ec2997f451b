namespace Platform.Portal.Api;

// The knowledge base (ticketing's /api/kb): search and read (requesters: public articles only, by the service's rule),
// write and edit (agents), suggestions while a ticket is raised, and the articles linked to a ticket.
public sealed partial class PlatformApi
{
    public Task<ApiResult<IReadOnlyList<ArticleHit>>> SearchArticlesAsync(string? query, string? tag, CancellationToken ct = default)
    {
        var url = "api/kb/articles?limit=20";
        if (!string.IsNullOrWhiteSpace(query)) url += $"&q={Uri.EscapeDataString(query.Trim())}";
        if (!string.IsNullOrWhiteSpace(tag)) url += $"&tag={Uri.EscapeDataString(tag.Trim())}";
        return GetAsync<IReadOnlyList<ArticleHit>>(url, ct);
    }

    /// <summary>Articles sharing words with what the requester is typing (deflection).</summary>
    public Task<ApiResult<IReadOnlyList<ArticleHit>>> SuggestArticlesAsync(string text, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ArticleHit>>($"api/kb/suggestions?limit=5&text={Uri.EscapeDataString(text.Trim())}", ct);

    public Task<ApiResult<Article>> ArticleAsync(Guid id, CancellationToken ct = default) =>
        GetAsync<Article>($"api/kb/articles/{id}", ct);

    public Task<ApiResult<Article>> CreateArticleAsync(ArticleDraft draft, CancellationToken ct = default) =>
        PostAsync<Article>("api/kb/articles", draft, ct);

    public Task<ApiResult<Article>> UpdateArticleAsync(Guid id, ArticleDraft draft, CancellationToken ct = default) =>
        SendAsync<Article>(HttpMethod.Put, $"api/kb/articles/{id}", draft, ct);

    public Task<ApiResult<IReadOnlyList<ArticleHit>>> TicketArticlesAsync(string key, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ArticleHit>>($"{T(key)}/articles", ct);

    public Task<ApiResult<IReadOnlyList<ArticleHit>>> SuggestedArticlesAsync(string key, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ArticleHit>>($"{T(key)}/suggested-articles", ct);

    public Task<ApiResult<bool>> LinkArticleAsync(string key, Guid articleId, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Post, $"{T(key)}/articles", new { articleId }, ct);
}
