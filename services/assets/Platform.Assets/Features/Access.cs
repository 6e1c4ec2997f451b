namespace Platform.Assets.Features;

/// <summary>
/// Object-level rules. Agents, PMO analysts, PSO staff, admins and integration tools read the whole inventory;
/// everyone else (requesters, project members) sees only what they hold: assets assigned to them, licences they
/// hold a seat of, their own kitting and return requests (404 for the rest). Only PSO staff and admins write.
/// </summary>
public static class Access
{
    public static bool SeesAllAssets(this Caller caller) =>
        caller.IsIn(Roles.Agent, Roles.PmoAnalyst, Roles.PsoStaff, Roles.Admin, Roles.Integration);

    public static bool ManagesAssets(this Caller caller) => caller.IsIn(Roles.PsoStaff, Roles.Admin);

    public static IQueryable<Asset> VisibleAssets(this AssetsDbContext db, Caller caller) =>
        caller.SeesAllAssets() ? db.Assets : db.Assets.Where(a => a.AssignedTo == caller.Id && a.Status == AssetStatus.Assigned);

    public static IQueryable<Licence> VisibleLicences(this AssetsDbContext db, Caller caller) =>
        caller.SeesAllAssets() ? db.Licences : db.Licences.Where(l => l.Assignments.Any(s => s.UserId == caller.Id && s.ReleasedAt == null));

    public static IQueryable<KittingRequest> VisibleKitting(this AssetsDbContext db, Caller caller) =>
        caller.SeesAllAssets() ? db.KittingRequests : db.KittingRequests.Where(r => r.UserId == caller.Id);

    public static Task<Asset?> FindAssetAsync(this IQueryable<Asset> query, string reference, CancellationToken ct)
    {
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(a => a.Id == id, ct);
        return Asset.TryParseTag(reference, out var number)
            ? query.FirstOrDefaultAsync(a => a.Number == number, ct)
            : Task.FromResult<Asset?>(null);
    }

    public static Task<Licence?> FindLicenceAsync(this IQueryable<Licence> query, string reference, CancellationToken ct)
    {
        query = query.Include(l => l.Assignments);
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(l => l.Id == id, ct);
        return TryNumber(reference, Licence.KeyPrefix, out var number)
            ? query.FirstOrDefaultAsync(l => l.Number == number, ct)
            : Task.FromResult<Licence?>(null);
    }

    public static Task<KittingRequest?> FindKittingAsync(this IQueryable<KittingRequest> query, string reference, CancellationToken ct)
    {
        query = query.Include(r => r.Items);
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(r => r.Id == id, ct);
        return TryNumber(reference, KittingRequest.KeyPrefix, out var number)
            ? query.FirstOrDefaultAsync(r => r.Number == number, ct)
            : Task.FromResult<KittingRequest?>(null);
    }

    public static Task<ProcurementRequest?> FindProcurementAsync(this AssetsDbContext db, string reference, CancellationToken ct)
    {
        var query = db.Procurements.Include(r => r.Items).Include(r => r.Quotes).AsSplitQuery();
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(r => r.Id == id, ct);
        return TryNumber(reference, ProcurementRequest.KeyPrefix, out var number)
            ? query.FirstOrDefaultAsync(r => r.Number == number, ct)
            : Task.FromResult<ProcurementRequest?>(null);
    }

    public static bool TryNumber(string reference, string prefix, out long number)
    {
        number = 0;
        var text = reference.Trim();
        return text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}
