using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;

namespace Platform.Data;

/// <summary>The delete of one row by its API: 204 when it was there, 404 naming it when it was not.</summary>
public static class Deletes
{
    /// <summary>
    /// Deletes the row of <typeparamref name="T"/> that <paramref name="match"/> finds and answers 204; answers 404 for
    /// <paramref name="what"/> <paramref name="reference"/> when there is none.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<T>(this DbContext db, Expression<Func<T, bool>> match,
        string what, object reference, CancellationToken ct) where T : class
    {
        var row = await db.Set<T>().FirstOrDefaultAsync(match, ct);
        if (row is null) return Problems.NotFound(what, reference);
        db.Set<T>().Remove(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
