namespace Platform.Portal.Api;

// The knowledge base's shapes (ticketing's /api/kb).

public sealed record ArticleHit(Guid Id, string Title, string Snippet, IReadOnlyList<string> Tags, string Visibility, double Rank);

public sealed record Article(
    Guid Id, string Title, string Body, IReadOnlyList<string> Tags, string Visibility, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ArticleDraft(string? Title, string? Body, IReadOnlyList<string>? Tags, string? Visibility);
