namespace Platform.Assets.Features;

/// <summary>
/// The steps every state change of one asset or request takes (a transition, a return, a procurement decision,
/// closing a kitting request): the body's fields checked (400), the record found (404), the change applied (the
/// record's own rules may refuse it: 409), saved, and the record answered as it now is.
/// </summary>
internal static class RecordChanges
{
    /// <param name="v">The body's checks, already run.</param>
    /// <param name="find">Reads the record (tracked), once the body is valid.</param>
    /// <param name="missing">What the 404 names when there is no such record: its kind and the reference given.</param>
    /// <param name="change">The change, through the record's own methods.</param>
    /// <param name="answer">The record as the endpoint answers it.</param>
    public static async Task<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync<TRecord, TResponse>(
        this AssetsDbContext db, Validator v, Func<Task<TRecord?>> find, (string Kind, string Reference) missing,
        Action<TRecord> change, Func<TRecord, TResponse> answer, CancellationToken ct)
        where TRecord : class
    {
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await find();
        if (found is null) return Problems.NotFound(missing.Kind, missing.Reference);
        change(found);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(answer(found));
    }
}
