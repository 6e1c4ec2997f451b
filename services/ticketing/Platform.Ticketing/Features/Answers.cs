using System.Linq.Expressions;

namespace Platform.Ticketing.Features;

/// <summary>The two reads every help desk configuration resource has (calendars, SLA policies, categories, articles).</summary>
public static class Answers
{
    /// <summary>200 with every row of the query, each as its response.</summary>
    public static async Task<Ok<IReadOnlyList<TResponse>>> AllAsync<T, TResponse>(IQueryable<T> query, Func<T, TResponse> respond, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<TResponse>>((await query.ToListAsync(ct)).Select(respond).ToList());

    /// <summary>200 with the row that matches, or 404 naming <paramref name="what"/> and <paramref name="id"/>.</summary>
    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> OneAsync<T, TResponse>(
        IQueryable<T> query, Expression<Func<T, bool>> match, Func<T, TResponse> respond, string what, object id, CancellationToken ct) =>
        await query.FirstOrDefaultAsync(match, ct) is { } found ? TypedResults.Ok(respond(found)) : Problems.NotFound(what, id);
}
