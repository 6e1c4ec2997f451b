namespace Platform.Assets.Features.Kitting;

/// <summary>
/// Kitting (onboarding) and return requests, opened by project membership events, by people joining (their
/// department's kit profile) and leaving the organisation, or by hand. PSO ticks the checklist; an item
/// completed with an asset tag hands that asset over (or, on a return, takes it back), with a licence it gives (or
/// releases) a seat — in the same transaction as the tick. The person concerned can follow their own requests.
/// </summary>
public static class KittingEndpoints
{
    internal static async Task<Results<Ok<Page<KittingResponse>>, ValidationProblem>> List(
        AssetsDbContext db, HttpContext http, CancellationToken ct, KittingStatus? status = null, KittingKind? kind = null, string? userId = null,
        string? projectKey = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator()
            .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<KittingStatus>())}.")
            .Check(kind is null || Enum.IsDefined(kind.Value), "kind", $"'kind' must be one of: {string.Join(", ", Enum.GetNames<KittingKind>())}.")
            .Optional("userId", userId, Lengths.Person).Optional("projectKey", projectKey, Lengths.Key);
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var query = db.VisibleKitting(Caller.Of(http)).AsNoTracking().Include(r => r.Items).AsQueryable();
        if (status is not null) query = query.Where(r => r.Status == status);
        if (kind is not null) query = query.Where(r => r.Kind == kind);
        if (!string.IsNullOrWhiteSpace(userId)) query = query.Where(r => r.UserId == userId.Trim());
        if (!string.IsNullOrWhiteSpace(projectKey))
        {
            var key = projectKey.Trim().ToUpperInvariant(); // keys are stored upper-case
            query = query.Where(r => r.ProjectKey == key);
        }
        return TypedResults.Ok(await query.ToPageAsync(page, r => r.Number, newestFirst: false, KittingResponse.From, ct));
    }

    internal static async Task<Results<Ok<KittingResponse>, ProblemHttpResult>> Get(string request, AssetsDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.VisibleKitting(Caller.Of(http)).AsNoTracking().FindKittingAsync(request, ct);
        return found is null ? Problems.NotFound("Kitting request", request) : TypedResults.Ok(KittingResponse.From(found));
    }

    /// <summary>
    /// Opens a request by hand for a known, active person, for no project: an onboarding kit from the profile named
    /// (or their department's), or a return of everything they hold (refused while a return of theirs is open).
    /// </summary>
    internal static async Task<Results<Created<KittingResponse>, ValidationProblem, ProblemHttpResult>> Open(
        OpenKittingRequest body, AssetsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var kind = body.Kind ?? KittingKind.Onboarding;
        var v = new Validator().Person("userId", body.UserId)
            .Check(Enum.IsDefined(kind), "kind", $"'kind' must be one of: {string.Join(", ", Enum.GetNames<KittingKind>())}.")
            .Check(kind == KittingKind.Onboarding || body.ProfileId is null, "profileId", "'profileId' is for an onboarding request.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var userId = body.UserId!.Trim();
        if (await db.CheckPeopleAsync(ct, ("userId", userId)) is { } unknownPerson) return unknownPerson;

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var now = clock.GetUtcNow();
        KittingRequest opened;
        if (kind == KittingKind.Onboarding)
        {
            var department = await db.Set<DirectoryPerson>().Where(p => p.UserId == userId).Select(p => p.Department).FirstOrDefaultAsync(ct);
            var profiles = await db.KitProfiles.AsNoTracking().Where(p => p.Id == body.ProfileId || (body.ProfileId == null && p.Department != null)).ToListAsync(ct);
            var profile = body.ProfileId is not null ? profiles.FirstOrDefault()
                : department is null ? null : KitProfile.ForDepartment(profiles, department);
            if (profile is null)
                return body.ProfileId is { } id ? Problems.NotFound("Kit profile", id)
                    : Problems.Unprocessable("no-kit-profile", $"{userId}'s department ({department ?? "none"}) has no kit profile; name one in 'profileId'.");
            opened = KittingRequest.OpenForJoiner(await db.NextNumberAsync(Sequences.Kitting, ct), userId, profile.Department, profile, now, now);
        }
        else
        {
            await db.LockReturnsAsync(userId, ct);
            if (await db.OpenReturnsOf(userId).Select(r => r.Number).FirstOrDefaultAsync(ct) is > 0 and var open)
                return Problems.Conflict("request-open", $"{KittingRequest.KeyPrefix}{open} is an open return request for {userId}; add items to it.");
            var assets = await db.AssetsHeldBy(userId).AsNoTracking().ToListAsync(ct);
            var licences = await db.LicencesWithSeatOf(userId).AsNoTracking().ToListAsync(ct);
            opened = KittingRequest.OpenReturn(await db.NextNumberAsync(Sequences.Kitting, ct), Guid.Empty, "", userId, assets, licences, now, now);
        }

        db.KittingRequests.Add(opened);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/kitting/{opened.Key}", KittingResponse.From(opened));
    }

    internal static async Task<Results<Created<KittingResponse>, ValidationProblem, ProblemHttpResult>> AddItem(
        string request, AddKittingItemRequest body, AssetsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("kind", body.Kind).Required("description", body.Description, Lengths.Description);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.KittingRequests.FindKittingAsync(request, ct);
        if (found is null) return Problems.NotFound("Kitting request", request);
        var item = found.AddItem(body.Kind!.Value, body.Description!.Trim(), null, null, null, null, null);
        db.Entry(item).State = EntityState.Added;
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/kitting/{found.Key}", KittingResponse.From(found));
    }

    internal static async Task<Results<Ok<KittingResponse>, ValidationProblem, ProblemHttpResult>> CompleteItem(
        string request, string item, CompleteItemRequest body, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Optional("note", body.Note, Lengths.Note).Optional("assetTag", body.AssetTag, Lengths.Key).Optional("licence", body.Licence, Lengths.Key);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.KittingRequests.FindKittingAsync(request, ct);
        if (found is null) return Problems.NotFound("Kitting request", request);
        var line = RequestItem.Find(found.Items, item);
        if (line is null) return Problems.NotFound("Checklist item", item);
        if (found.Status != KittingStatus.Open) return Problems.Conflict("request-closed", $"{found.Key} is {found.Status}.");

        var caller = Caller.Of(http).Id;
        var now = clock.GetUtcNow();
        string? tag = null, licenceKey = null;
        if (RequestText.Blank(body.AssetTag) is { } assetRef)
        {
            var asset = await db.Assets.FindAssetAsync(assetRef, ct);
            if (asset is null) return Problems.NotFound("Asset", assetRef);
            if (found.Kind == KittingKind.Onboarding)
                asset.Assign(found.UserId, found.IsPersonLevel ? null : found.ProjectId, found.IsPersonLevel ? null : found.ProjectKey,
                    caller, $"kit {found.Key}", now);
            else if (asset.Status == AssetStatus.Assigned && asset.AssignedTo == found.UserId)
                asset.Return(caller, $"return {found.Key}", toRepair: false, now);
            else
                return Problems.Conflict("not-held", $"{asset.Tag} is not held by {found.UserId}.");
            tag = asset.Tag;
        }

        if (RequestText.Blank(body.Licence) is { } licenceRef)
        {
            var licence = await db.Licences.FindLicenceAsync(licenceRef, ct);
            if (licence is null) return Problems.NotFound("Licence", licenceRef);
            if (found.Kind == KittingKind.Onboarding)
                licence.Assign(found.UserId, null, null, caller, body.AllowOveruse, now);
            else if (licence.SeatOf(found.UserId, null) is { } seat)
                licence.Release(seat.Id, caller, now);
            else
                return Problems.Conflict("not-held", $"{found.UserId} holds no seat of {licence.Key}.");
            licenceKey = licence.Key;
        }

        found.CompleteItem(line.Id, caller, RequestText.Blank(body.Note), tag, licenceKey, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(KittingResponse.From(found));
    }

    internal static Task<Results<Ok<KittingResponse>, ValidationProblem, ProblemHttpResult>> Complete(
        string request, KittingNoteRequest? body, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        CloseAsync(request, body, db, clock, http, (found, by, note, at) => found.Complete(by, note, at), ct);

    internal static Task<Results<Ok<KittingResponse>, ValidationProblem, ProblemHttpResult>> Cancel(
        string request, KittingNoteRequest? body, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        CloseAsync(request, body, db, clock, http, (found, by, note, at) => found.Cancel(by, note, at), ct);

    /// <summary>Completes or cancels a request with an optional note (the request's own rules say when it may).</summary>
    internal static Task<Results<Ok<KittingResponse>, ValidationProblem, ProblemHttpResult>> CloseAsync(string request,
        KittingNoteRequest? body, AssetsDbContext db, TimeProvider clock, HttpContext http,
        Action<KittingRequest, string, string?, DateTimeOffset> close, CancellationToken ct) =>
        db.ChangeAsync(new Validator().Optional("note", body?.Note, Lengths.Note), () => db.KittingRequests.FindKittingAsync(request, ct),
            ("Kitting request", request), found => close(found, Caller.Of(http).Id, RequestText.Blank(body?.Note), clock.GetUtcNow()), KittingResponse.From, ct);

    internal static async Task<Ok<IReadOnlyList<KitProfileResponse>>> ListProfiles(AssetsDbContext db, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<KitProfileResponse>>((await db.KitProfiles.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct))
            .Select(KitProfileResponse.From).ToList());

    internal static async Task<Results<Ok<KitProfileResponse>, ProblemHttpResult>> GetProfile(Guid id, AssetsDbContext db, CancellationToken ct)
    {
        var profile = await db.KitProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return profile is null ? Problems.NotFound("Kit profile", id) : TypedResults.Ok(KitProfileResponse.From(profile));
    }

    private static Validator CheckProfile(KitProfileRequest request)
    {
        var v = new Validator().Required("name", request.Name).Optional("projectKey", request.ProjectKey, Lengths.Key).Optional("role", request.Role, Lengths.Key)
            .Optional("department", request.Department, Lengths.Name)
            .Check(RequestText.Blank(request.Department) is null || (RequestText.Blank(request.ProjectKey) is null && RequestText.Blank(request.Role) is null), "department",
                "A department profile is the kit of people joining that department: leave 'projectKey' and 'role' empty.")
            .Check(request.Items is { Count: > 0 and <= 100 }, "items", "'items' must list 1 to 100 checklist items.");
        foreach (var (item, i) in (request.Items ?? []).Select((item, i) => (item, i)))
        {
            v.Check(item is not null && Enum.IsDefined(item.Kind), $"items[{i}].kind", $"'kind' must be one of: {string.Join(", ", Enum.GetNames<KitItemKind>())}.")
                .Check(item is not null && !string.IsNullOrWhiteSpace(item.Description) && item.Description.Length <= Lengths.Description, $"items[{i}].description",
                    $"'description' is required (at most {Lengths.Description} characters).")
                .Check(item?.AssetKind is null || Enum.IsDefined(item.AssetKind.Value), $"items[{i}].assetKind", "'assetKind' is not a kind of asset.")
                .Optional($"items[{i}].model", item?.Model, Lengths.Name).Optional($"items[{i}].product", item?.Product, Lengths.Name);
        }

        return v;
    }

    private static List<KitItem> Items(KitProfileRequest request) =>
        request.Items!.Select(i => i with { Description = i.Description.Trim(), Model = RequestText.Blank(i.Model), Product = RequestText.Blank(i.Product) }).ToList();

    internal static async Task<Results<Created<KitProfileResponse>, ValidationProblem, ProblemHttpResult>> CreateProfile(
        KitProfileRequest request, AssetsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = CheckProfile(request);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var name = request.Name!.Trim();
        if (await db.KitProfiles.AnyAsync(p => p.Name == name, ct)) return Problems.Conflict("duplicate-name", $"A kit profile named '{name}' exists.");
        var now = clock.GetUtcNow();
        var profile = new KitProfile
        {
            Id = Guid.CreateVersion7(), Name = name, ProjectKey = RequestText.Blank(request.ProjectKey)?.ToUpperInvariant(), Role = RequestText.Blank(request.Role),
            Department = RequestText.Blank(request.Department), Items = Items(request), CreatedAt = now, UpdatedAt = now,
        };
        return await db.CreatedAsync(profile, p => $"/api/kit-profiles/{p.Id}", KitProfileResponse.From, ct);
    }

    internal static async Task<Results<Ok<KitProfileResponse>, ValidationProblem, ProblemHttpResult>> UpdateProfile(
        Guid id, KitProfileRequest request, AssetsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = CheckProfile(request);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var profile = await db.KitProfiles.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (profile is null) return Problems.NotFound("Kit profile", id);
        var name = request.Name!.Trim();
        if (await db.KitProfiles.AnyAsync(p => p.Name == name && p.Id != id, ct)) return Problems.Conflict("duplicate-name", $"A kit profile named '{name}' exists.");
        profile.Name = name;
        profile.ProjectKey = RequestText.Blank(request.ProjectKey)?.ToUpperInvariant();
        profile.Role = RequestText.Blank(request.Role);
        profile.Department = RequestText.Blank(request.Department);
        profile.Items = Items(request);
        profile.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(KitProfileResponse.From(profile));
    }

    internal static Task<Results<NoContent, ProblemHttpResult>> DeleteProfile(Guid id, AssetsDbContext db, CancellationToken ct) =>
        db.DeleteAsync<KitProfile>(p => p.Id == id, "Kit profile", id, ct);
}
