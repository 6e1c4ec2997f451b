using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Platform.Data;

/// <summary>The end of a create by its API: the new row added and saved, then 201 with its location and body.</summary>
public static class Creates
{
    /// <summary>
    /// Adds <paramref name="row"/>, saves, and answers 201 Created at <paramref name="location"/> with
    /// <paramref name="answer"/>'s body; both are read after the save, so values the database made are in them.
    /// </summary>
    public static async Task<Created<TResponse>> CreatedAsync<T, TResponse>(this DbContext db, T row, Func<T, string> location,
        Func<T, TResponse> answer, CancellationToken ct) where T : class
    {
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(location(row), answer(row));
    }
}
