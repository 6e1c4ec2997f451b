namespace Platform.Assets.Features.Procurement;

/// <summary>
/// Requests for quotes → approval → order → receipt. Staff (agents, PMO, PSO, admins) read; PSO staff and admins
/// write; the author of a request cannot approve it (admins excepted). Received units become assets in stock.
/// </summary>
public static partial class ProcurementEndpoints
{
    [System.Text.RegularExpressions.GeneratedRegex("^PRJ-[1-9][0-9]{0,17}$")]
    private static partial System.Text.RegularExpressions.Regex ProjectKeyPattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{3}$")]
    private static partial System.Text.RegularExpressions.Regex CurrencyPattern();

    internal static ProblemHttpResult NotStaff() => Problems.Forbidden("Procurement is visible to help desk, PMO and PSO staff.");

    internal static async Task<Results<Created<ProcurementResponse>, ValidationProblem>> Create(
        CreateProcurementRequest request, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var currency = request.Currency?.Trim().ToUpperInvariant();
        var project = request.Project?.Trim().ToUpperInvariant();
        var v = new Validator().Required("title", request.Title)
            .Check(project is null || ProjectKeyPattern().IsMatch(project), "project", "'project' is a project key (PRJ-7).")
            .Check(currency is null || CurrencyPattern().IsMatch(currency), "currency", "'currency' is an ISO 4217 code (JPY, EUR).")
            .Check(request.Items is { Count: > 0 and <= 100 }, "items", "'items' must list 1 to 100 items.")
            .Check(request.Vendors is null || request.Vendors.All(s => !string.IsNullOrWhiteSpace(s) && s.Length <= Lengths.Name), "vendors",
                $"Vendor names are 1 to {Lengths.Name} characters.");
        foreach (var (item, i) in (request.Items ?? []).Select((item, i) => (item, i)))
        {
            v.RequiredEnum($"items[{i}].kind", item?.Kind).Required($"items[{i}].model", item?.Model)
                .Check(item?.Quantity is >= 1 and <= 10_000, $"items[{i}].quantity", "'quantity' must be 1 to 10,000.");
        }

        if (!v.IsValid) return Problems.Validation(v.Errors);
        var number = await db.NextNumberAsync(Sequences.Procurement, ct);
        var procurement = ProcurementRequest.Create(number, request.Title!.Trim(), (request.Vendors ?? []).Select(s => s.Trim()).ToList(),
            request.Items!.Select(i => (i.Kind!.Value, i.Model!.Trim(), i.Quantity!.Value)).ToList(), Caller.Of(http).Id, clock.GetUtcNow(),
            project, currency ?? ProcurementRequest.DefaultCurrency);
        return await db.CreatedAsync(procurement, p => $"/api/procurement/{p.Key}", ProcurementResponse.From, ct);
    }

    internal static async Task<Results<Ok<Page<ProcurementResponse>>, ValidationProblem, ProblemHttpResult>> List(
        AssetsDbContext db, HttpContext http, CancellationToken ct, ProcurementStatus? status = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator()
            .Check(status is null || Enum.IsDefined(status.Value), "status", $"'status' must be one of: {string.Join(", ", Enum.GetNames<ProcurementStatus>())}.");
        var page = Keyset.From(v, limit, cursor);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (!Caller.Of(http).SeesAllAssets()) return NotStaff();
        var query = db.Procurements.AsNoTracking().Include(r => r.Items).Include(r => r.Quotes).AsSplitQuery();
        if (status is not null) query = query.Where(r => r.Status == status);
        return TypedResults.Ok(await query.ToPageAsync(page, r => r.Number, newestFirst: false, ProcurementResponse.From, ct));
    }

