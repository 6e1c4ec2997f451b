using NpgsqlTypes;

namespace Platform.Ticketing.Domain;

public enum ArticleVisibility
{
    /// <summary>Requesters see it (self-help).</summary>
    Public,
    /// <summary>Agents only (workarounds, runbooks).</summary>
    Internal,
}

/// <summary>A knowledge base article; searched through a weighted tsvector (title over body) kept by PostgreSQL.</summary>
public sealed class KbArticle
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public required string Body { get; set; }
    public List<string> Tags { get; set; } = [];
    public ArticleVisibility Visibility { get; set; }
    public required string Author { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Generated column (title weight A, body B): never written by the application.</summary>
    public NpgsqlTsVector SearchVector { get; private set; } = null!;

    public uint Version { get; private set; }

    /// <summary>Tags as stored: trimmed, lower-case, distinct.</summary>
    public static List<string> NormalizeTags(IEnumerable<string>? tags) =>
        (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList();

    /// <summary>
    /// An OR query (to_tsquery syntax) of the distinct words of a text: suggestions rank articles by how many of a
    /// ticket's words they share. Only letters and digits pass, so the text cannot inject query operators.
    /// </summary>
    public static string? AnyWordQuery(string text, int maxWords = 30)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c)) { current.Append(char.ToLowerInvariant(c)); continue; }
            if (current.Length >= 3) words.Add(current.ToString());
            current.Clear();
        }

        var distinct = words.Distinct().Take(maxWords).ToList();
        return distinct.Count == 0 ? null : string.Join(" | ", distinct);
    }
}

public sealed class TicketArticleLink
{
    public Guid TicketId { get; init; }
    public Guid ArticleId { get; init; }
    public required string LinkedBy { get; init; }
    public DateTimeOffset LinkedAt { get; init; }
}

/// <summary>A ticket category with the template that prefills new tickets of that kind.</summary>
public sealed class TicketCategory
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Key { get; init; }
    public required string Name { get; set; }
    public Impact? DefaultImpact { get; set; }
    public Urgency? DefaultUrgency { get; set; }
    public string? DefaultQueue { get; set; }
    public string? TemplateTitle { get; set; }
    public string? TemplateDescription { get; set; }
    public uint Version { get; private set; }
}
