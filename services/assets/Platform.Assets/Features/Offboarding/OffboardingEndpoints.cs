using System.Globalization;

namespace Platform.Assets.Features.Offboarding;

/// <summary>
/// PSO's offboarding list: people who left (identity's PersonLeft) with what they still hold here — assets not yet
/// returned, seats not yet reclaimed, return requests still open — the longest gone first. PSO staff and admins.
/// </summary>
public static class OffboardingEndpoints
{
    internal static async Task<Results<Ok<OffboardingPage>, ValidationProblem>> List(
        AssetsDbContext db, CancellationToken ct, bool includeSettled = false, int? limit = null, string? cursor = null)
    {
        var after = ParseCursor(cursor);
        var v = new Validator()
            .Check(limit is null or >= 1 and <= Keyset.MaxLimit, "limit", $"'limit' must be between 1 and {Keyset.MaxLimit}.")
            .Check(cursor is null || after is not null, "cursor", "'cursor' is not a cursor this API returned.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var take = limit ?? Keyset.DefaultLimit;

        var query = Leavers(db);
        if (!includeSettled)
            query = query.Where(p =>
                db.Assets.Any(a => a.Status == AssetStatus.Assigned && a.AssignedTo == p.UserId)
                || db.LicenceSeats.Any(s => s.UserId == p.UserId && s.ReleasedAt == null)
                || db.KittingRequests.Any(r => r.Kind == KittingKind.Return && r.Status == KittingStatus.Open && r.UserId == p.UserId));
        if (after is var (day, user))
            query = query.Where(p => p.LeftOn > day || (p.LeftOn == day && string.Compare(p.UserId, user) > 0));
        var people = await query.OrderBy(p => p.LeftOn).ThenBy(p => p.UserId).Take(take + 1).ToListAsync(ct);
        var page = people.Take(take).ToList();
        var items = await DescribeAsync(db, page, ct);
        var next = people.Count > take ? $"{page[^1].LeftOn:yyyy-MM-dd}~{page[^1].UserId}" : null;
        return TypedResults.Ok(new OffboardingPage(items, next));
    }

    internal static async Task<Results<Ok<OffboardingResponse>, ProblemHttpResult>> Get(string userId, AssetsDbContext db, CancellationToken ct)
    {
        var person = await Leavers(db).FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (person is null) return Problems.NotFound("Leaver", userId);
        return TypedResults.Ok((await DescribeAsync(db, [person], ct)).Single());
    }

    private static IQueryable<DirectoryPerson> Leavers(AssetsDbContext db) =>
        db.Set<DirectoryPerson>().AsNoTracking().Where(p => !p.Active && p.LeftOn != null);

    /// <summary>A cursor is the last row's leaving day and id ("2027-03-31~bob"); null when it is not one.</summary>
    private static (DateOnly Day, string UserId)? ParseCursor(string? cursor) =>
        cursor?.Split('~', 2) is [var day, { Length: > 0 } user]
        && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? (d, user) : null;

    internal static async Task<List<OffboardingResponse>> DescribeAsync(AssetsDbContext db, IReadOnlyList<DirectoryPerson> people, CancellationToken ct)
    {
        var ids = people.Select(p => p.UserId).ToList();
        var assets = await db.Assets.AsNoTracking()
            .Where(a => a.Status == AssetStatus.Assigned && a.AssignedTo != null && ids.Contains(a.AssignedTo)).OrderBy(a => a.Number).ToListAsync(ct);
        var seats = await db.Licences.AsNoTracking()
            .SelectMany(l => l.Assignments.Where(s => s.ReleasedAt == null && s.UserId != null && ids.Contains(s.UserId))
                .Select(s => new { l.Number, l.Product, s.Id, s.UserId, s.AssignedAt }))
            .OrderBy(s => s.Number).ToListAsync(ct);
        var returns = await db.KittingRequests.AsNoTracking().Include(r => r.Items)
            .Where(r => r.Kind == KittingKind.Return && r.Status == KittingStatus.Open && ids.Contains(r.UserId)).OrderBy(r => r.Number).ToListAsync(ct);
        return people.Select(p =>
        {
            var held = assets.Where(a => a.AssignedTo == p.UserId)
                .Select(a => new HeldAssetResponse(a.Tag, a.Kind, a.Model, a.Serial, a.ProjectKey, a.AssignedAt)).ToList();
            var seated = seats.Where(s => s.UserId == p.UserId)
                .Select(s => new HeldSeatResponse(Licence.KeyPrefix + s.Number, s.Product, s.Id, s.AssignedAt)).ToList();
            var open = returns.Where(r => r.UserId == p.UserId)
                .Select(r => new OpenReturnResponse(r.Key, r.ProjectKey, r.Items.Count(i => i.DoneAt is not null), r.Items.Count, r.CreatedAt)).ToList();
            return new OffboardingResponse(p.UserId, p.DisplayName, p.Department, p.LeftOn!.Value,
                held.Count == 0 && seated.Count == 0 && open.Count == 0, held, seated, open);
        }).ToList();
    }
}
