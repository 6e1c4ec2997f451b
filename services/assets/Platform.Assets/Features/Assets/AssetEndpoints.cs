using Microsoft.Extensions.Options;

namespace Platform.Assets.Features.Assets;

/// <summary>
/// The hardware inventory. Anyone with the assets scope reads (staff everything, others the assets they hold);
/// PSO staff and admins register, change, assign, return and import.
/// </summary>
public static class AssetEndpoints
{
    private static Validator Check(Validator v, AssetKind? kind, string? model, string? serial, string? vendor, decimal? cost, string? location,
        DateOnly? purchase, DateOnly? warranty, bool create)
    {
        if (create) v.RequiredEnum("kind", kind).Required("model", model);
        else v.Check(kind is null || Enum.IsDefined(kind.Value), "kind", $"'kind' must be one of: {string.Join(", ", Enum.GetNames<AssetKind>())}.")
            .Check(model is null || model.Trim().Length is > 0 and <= Lengths.Name, "model", $"'model' must be 1 to {Lengths.Name} characters.");
        return v.Optional("serial", serial, Lengths.Serial).Optional("vendor", vendor, Lengths.Name).Optional("location", location, Lengths.Name)
            .Check(cost is null or >= 0, "cost", "'cost' cannot be negative.")
            .Check(purchase is null || warranty is null || warranty >= purchase, "warrantyEnd", "'warrantyEnd' must not be before 'purchaseDate'.");
    }

    internal static async Task<Results<Created<AssetResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAssetRequest request, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = Check(new Validator(), request.Kind, request.Model, request.Serial, request.Vendor, request.Cost, request.Location,
                request.PurchaseDate, request.WarrantyEnd, create: true)
            .Check(request.Status is null || (Enum.IsDefined(request.Status.Value) && AssetLifecycle.CanStartIn(request.Status.Value)), "status",
                "'status' must be one of: Ordered, InStock, Assigned, InRepair, Retired.")
            .Person("assignedTo", request.AssignedTo, required: false)
            .Check(request.Status != AssetStatus.Assigned || !string.IsNullOrWhiteSpace(request.AssignedTo), "assignedTo", "An Assigned asset needs 'assignedTo'.")
            .Check(request.Status == AssetStatus.Assigned || string.IsNullOrWhiteSpace(request.AssignedTo), "assignedTo", "'assignedTo' is only for status Assigned (or use POST …/assign).");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (await db.CheckPeopleAsync(ct, ("assignedTo", RequestText.Blank(request.AssignedTo))) is { } unknownPerson) return unknownPerson;
        var serial = RequestText.Blank(request.Serial);
        if (serial is not null && await db.Assets.AnyAsync(a => a.Serial == serial, ct))
            return Problems.Conflict("duplicate-serial", $"An asset with serial '{serial}' is already registered.");