    internal static async Task<Results<Ok<ProcurementResponse>, ProblemHttpResult>> Get(
        string request, AssetsDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!Caller.Of(http).SeesAllAssets()) return NotStaff();
        var found = await db.FindProcurementAsync(request, ct);
        return found is null ? Problems.NotFound("Procurement request", request) : TypedResults.Ok(ProcurementResponse.From(found));
    }

    internal static async Task<Results<Created<ProcurementResponse>, ValidationProblem, ProblemHttpResult>> AddQuote(
        string request, QuoteRequest body, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("vendor", body.Vendor).Required("item", body.Item, Lengths.Key)
            .Check(body.UnitPrice is >= 0, "unitPrice", "'unitPrice' is required and cannot be negative.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProcurementAsync(request, ct);
        if (found is null) return Problems.NotFound("Procurement request", request);
        var item = RequestItem.Find(found.Items, body.Item);
        if (item is null) return Problems.NotFound("Item", body.Item!);
        var quote = found.AddQuote(body.Vendor!.Trim(), item.Id, body.UnitPrice!.Value, body.ValidUntil, Caller.Of(http).Id, clock.GetUtcNow());
        db.Entry(quote).State = EntityState.Added;
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/procurement/{found.Key}", ProcurementResponse.From(found));
    }

    internal static Task<Results<Ok<ProcurementResponse>, ValidationProblem, ProblemHttpResult>> Approve(
        string request, ApproveRequest body, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        Decide(request, new Validator().Required("vendor", body.Vendor), db, found =>
        {
            var caller = Caller.Of(http);
            found.Approve(body.Vendor!.Trim(), caller.Id, caller.IsIn(Roles.Admin), clock.GetUtcNow());
        }, ct);

    internal static Task<Results<Ok<ProcurementResponse>, ValidationProblem, ProblemHttpResult>> Reject(
        string request, KittingNoteRequest? body, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        Decide(request, new Validator().Optional("note", body?.Note, Lengths.Note), db,
            found => found.Reject(Caller.Of(http).Id, RequestText.Blank(body?.Note), clock.GetUtcNow()), ct);

    internal static Task<Results<Ok<ProcurementResponse>, ValidationProblem, ProblemHttpResult>> Order(
        string request, OrderRequest? body, AssetsDbContext db, TimeProvider clock, CancellationToken ct) =>
        Decide(request, new Validator().Optional("orderReference", body?.OrderReference, Lengths.Serial), db,
            found => found.Order(RequestText.Blank(body?.OrderReference), clock.GetUtcNow()), ct);

    /// <summary>An approval, a rejection or an order: the request's own rules say when each may happen (409 otherwise).</summary>
    private static Task<Results<Ok<ProcurementResponse>, ValidationProblem, ProblemHttpResult>> Decide(
        string request, Validator v, AssetsDbContext db, Action<ProcurementRequest> decide, CancellationToken ct) =>
        db.ChangeAsync(v, () => db.FindProcurementAsync(request, ct), ("Procurement request", request), decide, ProcurementResponse.From, ct);

    /// <summary>Receives units of one item: each becomes an asset in stock (vendor, price and date from the order), all in one transaction.</summary>
    internal static async Task<Results<Ok<ProcurementResponse>, ValidationProblem, ProblemHttpResult>> Receive(
        string request, ReceiveRequest body, AssetsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var serials = (body.Serials ?? []).Select(s => s?.Trim() ?? "").ToList();
        var v = new Validator().Required("item", body.Item, Lengths.Key).Optional("location", body.Location, Lengths.Name)
            .Check(serials.All(s => s.Length is > 0 and <= Lengths.Serial), "serials", $"Serial numbers are 1 to {Lengths.Serial} characters.")
            .Check(serials.Distinct(StringComparer.OrdinalIgnoreCase).Count() == serials.Count, "serials", "A serial number appears twice.")
            .Check(serials.Count > 0 || body.Quantity is >= 1, "quantity", "Give the 'serials' received, or a 'quantity' of at least 1.")
            .Check(serials.Count == 0 || body.Quantity is null || body.Quantity == serials.Count, "quantity", "'quantity' must match the number of serials.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var found = await db.FindProcurementAsync(request, ct);
        if (found is null) return Problems.NotFound("Procurement request", request);
        var item = RequestItem.Find(found.Items, body.Item);
        if (item is null) return Problems.NotFound("Item", body.Item!);
        if (serials.Count > 0)
        {
            var taken = await db.Assets.AsNoTracking().Where(a => a.Serial != null && serials.Contains(a.Serial)).Select(a => a.Serial).ToListAsync(ct);
            if (taken.Count > 0) return Problems.Conflict("duplicate-serial", $"Already registered: {string.Join(", ", taken)}.");
        }

        var quantity = serials.Count > 0 ? serials.Count : body.Quantity!.Value;
        var now = clock.GetUtcNow();
        var by = Caller.Of(http).Id;
        var price = found.Receive(item.Id, quantity, now);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct); // joins an Idempotency-Key request's
        var numbers = await db.NextNumbersAsync(Sequences.Assets, quantity, ct);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var assets = numbers.Select((n, i) => Asset.Register(n,
            new AssetDetails(item.Kind, item.Model, serials.Count > 0 ? serials[i] : null, found.ApprovedVendor, today, price, body.WarrantyEnd,
                RequestText.Blank(body.Location)),
            AssetStatus.InStock, null, by, $"received on {found.Key}", now)).ToList();
        db.Assets.AddRange(assets);
        found.Announce(assets.Select(a => a.Tag).ToList(), price * quantity, by, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(ProcurementResponse.From(found));
    }
}
