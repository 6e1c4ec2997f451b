using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;

namespace Platform.Data;

/// <summary>
/// The change of one row by its API (an update, a transition, a decision): the body's fields checked (400), the row
/// found (404), the change applied (the row's own rules may refuse it: 409), saved, and the row answered as it now is.
/// </summary>
public static class Changes
{
    /// <param name="db">The service's database.</param>
    /// <param name="v">The body's checks, already run.</param>
    /// <param name="find">Reads the row (tracked), once the body is valid.</param>
    /// <param name="missing">What the 404 names when there is no such row: its kind and the reference given.</param>
    /// <param name="change">The change, through the row's own methods.</param>
    /// <param name="answer">The row as the endpoint answers it.</param>
    /// <param name="ct">The request's cancellation token.</param>
    public static async Task<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync<TRow, TResponse>(
        this DbContext db, Validator v, Func<Task<TRow?>> find, (string Kind, object Reference) missing,
        Action<TRow> change, Func<TRow, TResponse> answer, CancellationToken ct)
        where TRow : class
    {
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await find();
        if (found is null) return Problems.NotFound(missing.Kind, missing.Reference);
        change(found);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(answer(found));
    }
}
