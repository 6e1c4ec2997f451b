namespace Platform.Ticketing.Features.Knowledge;

public sealed record ArticleRequest(string? Title, string? Body, IReadOnlyList<string>? Tags, ArticleVisibility? Visibility);

public sealed record ArticleResponse(Guid Id, string Title, string Body, IReadOnlyList<string> Tags, ArticleVisibility Visibility,
    string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ArticleResponse From(KbArticle a) => new(a.Id, a.Title, a.Body, a.Tags, a.Visibility, a.Author, a.CreatedAt, a.UpdatedAt);
}

/// <summary>An article found by a search, with its rank (higher is closer) and the start of its body.</summary>
public sealed record ArticleHit(Guid Id, string Title, string Snippet, IReadOnlyList<string> Tags, ArticleVisibility Visibility, double Rank);

public sealed record LinkArticleRequest(Guid? ArticleId);

/// <summary>
/// The knowledge base: agents write articles; everyone with the tickets scope searches them, requesters only the
/// public ones (an internal article answers 404 to them). Full text through a weighted tsvector and a GIN index.
/// </summary>
public static class KbEndpoints
{
    public const int MaxHits = 50;

    public static void MapKbEndpoints(this IEndpointRouteBuilder app)
    {
        var kb = app.MapGroup("/api/kb/articles").WithTags("Knowledge base").RequireAuthorization(Policies.Tickets);
        kb.MapGet("/", Search).WithName("SearchArticles");
        kb.MapGet("/{id:guid}", Get).WithName("GetArticle");
        kb.MapPost("/", Create).WithName("CreateArticle").RequireAuthorization(Policies.TicketsWork);
        kb.MapPut("/{id:guid}", Update).WithName("UpdateArticle").RequireAuthorization(Policies.TicketsWork);
        kb.MapDelete("/{id:guid}", Delete).WithName("DeleteArticle").RequireAuthorization(Policies.TicketsWork);
        app.MapGroup("/api/kb").WithTags("Knowledge base").RequireAuthorization(Policies.Tickets)
            .MapGet("/suggestions", Suggest).WithName("SuggestArticles");
    }

    /// <param name="tickets">The /api/tickets group (TicketingService.cs): a ticket's articles and suggestions.</param>
    public static void MapKbTicketEndpoints(this RouteGroupBuilder tickets)
    {
        tickets = tickets.MapGroup("").WithTags("Knowledge base");
        tickets.MapGet("/{ticket}/articles", LinkedArticles).WithName("ListTicketArticles");
        tickets.MapPost("/{ticket}/articles", Link).WithName("LinkTicketArticle").RequireAuthorization(Policies.TicketsWork);
        tickets.MapGet("/{ticket}/suggested-articles", SuggestForTicket).WithName("SuggestArticlesForTicket");
    }

    private static IQueryable<KbArticle> Visible(TicketingDbContext db, Caller caller) =>
        caller.SeesAllTickets ? db.Articles.AsNoTracking() : db.Articles.AsNoTracking().Where(a => a.Visibility == ArticleVisibility.Public);

    private static string Snippet(string body) => body.Length <= 200 ? body : body[..200] + "…";

    /// <summary>?q= full text (web search syntax: words, "phrases", -not, or), ?tag=, ?limit= (newest first without q).</summary>
    private static async Task<Results<Ok<IReadOnlyList<ArticleHit>>, ValidationProblem>> Search(
        TicketingDbContext db, HttpContext http, CancellationToken ct, string? q = null, string? tag = null, int? limit = null)
    {
        var v = new Validator().Check(limit is null or >= 1 and <= MaxHits, "limit", $"'limit' must be between 1 and {MaxHits}.")
            .Optional("q", q, Lengths.Query);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var query = Visible(db, Caller.Of(http));
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var t = tag.Trim().ToLowerInvariant();
            query = query.Where(a => a.Tags.Contains(t));
        }

        var take = limit ?? 20;
        List<ArticleHit> hits;
        if (string.IsNullOrWhiteSpace(q))
        {
            hits = await query.OrderByDescending(a => a.UpdatedAt).Take(take)
                .Select(a => new ArticleHit(a.Id, a.Title, a.Body, a.Tags, a.Visibility, 0)).ToListAsync(ct);
        }
        else
        {
            // EF.Functions calls stay inside the expressions: they are translated to SQL, never run here.
            hits = await query.Where(a => a.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", q)))
                .OrderByDescending(a => a.SearchVector.Rank(EF.Functions.WebSearchToTsQuery("english", q))).ThenBy(a => a.Id).Take(take)
                .Select(a => new ArticleHit(a.Id, a.Title, a.Body, a.Tags, a.Visibility,
                    a.SearchVector.Rank(EF.Functions.WebSearchToTsQuery("english", q)))).ToListAsync(ct);
        }

        return TypedResults.Ok<IReadOnlyList<ArticleHit>>(hits.Select(h => h with { Snippet = Snippet(h.Snippet) }).ToList());
    }

