namespace Platform.Projects.Features;

/// <summary>
/// Vendor control: the vendor register (PMO and PSO keep it; everyone reads it), contracts per project with the
/// deliverables they owe (made as the project's deliverables, reviewed by the same workflow), and the scorecard.
/// Contracts and their deliverables show only on projects the caller sees.
/// </summary>
public static class VendorEndpoints
{
    private const string KeepersOnly = "Only PMO analysts and PSO staff keep the vendor register.";
    private const string ManagersOnly = "Only PMO analysts and the project's manager sign its contracts.";

    private static bool KeepsVendors(Caller caller) => caller.ManagesProjects || caller.IsIn(Roles.PsoStaff);

    private static Validator CheckVendor(string? name, string? contact, string? notes, bool creating)
    {
        var v = creating ? new Validator().Required("name", name, Lengths.Title) : new Validator().Optional("name", name, Lengths.Title);
        v.Check(name is null || name.Trim().Length > 0, "name", "'name' cannot be blank.")
            .Optional("contactEmail", contact, Lengths.Title)
            .Check(string.IsNullOrEmpty(contact) || System.Net.Mail.MailAddress.TryCreate(contact.Trim(), out _), "contactEmail", "'contactEmail' is not an e-mail address.")
            .Optional("notes", notes, Lengths.Text);
        return v;
    }

    internal static async Task<Ok<IReadOnlyList<VendorSummary>>> List(ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct,
        string? q = null, bool includeInactive = false)
    {
        var query = db.Vendors.AsNoTracking();
        if (!includeInactive) query = query.Where(v => v.Active);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(v => v.NormalizedName.Contains(Vendor.Normalize(q)));
        var vendors = await query.OrderBy(v => v.Name).Take(500).ToListAsync(ct);
        var cards = await ScorecardsAsync(db, Caller.Of(http), vendors, clock.Today(), ct);
        return TypedResults.Ok<IReadOnlyList<VendorSummary>>(vendors.Select(v =>
            new VendorSummary(v.Id, v.Key, v.Name, v.ContactEmail, v.Active, cards[v.Id].Scorecard)).ToList());
    }