        var number = await db.NextNumberAsync(Sequences.Assets, ct);
        var asset = Asset.Register(number,
            new AssetDetails(request.Kind!.Value, request.Model!.Trim(), serial, RequestText.Blank(request.Vendor), request.PurchaseDate, request.Cost,
                request.WarrantyEnd, RequestText.Blank(request.Location)),
            request.Status ?? AssetStatus.InStock, RequestText.Blank(request.AssignedTo), Caller.Of(http).Id, "registered", clock.GetUtcNow());
        return await db.CreatedAsync(asset, a => $"/api/assets/{Uri.EscapeDataString(a.Tag)}", AssetResponse.From, ct);
    }

    /// <summary>
    /// Bulk import from CSV (text/csv body, header line first). All or nothing: every problem of every row is
    /// answered as 422 with row numbers, and nothing is written unless every row is good. A body that is not UTF-8
    /// is refused whole (400, the line of the first bad bytes).
    /// </summary>
    internal static async Task<Results<Created<ImportResponse>, ProblemHttpResult>> Import(
        HttpRequest request, AssetsDbContext db, TimeProvider clock, IOptions<AssetsOptions> options, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var (text, badLine) = CsvImport.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (text is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file is not valid UTF-8; nothing was imported.",
                detail: $"Line {badLine} holds bytes that are not UTF-8. Save the file as UTF-8 and send it again.",
                extensions: new Dictionary<string, object?> { ["code"] = "invalid-encoding", ["line"] = badLine });

        var (rows, errors) = CsvImport.Parse(text, options.Value.MaxImportRows);
        var problems = errors.ToList();
        if (problems.Count == 0)
        {
            var serials = rows.Where(r => r.Details.Serial is not null).Select(r => r.Details.Serial!).ToList();
            var taken = await db.Assets.AsNoTracking().Where(a => a.Serial != null && serials.Contains(a.Serial))
                .Select(a => new { a.Serial, a.Number }).ToListAsync(ct);
            var bySerial = taken.ToDictionary(t => t.Serial!, t => t.Number, StringComparer.OrdinalIgnoreCase);
            foreach (var row in rows.Where(r => r.Details.Serial is not null && bySerial.ContainsKey(r.Details.Serial)))
                problems.Add(new ImportError(row.Row, "serial", $"Serial '{row.Details.Serial}' is already registered as {Asset.FormatTag(bySerial[row.Details.Serial!])}."));
            var unknown = (await db.UnknownPeopleAsync(rows.Select(r => r.AssignedTo), ct)).ToHashSet(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => r.AssignedTo is not null && unknown.Contains(r.AssignedTo)))
                problems.Add(new ImportError(row.Row, "assignedTo", $"'{row.AssignedTo}' is not a known, active person."));
        }

        if (problems.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The import has invalid rows; nothing was imported.",
                detail: $"{problems.Select(p => p.Row).Distinct().Count()} row(s) cannot be imported. Fix them and send the whole file again.",
                extensions: new Dictionary<string, object?>
                {
                    ["code"] = "import-invalid",
                    ["errors"] = problems.OrderBy(p => p.Row).Select(p => new { row = p.Row, column = p.Column, message = p.Message }).ToList(),
                });

        var now = clock.GetUtcNow();
        var by = Actor.Of(request.HttpContext);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct); // joins an Idempotency-Key request's
        var numbers = await db.NextNumbersAsync(Sequences.Assets, rows.Count, ct);
        var assets = rows.Select((row, i) => Asset.Register(numbers[i], row.Details, row.Status, row.AssignedTo, by, $"imported (row {row.Row})", now)).ToList();
        db.Assets.AddRange(assets);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created("/api/assets", new ImportResponse(assets.Count, assets.Select(a => a.Tag).ToList()));
    }

    internal static async Task<Results<Ok<Page<AssetResponse>>, ValidationProblem>> List(
        AssetsDbContext db, HttpContext http, CancellationToken ct, AssetStatus? status = null, AssetKind? kind = null,
        string? assignedTo = null, string? projectKey = null, string? location = null, string? model = null, DateOnly? warrantyBefore = null,
        int? limit = null, string? cursor = null)
    {
        var v = new Validator()
            .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<AssetStatus>())}.")
            .Check(kind is null || Enum.IsDefined(kind.Value), "kind", $"'kind' must be one of: {string.Join(", ", Enum.GetNames<AssetKind>())}.")
            .Optional("assignedTo", assignedTo, Lengths.Person).Optional("projectKey", projectKey, Lengths.Key).Optional("location", location, Lengths.Name).Optional("model", model, Lengths.Name)
            .InDateRange("warrantyBefore", warrantyBefore);
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);

        var query = db.VisibleAssets(Caller.Of(http)).AsNoTracking();
        if (status is not null) query = query.Where(a => a.Status == status);
        if (kind is not null) query = query.Where(a => a.Kind == kind);
        if (!string.IsNullOrWhiteSpace(assignedTo)) query = query.Where(a => a.AssignedTo == assignedTo.Trim());
        if (!string.IsNullOrWhiteSpace(projectKey))
        {
            var key = projectKey.Trim().ToUpperInvariant(); // keys are stored upper-case
            query = query.Where(a => a.ProjectKey == key);
        }
        if (!string.IsNullOrWhiteSpace(location)) query = query.Where(a => a.Location == location.Trim());
        if (!string.IsNullOrWhiteSpace(model)) query = query.Where(a => EF.Functions.ILike(a.Model, "%" + model.Trim() + "%"));
        if (warrantyBefore is not null) query = query.Where(a => a.WarrantyEnd != null && a.WarrantyEnd < warrantyBefore);
        return TypedResults.Ok(await query.ToPageAsync(page, a => a.Number, newestFirst: false, AssetResponse.From, ct));
    }

    internal static async Task<Results<Ok<AssetResponse>, ProblemHttpResult>> Get(string tag, AssetsDbContext db, HttpContext http, CancellationToken ct)
    {
        var asset = await db.VisibleAssets(Caller.Of(http)).AsNoTracking().FindAssetAsync(tag, ct);
        return asset is null ? Problems.NotFound("Asset", tag) : TypedResults.Ok(AssetResponse.From(asset));
    }

    internal static async Task<Results<Ok<AssetResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string tag, UpdateAssetRequest request, AssetsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var asset = await db.Assets.FindAssetAsync(tag, ct);
        if (asset is null) return Problems.NotFound("Asset", tag);
        var d = asset.Details;
        var next = new AssetDetails(request.Kind ?? d.Kind, request.Model?.Trim() ?? d.Model,
            request.Serial is null ? d.Serial : RequestText.Blank(request.Serial), request.Vendor is null ? d.Vendor : RequestText.Blank(request.Vendor),
            request.PurchaseDate ?? d.PurchaseDate, request.Cost ?? d.Cost, request.WarrantyEnd ?? d.WarrantyEnd,
            request.Location is null ? d.Location : RequestText.Blank(request.Location));
        var v = Check(new Validator(), request.Kind, request.Model, request.Serial, request.Vendor, request.Cost, request.Location,
            next.PurchaseDate, next.WarrantyEnd, create: false);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (next.Serial is not null && next.Serial != d.Serial && await db.Assets.AnyAsync(a => a.Serial == next.Serial && a.Id != asset.Id, ct))
            return Problems.Conflict("duplicate-serial", $"An asset with serial '{next.Serial}' is already registered.");

        asset.Apply(next, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AssetResponse.From(asset));
    }

    internal static Task<Results<Ok<AssetResponse>, ValidationProblem, ProblemHttpResult>> Transition(
        string tag, AssetTransitionRequest request, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        db.ChangeAsync(new Validator().RequiredEnum("action", request.Action).Optional("note", request.Note, Lengths.Note),
            () => db.Assets.FindAssetAsync(tag, ct), ("Asset", tag),
            asset => asset.Transition(request.Action!.Value, Caller.Of(http).Id, RequestText.Blank(request.Note), clock.GetUtcNow()), AssetResponse.From, ct);

    internal static async Task<Results<Ok<AssetResponse>, ValidationProblem, ProblemHttpResult>> Assign(
        string tag, AssignAssetRequest request, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Person("userId", request.UserId).Optional("projectKey", request.ProjectKey, Lengths.Key).Optional("note", request.Note, Lengths.Note);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var asset = await db.Assets.FindAssetAsync(tag, ct);
        if (asset is null) return Problems.NotFound("Asset", tag);
        if (await db.CheckPeopleAsync(ct, ("userId", request.UserId!.Trim())) is { } unknownPerson) return unknownPerson;
        asset.Assign(request.UserId!.Trim(), request.ProjectId, RequestText.Blank(request.ProjectKey)?.ToUpperInvariant(), Caller.Of(http).Id, RequestText.Blank(request.Note),
            clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AssetResponse.From(asset));
    }

    internal static Task<Results<Ok<AssetResponse>, ValidationProblem, ProblemHttpResult>> Return(
        string tag, ReturnAssetRequest? request, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        db.ChangeAsync(new Validator().Optional("note", request?.Note, Lengths.Note), () => db.Assets.FindAssetAsync(tag, ct), ("Asset", tag),
            asset => asset.Return(Caller.Of(http).Id, RequestText.Blank(request?.Note), request?.ToRepair ?? false, clock.GetUtcNow()), AssetResponse.From, ct);

    internal static async Task<Results<Ok<IReadOnlyList<AssetHistoryResponse>>, ProblemHttpResult>> History(
        string tag, AssetsDbContext db, HttpContext http, CancellationToken ct)
    {
        var asset = await db.VisibleAssets(Caller.Of(http)).AsNoTracking().FindAssetAsync(tag, ct);
        if (asset is null) return Problems.NotFound("Asset", tag);
        var history = await db.AssetHistory.AsNoTracking().Where(h => h.AssetId == asset.Id).OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<AssetHistoryResponse>>(history.Select(AssetHistoryResponse.From).ToList());
    }

    internal static async Task<Results<Ok<IReadOnlyList<IncidentResponse>>, ProblemHttpResult>> Incidents(
        string tag, AssetsDbContext db, HttpContext http, CancellationToken ct)
    {
        var asset = await db.VisibleAssets(Caller.Of(http)).AsNoTracking().FindAssetAsync(tag, ct);
        if (asset is null) return Problems.NotFound("Asset", tag);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.AssetTag == asset.Tag).OrderByDescending(i => i.OpenedAt).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<IncidentResponse>>(incidents.Select(IncidentResponse.From).ToList());
    }

    internal static async Task<Results<Ok<AssetSummaryResponse>, ProblemHttpResult>> Summary(
        string tag, AssetsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var asset = await db.VisibleAssets(Caller.Of(http)).AsNoTracking().FindAssetAsync(tag, ct);
        if (asset is null) return Problems.NotFound("Asset", tag);
        var statuses = await db.Incidents.AsNoTracking().Where(i => i.AssetTag == asset.Tag).Select(i => i.Status).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(new AssetSummaryResponse(asset.Tag, asset.Kind, asset.Model, asset.Serial, asset.Status, asset.AssignedTo, asset.Location,
            asset.WarrantyEnd, asset.WarrantyEnd is { } end && end >= today, statuses.Count(s => s is not ("Resolved" or "Closed")), statuses.Count,
            $"/api/assets/{Uri.EscapeDataString(asset.Tag)}"));
    }
}
