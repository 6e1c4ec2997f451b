namespace Platform.Ticketing.Domain;

/// <summary>
/// How long ticketing's texts may be: one number each, read by the column mapping (Data/Configurations) and by the
/// request validation (Features), so that what the API accepts always fits its column.
/// </summary>
public static class Lengths
{
    /// <summary>A ticket's or article's title, a category's template title, a name (queue, category).</summary>
    public const int Title = Validator.SingleLineMax;

    /// <summary>A person's id (requester, assignee, author, team lead, whoever is notified).</summary>
    public const int Person = PersonIds.MaxLength;

    /// <summary>A ticket's description, a comment's body, a category's template description.</summary>
    public const int Text = 10_000;

    /// <summary>A short explanation: a major incident's reason, a satisfaction comment.</summary>
    public const int Note = 2_000;

    /// <summary>A key or short name: category, queue, calendar name, SLA policy name, a hook source.</summary>
    public const int Key = 100;

    /// <summary>An asset tag or a project key (AST-00031, PRJ-1).</summary>
    public const int Tag = 50;

    /// <summary>A knowledge base article's body.</summary>
    public const int ArticleBody = 50_000;

    /// <summary>A search query (tickets and knowledge base).</summary>
    public const int Query = 500;

    /// <summary>An enum stored by name (status, impact, urgency, kind, rule, visibility).</summary>
    public const int EnumName = 20;

    /// <summary>A priority stored by name (P1…P4).</summary>
    public const int Priority = 4;
}
