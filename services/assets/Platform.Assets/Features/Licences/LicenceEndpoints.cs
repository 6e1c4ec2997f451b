namespace Platform.Assets.Features.Licences;

/// <summary>Software licences and their seats. Staff read all; others the licences they hold a seat of. PSO writes.</summary>
public static class LicenceEndpoints
{
    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    internal static async Task<Results<Created<LicenceResponse>, ValidationProblem>> Create(
        CreateLicenceRequest request, AssetsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator().Required("product", request.Product).Optional("vendor", request.Vendor, Lengths.Name)
            .Check(request.Seats is >= 0 and <= 1_000_000, "seats", "'seats' is required, 0 to 1,000,000.")
            .Check(request.Cost is null or >= 0, "cost", "'cost' cannot be negative.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var number = await db.NextNumberAsync(Sequences.Licences, ct);
        var licence = Licence.Create(number, request.Product!.Trim(), string.IsNullOrWhiteSpace(request.Vendor) ? null : request.Vendor.Trim(),
            request.Seats!.Value, request.ExpiresOn, request.Cost, clock.GetUtcNow());
        db.Licences.Add(licence);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/licences/{licence.Key}", LicenceResponse.From(licence, Today(clock)));
    }

    internal static async Task<Results<Ok<Page<LicenceResponse>>, ValidationProblem>> List(
        AssetsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct, string? product = null, int? expiringWithinDays = null,
        bool? overused = null, string? holder = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator().Optional("product", product, Lengths.Name).Optional("holder", holder, Lengths.Person)
            .Check(expiringWithinDays is null or >= 0 and <= 3650, "expiringWithinDays", "'expiringWithinDays' must be 0 to 3650.");
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var today = Today(clock);
        var query = db.VisibleLicences(Caller.Of(http)).AsNoTracking().Include(l => l.Assignments.Where(s => s.ReleasedAt == null)).AsQueryable();
        if (!string.IsNullOrWhiteSpace(product)) query = query.Where(l => EF.Functions.ILike(l.Product, "%" + product.Trim() + "%"));
        if (expiringWithinDays is { } days)
        {
            var horizon = today.AddDays(days);
            query = query.Where(l => l.ExpiresOn != null && l.ExpiresOn <= horizon);
        }

        if (overused is true) query = query.Where(l => l.Assignments.Count(s => s.ReleasedAt == null) > l.Seats);
        if (!string.IsNullOrWhiteSpace(holder))
        {
            var (user, tag) = (holder.Trim(), holder.Trim().ToUpperInvariant()); // a person, or an asset tag (stored upper-case)
            query = query.Where(l => l.Assignments.Any(s => s.ReleasedAt == null && (s.UserId == user || s.AssetTag == tag)));
        }
        return TypedResults.Ok(await query.ToPageAsync(page, l => l.Number, newestFirst: false, l => LicenceResponse.From(l, today, withHistory: false), ct));
    }

    internal static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> Get(
        string licence, AssetsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var found = await db.VisibleLicences(Caller.Of(http)).AsNoTracking().FindLicenceAsync(licence, ct);
        return found is null ? Problems.NotFound("Licence", licence) : TypedResults.Ok(LicenceResponse.From(found, Today(clock)));
    }

    internal static Task<Results<Ok<LicenceResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string licence, UpdateLicenceRequest request, AssetsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator()
            .Check(request.Product is null || request.Product.Trim().Length is > 0 and <= Lengths.Name, "product", $"'product' must be 1 to {Lengths.Name} characters.")
            .Optional("vendor", request.Vendor, Lengths.Name)
            .Check(request.Seats is null or >= 0 and <= 1_000_000, "seats", "'seats' must be 0 to 1,000,000.")
            .Check(request.Cost is null or >= 0, "cost", "'cost' cannot be negative.");
        return db.ChangeAsync(v, () => db.Licences.FindLicenceAsync(licence, ct), ("Licence", licence),
            found => found.Update(request.Product?.Trim(), request.Vendor?.Trim(), request.Seats, request.ExpiresOn, request.Cost, clock.GetUtcNow()),
            found => LicenceResponse.From(found, Today(clock)), ct);
    }

    internal static async Task<Results<Created<LicenceResponse>, ValidationProblem, ProblemHttpResult>> AssignSeat(
        string licence, AssignSeatRequest request, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Person("userId", request.UserId, required: false).Optional("assetTag", request.AssetTag, Lengths.Key)
            .Check(string.IsNullOrWhiteSpace(request.UserId) != string.IsNullOrWhiteSpace(request.AssetTag), "userId",
                "Give exactly one of 'userId' (a person) or 'assetTag' (a device).");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.Licences.FindLicenceAsync(licence, ct);
        if (found is null) return Problems.NotFound("Licence", licence);
        if (await db.CheckPeopleAsync(ct, ("userId", request.UserId?.Trim())) is { } unknownPerson) return unknownPerson;
        var result = await SeatAssignment.AssignAsync(db, found, request.UserId, request.AssetTag, Caller.Of(http).Id, request.AllowOveruse, clock.GetUtcNow(), ct);
        if (result is not null) return result;
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/licences/{found.Key}", LicenceResponse.From(found, Today(clock)));
    }

    internal static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> ReleaseSeat(
        string licence, Guid seatId, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.Licences.FindLicenceAsync(licence, ct);
        if (found is null) return Problems.NotFound("Licence", licence);
        if (found.ActiveSeats.All(s => s.Id != seatId)) return Problems.NotFound("Seat", seatId);
        found.Release(seatId, Caller.Of(http).Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LicenceResponse.From(found, Today(clock)));
    }
}

/// <summary>Gives a seat to a person or to an asset named by tag (shared by the licence API and kitting).</summary>
public static class SeatAssignment
{
    /// <summary>Assigns (not saved yet); returns a problem when the asset named does not exist.</summary>
    public static async Task<ProblemHttpResult?> AssignAsync(AssetsDbContext db, Licence licence, string? userId, string? assetTag, string by,
        bool allowOveruse, DateTimeOffset now, CancellationToken ct)
    {
        Guid? assetId = null;
        string? tag = null;
        if (!string.IsNullOrWhiteSpace(assetTag))
        {
            var asset = await db.Assets.AsNoTracking().FindAssetAsync(assetTag, ct);
            if (asset is null) return Problems.NotFound("Asset", assetTag);
            assetId = asset.Id;
            tag = asset.Tag;
        }

        licence.Assign(RequestText.Blank(userId), assetId, tag, by, allowOveruse, now);
        return null;
    }
}