    internal static async Task<Results<Created<VendorView>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterVendorRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = CheckVendor(request.Name, request.ContactEmail, request.Notes, creating: true);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (!KeepsVendors(Caller.Of(http))) return Problems.Forbidden(KeepersOnly);
        var name = request.Name!.Trim();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.LockAsync("vendor:" + Vendor.Normalize(name), ct);
        if (await db.Vendors.AnyAsync(x => x.NormalizedName == Vendor.Normalize(name), ct))
            return Problems.Conflict("vendor-exists", $"A vendor named '{name}' is in the register already.");
        var vendor = Vendor.Register(await db.NextNumberAsync(Sequences.Vendors, ct), name, RequestText.Blank(request.ContactEmail), request.Notes?.Trim(),
            clock.GetUtcNow());
        db.Vendors.Add(vendor);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/vendors/{vendor.Key}", await ViewAsync(db, Caller.Of(http), vendor, clock.Today(), ct));
    }

    internal static async Task<Results<Ok<VendorView>, ProblemHttpResult>> Get(string vendor, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.Vendors.AsNoTracking().FindByReferenceAsync(vendor, Vendor.KeyPrefix, ct);
        return found is null ? Problems.NotFound("Vendor", vendor) : TypedResults.Ok(await ViewAsync(db, Caller.Of(http), found, clock.Today(), ct));
    }

    internal static async Task<Results<Ok<VendorView>, ValidationProblem, ProblemHttpResult>> Update(
        string vendor, UpdateVendorRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = CheckVendor(request.Name, request.ContactEmail, request.Notes, creating: false);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (!KeepsVendors(Caller.Of(http))) return Problems.Forbidden(KeepersOnly);
        var found = await db.Vendors.FindByReferenceAsync(vendor, Vendor.KeyPrefix, ct);
        if (found is null) return Problems.NotFound("Vendor", vendor);
        if (request.Name is not null && Vendor.Normalize(request.Name) != found.NormalizedName
            && await db.Vendors.AnyAsync(x => x.NormalizedName == Vendor.Normalize(request.Name), ct))
            return Problems.Conflict("vendor-exists", $"A vendor named '{request.Name.Trim()}' is in the register already.");
        found.Edit(request.Name?.Trim(), request.ContactEmail?.Trim(), request.Notes?.Trim(), request.Active, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, Caller.Of(http), found, clock.Today(), ct));
    }

    internal static async Task<Results<Created<ContractView>, ValidationProblem, ProblemHttpResult>> Sign(
        string project, SignContractRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var currency = Money.CurrencyCode(request.Currency);
        var v = new Validator().Required("vendor", request.Vendor, Lengths.Key).Required("title", request.Title, Lengths.Title)
            .Check(request.Value is >= 0 and <= Money.MaxAmount, "value", $"'value' is required, 0 to {Money.MaxAmount:0}.")
            .Currency(currency)
            .Check(request.StartDate is not null, "startDate", "'startDate' is required.")
            .Check(request.EndDate is not null, "endDate", "'endDate' is required.")
            .Check(request.StartDate is null || request.EndDate is null || request.EndDate >= request.StartDate, "endDate", "'endDate' must not be before 'startDate'.")
            .Optional("slaTerms", request.SlaTerms, Lengths.Text)
            .Check((request.Deliverables?.Count ?? 0) <= 100, "deliverables", "A contract owes at most 100 deliverables here.");
        var owed = request.Deliverables ?? [];
        for (var i = 0; i < owed.Count; i++)
        {
            var f = $"deliverables[{i}]";
            if (owed[i] is not { } d) { v.Check(false, f, $"'{f}' is required."); continue; }
            v.Required($"{f}.name", d.Name, Lengths.Title).Optional($"{f}.description", d.Description, Lengths.Text)
                .Check(d.DueDate is not null, $"{f}.dueDate", $"'{f}.dueDate' is required.")
                .Check((d.AcceptanceCriteria?.Count ?? 0) <= 50, $"{f}.acceptanceCriteria", "At most 50 acceptance criteria.");
            for (var j = 0; j < (d.AcceptanceCriteria?.Count ?? 0); j++) v.Required($"{f}.acceptanceCriteria[{j}]", d.AcceptanceCriteria![j], Lengths.ListEntry);
        }

        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.Manages(found)) return Problems.Forbidden(ManagersOnly);
        var vendor = await db.Vendors.AsNoTracking().FindByReferenceAsync(request.Vendor!.Trim(), Vendor.KeyPrefix, ct);
        if (vendor is null) return Problems.NotFound("Vendor", request.Vendor);
        if (!vendor.Active) return Problems.Conflict("vendor-inactive", $"{vendor.Key} {vendor.Name} is inactive; it takes no new contract.");
        if (currency is not null && currency != found.Currency)
            return Problems.Unprocessable("currency-mismatch", $"{found.Key} keeps its money in {found.Currency}; the contract is in {currency}.");

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var contract = VendorContract.Sign(await db.NextNumberAsync(Sequences.Contracts, ct), vendor, found, request.Title!.Trim(), request.Value!.Value,
            request.StartDate!.Value, request.EndDate!.Value, request.SlaTerms?.Trim(), caller.Id, now);
        db.Contracts.Add(contract);
        foreach (var d in owed)
        {
            var criteria = (d!.AcceptanceCriteria ?? []).Select(c => c!.Trim()).ToList();
            db.Deliverables.Add(Deliverable.Define(await db.NextNumberAsync(Sequences.Deliverables, ct), found, d.Name!.Trim(),
                d.Description?.Trim() ?? $"Owed by {vendor.Name} under {contract.Key}.", criteria, null, d.DueDate, now, contract.Id));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var views = await ContractViewsAsync(db, db.Contracts.Where(c => c.Id == contract.Id), clock.Today(), ct);
        return TypedResults.Created($"/api/projects/{found.Key}/contracts/{contract.Key}", views.Single());
    }

    internal static async Task<Results<Ok<IReadOnlyList<ContractView>>, ProblemHttpResult>> ListForProject(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        return TypedResults.Ok(await ContractViewsAsync(db, db.Contracts.Where(c => c.ProjectId == found.Id), clock.Today(), ct));
    }

    private static async Task<IReadOnlyList<ContractView>> ContractViewsAsync(ProjectsDbContext db, IQueryable<VendorContract> query, DateOnly today, CancellationToken ct)
    {
        var contracts = await query.AsNoTracking().OrderBy(c => c.Number).ToListAsync(ct);
        var ids = contracts.Select(c => c.Id).ToList();
        var vendorIds = contracts.Select(c => c.VendorId).Distinct().ToList();
        var vendors = await db.Vendors.AsNoTracking().Where(v => vendorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var deliverables = await db.Deliverables.AsNoTracking().Include(d => d.Reviews).Where(d => d.ContractId != null && ids.Contains(d.ContractId.Value))
            .OrderBy(d => d.Number).ToListAsync(ct);
        return contracts.Select(c => new ContractView(c.Id, c.Key, vendors[c.VendorId].Key, vendors[c.VendorId].Name, c.ProjectKey, c.Title, c.Value,
            c.Currency, c.StartDate, c.EndDate, c.SlaTerms, c.CreatedBy, c.CreatedAt,
            deliverables.Where(d => d.ContractId == c.Id).Select(d =>
            {
                var (acceptedAt, onTime, _, rejections) = Delivery(d, today);
                return new ContractDeliverableView(d.Key, d.Name, d.DueDate, d.Status, acceptedAt, onTime, rejections);
            }).ToList())).ToList();
    }

    /// <summary>When it was accepted (null: not), whether on time, whether late now, and how often it was rejected.</summary>
    private static (DateTimeOffset? AcceptedAt, bool OnTime, bool Late, int Rejections) Delivery(Deliverable d, DateOnly today)
    {
        var acceptedAt = d.Status == DeliverableStatus.Accepted
            ? d.Reviews.Where(r => r.Action == nameof(DeliverableAction.Accept)).Select(r => (DateTimeOffset?)r.At).Max()
            : null;
        var acceptedDay = acceptedAt is null ? (DateOnly?)null : DateOnly.FromDateTime(acceptedAt.Value.UtcDateTime);
        var onTime = acceptedDay is not null && (d.DueDate is null || acceptedDay <= d.DueDate);
        var late = acceptedDay is not null ? !onTime : d.DueDate < today;
        return (acceptedAt, onTime, late, d.Reviews.Count(r => r.Action == nameof(DeliverableAction.Reject)));
    }

    private static async Task<VendorView> ViewAsync(ProjectsDbContext db, Caller caller, Vendor vendor, DateOnly today, CancellationToken ct)
    {
        var card = (await ScorecardsAsync(db, caller, [vendor], today, ct))[vendor.Id];
        var visible = db.VisibleProjects(caller).Select(p => p.Id);
        var contracts = await ContractViewsAsync(db, db.Contracts.Where(c => c.VendorId == vendor.Id && visible.Contains(c.ProjectId)), today, ct);
        return new VendorView(vendor.Id, vendor.Key, vendor.Name, vendor.ContactEmail, vendor.Notes, vendor.Active, vendor.CreatedAt, vendor.UpdatedAt,
            card.Scorecard, contracts, card.Quotes);
    }

    /// <summary>Each vendor's scorecard, from the contracts on projects the caller sees and from every quote.</summary>
    private static async Task<Dictionary<Guid, (VendorScorecard Scorecard, IReadOnlyList<QuoteView> Quotes)>> ScorecardsAsync(
        ProjectsDbContext db, Caller caller, IReadOnlyList<Vendor> vendors, DateOnly today, CancellationToken ct)
    {
        var ids = vendors.Select(v => v.Id).ToList();
        var names = vendors.Select(v => v.NormalizedName).ToList();
        var visible = db.VisibleProjects(caller).Select(p => p.Id);
        var contracts = await db.Contracts.AsNoTracking().Where(c => ids.Contains(c.VendorId) && visible.Contains(c.ProjectId))
            .Select(c => new { c.Id, c.VendorId, c.Value, c.Currency }).ToListAsync(ct);
        var contractIds = contracts.Select(c => c.Id).ToList();
        var deliverables = await db.Deliverables.AsNoTracking().Include(d => d.Reviews)
            .Where(d => d.ContractId != null && contractIds.Contains(d.ContractId.Value)).ToListAsync(ct);
        var quotes = await db.VendorQuotes.AsNoTracking().Where(q => names.Contains(q.NormalizedVendor)).OrderByDescending(q => q.QuotedAt).ToListAsync(ct);
        var quoted = quotes.Select(q => q.RequestId).Distinct().ToList();
        var won = await db.Commitments.AsNoTracking().Where(c => quoted.Contains(c.RequestId) && c.Vendor != "")
            .Select(c => new { c.RequestId, c.Vendor }).ToListAsync(ct);

        var cards = new Dictionary<Guid, (VendorScorecard, IReadOnlyList<QuoteView>)>();
        foreach (var vendor in vendors)
        {
            var own = contracts.Where(c => c.VendorId == vendor.Id).ToList();
            var owed = deliverables.Where(d => own.Any(c => c.Id == d.ContractId)).Select(d => (d, Delivery(d, today))).ToList();
            var accepted = owed.Count(x => x.Item2.AcceptedAt is not null);
            var onTime = owed.Count(x => x.Item2.OnTime);
            var late = owed.Count(x => x.Item2.Late);
            var theirs = quotes.Where(q => q.NormalizedVendor == vendor.NormalizedName).ToList();
            var hours = theirs.Select(q => (decimal)Math.Round((q.QuotedAt - q.RequestedAt).TotalHours, 1)).Order().ToList();
            var median = hours.Count == 0 ? (decimal?)null
                : hours.Count % 2 == 1 ? hours[hours.Count / 2] : Math.Round((hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2, 1);
            var requests = theirs.Select(q => q.RequestId).ToHashSet();
            var wins = won.Count(w => requests.Contains(w.RequestId) && Vendor.Normalize(w.Vendor) == vendor.NormalizedName);
            var card = new VendorScorecard(own.Count,
                own.GroupBy(c => c.Currency).OrderBy(g => g.Key).Select(g => new CurrencyAmount(g.Key, g.Sum(c => c.Value))).ToList(),
                owed.Count, accepted, onTime, late, owed.Count - accepted, onTime + late == 0 ? null : (int)Math.Round(100.0 * onTime / (onTime + late)),
                owed.Count(x => x.Item2.Rejections > 0), owed.Sum(x => x.Item2.Rejections), theirs.Count, median, wins);
            cards[vendor.Id] = (card, theirs.Take(50).Select(q => new QuoteView(q.RequestKey, q.RequestedAt, q.QuotedAt,
                (decimal)Math.Round((q.QuotedAt - q.RequestedAt).TotalHours, 1))).ToList());
        }

        return cards;
    }
}
