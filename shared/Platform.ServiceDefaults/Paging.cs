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
