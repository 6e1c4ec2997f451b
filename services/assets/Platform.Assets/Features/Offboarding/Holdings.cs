namespace Platform.Assets.Features.Offboarding;

/// <summary>What a person holds and what PSO was already asked to take back (shared by leavers and project departures).</summary>
public static class Holdings
{
    /// <summary>
    /// Serialises, per person, the writers that decide whether a return request is open already (a leaver, a project
    /// departure, a return opened by hand), so two of them at once cannot each open one. Needs a transaction.
    /// </summary>
    public static Task LockReturnsAsync(this AssetsDbContext db, string userId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({userId}, 4208))", ct);

    public static IQueryable<Asset> AssetsHeldBy(this AssetsDbContext db, string userId) =>
        db.Assets.Where(a => a.Status == AssetStatus.Assigned && a.AssignedTo == userId).OrderBy(a => a.Number);

    public static IQueryable<Licence> LicencesWithSeatOf(this AssetsDbContext db, string userId) =>
        db.Licences.Include(l => l.Assignments)
            .Where(l => l.Assignments.Any(s => s.UserId == userId && s.ReleasedAt == null)).OrderBy(l => l.Number);

    /// <summary>The person's open return requests with their items, oldest first.</summary>
    public static IQueryable<KittingRequest> OpenReturnsOf(this AssetsDbContext db, string userId) =>
        db.KittingRequests.Include(r => r.Items)
            .Where(r => r.Kind == KittingKind.Return && r.Status == KittingStatus.Open && r.UserId == userId).OrderBy(r => r.Number);

    /// <summary>Whether identity said the person left (and they have not come back).</summary>
    public static Task<bool> HasLeftAsync(this AssetsDbContext db, string userId, CancellationToken ct) =>
        db.Set<DirectoryPerson>().AnyAsync(p => p.UserId == userId && !p.Active && p.LeftOn != null, ct);
}
