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

    public static Task<Asset?> FindAssetAsync(this IQueryable<Asset> query, string reference, CancellationToken ct) =>
        query.FindByReferenceAsync(reference, Asset.KeyPrefix, ct);

    public static Task<Licence?> FindLicenceAsync(this IQueryable<Licence> query, string reference, CancellationToken ct) =>
        query.Include(l => l.Assignments).FindByReferenceAsync(reference, Licence.KeyPrefix, ct);

    public static Task<KittingRequest?> FindKittingAsync(this IQueryable<KittingRequest> query, string reference, CancellationToken ct) =>
        query.Include(r => r.Items).FindByReferenceAsync(reference, KittingRequest.KeyPrefix, ct);

    public static Task<ProcurementRequest?> FindProcurementAsync(this AssetsDbContext db, string reference, CancellationToken ct) =>
        db.Procurements.Include(r => r.Items).Include(r => r.Quotes).AsSplitQuery().FindByReferenceAsync(reference, ProcurementRequest.KeyPrefix, ct);

    /// <summary>
    /// The one row of <paramref name="query"/> a reference names: a GUID is its <c>Id</c>, a key (prefix and number,
    /// any case: AST-00031, LIC-4) its <c>Number</c>; null when none matches or the reference is neither.
    /// </summary>
    private static Task<T?> FindByReferenceAsync<T>(this IQueryable<T> query, string reference, string keyPrefix, CancellationToken ct)
        where T : NumberedAggregate
    {
        if (Guid.TryParse(reference, out var id)) return query.FirstOrDefaultAsync(e => e.Id == id, ct);
        return NumberedAggregate.TryParseKey(reference, keyPrefix, out var number)
            ? query.FirstOrDefaultAsync(e => e.Number == number, ct)
            : Task.FromResult<T?>(null);
    }
}