    /// <summary>Articles sharing the most words with a text (a new ticket's title and description).</summary>
    internal static async Task<List<ArticleHit>> SuggestAsync(TicketingDbContext db, Caller caller, string text, int take, CancellationToken ct)
    {
        if (KbArticle.AnyWordQuery(text) is not { } words) return [];
        var hits = await Visible(db, caller).Where(a => a.SearchVector.Matches(EF.Functions.ToTsQuery("english", words)))
            .OrderByDescending(a => a.SearchVector.Rank(EF.Functions.ToTsQuery("english", words))).ThenBy(a => a.Id).Take(take)
            .Select(a => new ArticleHit(a.Id, a.Title, a.Body, a.Tags, a.Visibility,
                a.SearchVector.Rank(EF.Functions.ToTsQuery("english", words)))).ToListAsync(ct);
        return hits.Select(h => h with { Snippet = Snippet(h.Snippet) }).ToList();
    }

    private static async Task<Results<Ok<IReadOnlyList<ArticleHit>>, ValidationProblem>> Suggest(
        TicketingDbContext db, HttpContext http, CancellationToken ct, string? text = null, int? limit = null)
    {
        var v = new Validator().Required("text", text, Lengths.Text).Check(limit is null or >= 1 and <= MaxHits, "limit", $"'limit' must be between 1 and {MaxHits}.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        return TypedResults.Ok<IReadOnlyList<ArticleHit>>(await SuggestAsync(db, Caller.Of(http), text!, limit ?? 5, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<ArticleHit>>, ProblemHttpResult>> SuggestForTicket(
        string ticket, TicketingDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.PeekTicketAsync(ticket, caller, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        return TypedResults.Ok<IReadOnlyList<ArticleHit>>(await SuggestAsync(db, caller, $"{found.Title} {found.Description}", 5, ct));
    }

    private static Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> Get(Guid id, TicketingDbContext db, HttpContext http, CancellationToken ct) =>
        Answers.OneAsync(Visible(db, Caller.Of(http)), a => a.Id == id, ArticleResponse.From, "Article", id, ct);

    private static Validator Validate(ArticleRequest r) => new Validator()
        .Required("title", r.Title, Lengths.Title).Required("body", r.Body, Lengths.ArticleBody).RequiredEnum("visibility", r.Visibility)
        .Check(r.Tags is null || (r.Tags.Count <= 20 && r.Tags.All(t => t is { Length: > 0 and <= 50 })), "tags", "At most 20 tags of 1 to 50 characters.");

    private static async Task<Results<Created<ArticleResponse>, ValidationProblem>> Create(
        ArticleRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = Validate(request);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var now = clock.GetUtcNow();
        var article = new KbArticle
        {
            Title = request.Title!.Trim(), Body = request.Body!.Trim(), Tags = KbArticle.NormalizeTags(request.Tags),
            Visibility = request.Visibility!.Value, Author = Caller.Of(http).Id, CreatedAt = now, UpdatedAt = now,
        };
        return await db.CreatedAsync(article, a => $"/api/kb/articles/{a.Id}", ArticleResponse.From, ct);
    }

    private static Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ArticleRequest request, TicketingDbContext db, TimeProvider clock, CancellationToken ct) =>
        db.ChangeAsync(Validate(request), () => db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct), ("Article", id), article =>
        {
            article.Title = request.Title!.Trim();
            article.Body = request.Body!.Trim();
            article.Tags = KbArticle.NormalizeTags(request.Tags);
            article.Visibility = request.Visibility!.Value;
            article.UpdatedAt = clock.GetUtcNow();
        }, ArticleResponse.From, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, TicketingDbContext db, CancellationToken ct)
    {
        var deleted = await db.Articles.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Problems.NotFound("Article", id) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<ArticleHit>>, ProblemHttpResult>> LinkedArticles(
        string ticket, TicketingDbContext db, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.PeekTicketAsync(ticket, caller, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        var ids = db.ArticleLinks.Where(l => l.TicketId == found.Id).Select(l => l.ArticleId);
        var hits = await Visible(db, caller).Where(a => ids.Contains(a.Id)).OrderBy(a => a.Title)
            .Select(a => new ArticleHit(a.Id, a.Title, a.Body, a.Tags, a.Visibility, 0)).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ArticleHit>>(hits.Select(h => h with { Snippet = Snippet(h.Snippet) }).ToList());
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Link(
        string ticket, LinkArticleRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Check(request.ArticleId is not null, "articleId", "'articleId' is required.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.PeekTicketAsync(ticket, caller, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        if (!await db.Articles.AnyAsync(a => a.Id == request.ArticleId, ct))
            return Problems.Unprocessable("unknown-article", $"Article '{request.ArticleId}' does not exist.");
        if (await db.ArticleLinks.AnyAsync(l => l.TicketId == found.Id && l.ArticleId == request.ArticleId, ct)) return TypedResults.NoContent();
        db.ArticleLinks.Add(new TicketArticleLink { TicketId = found.Id, ArticleId = request.ArticleId!.Value, LinkedBy = caller.Id, LinkedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
