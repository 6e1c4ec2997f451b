using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults;

/// <summary>A page of a list; pass <see cref="NextCursor"/> back as ?cursor= for the next one (null: last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging over a numeric key (the human key's number): ?limit=&amp;cursor=, where the cursor is the key of
/// the last row seen. Stable under inserts, and an index seek however deep the page.
/// </summary>
public readonly record struct Keyset(int Take, long? After)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 200;

    /// <summary>Checks limit and cursor, recording field errors in <paramref name="validator"/>.</summary>
    public static Keyset From(Validator validator, int? limit, string? cursor)
    {
        long after = 0;
        validator
            .Check(limit is null or >= 1 and <= MaxLimit, "limit", $"'limit' must be between 1 and {MaxLimit}.")
            .Check(cursor is null || (long.TryParse(cursor, out after) && after > 0), "cursor", "'cursor' is not a cursor this API returned.");
        return new Keyset(limit ?? DefaultLimit, cursor is null ? null : after);
    }

    /// <summary>Builds the page from up to Take + 1 rows read in key order (the extra row says there is more).</summary>
    public Page<TOut> ToPage<TRow, TOut>(IReadOnlyList<TRow> rows, Func<TRow, long> key, Func<TRow, TOut> map) =>
        new(rows.Take(Take).Select(map).ToList(), rows.Count > Take ? key(rows[Take - 1]).ToString() : null);
}

/// <summary>
/// The one way a list endpoint reads a <see cref="Keyset"/> page: the rows after the cursor, in key order, up to
/// Take + 1 (the extra row says there is more). The key is an expression so that the cursor's filter and the order
/// run in the database; the cursor is sent as a parameter, as a hand-written <c>Where(r =&gt; r.Number &gt; after)</c> is.
/// </summary>
public static class KeysetQueries
{
    /// <summary>The page's rows, for a caller that reads more before it builds the page (<see cref="Keyset.ToPage"/>).</summary>
    /// <param name="newestFirst">Descending key order (the cursor then pages towards smaller keys).</param>
    public static Task<List<T>> PageRowsAsync<T>(
        this IQueryable<T> query, Keyset page, Expression<Func<T, long>> key, bool newestFirst, CancellationToken ct)
    {
        if (page.After is { } after) query = query.Where(Beyond(key, after, newestFirst));
        return (newestFirst ? query.OrderByDescending(key) : query.OrderBy(key)).Take(page.Take + 1).ToListAsync(ct);
    }

    /// <summary>The page itself: its rows read as <see cref="PageRowsAsync{T}"/> does, each mapped to what the API answers.</summary>
    public static async Task<Page<TOut>> ToPageAsync<T, TOut>(
        this IQueryable<T> query, Keyset page, Expression<Func<T, long>> key, bool newestFirst, Func<T, TOut> map, CancellationToken ct)
    {
        var rows = await query.PageRowsAsync(page, key, newestFirst, ct);
        return page.ToPage(rows, key.Compile(preferInterpretation: true), map);
    }

    private static Expression<Func<T, bool>> Beyond<T>(Expression<Func<T, long>> key, long after, bool newestFirst)
    {
        Expression<Func<long>> cursor = () => after; // a captured variable, so EF Core parameterises it
        var beyond = newestFirst ? Expression.LessThan(key.Body, cursor.Body) : Expression.GreaterThan(key.Body, cursor.Body);
        return Expression.Lambda<Func<T, bool>>(beyond, key.Parameters);
    }
}
